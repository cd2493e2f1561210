"""
Reads about consultations that views and actions share: a viewer's submission of a
kind, a draft round's text as sections. Nothing here writes (see
`consultations.actions`); who may see what is decided by `consultations.access`.
"""

from __future__ import annotations

from consultations.access import organisation_for
from consultations.models import DraftRound, Submission
from portal.permissions import Viewer


def round_as_sections(draft_round: DraftRound):
    """The round's text in the shape `do_create_round` takes, to copy it."""
    return [
        (
            section.number,
            section.heading,
            [(p.anchor, p.number, p.text) for p in section.paragraphs.order_by("sort_order")],
        )
        for section in draft_round.sections.order_by("sort_order")
    ]


def find_submission(viewer: Viewer, consultation, kind: str) -> Submission | None:
    if kind == Submission.Kind.INDIVIDUAL:
        if viewer.user is None:
            return None
        return Submission.objects.filter(
            consultation=consultation, kind=kind, focal_point=viewer.user
        ).first()
    organisation = organisation_for(viewer, consultation)
    if organisation is None:
        return None
    return Submission.objects.filter(
        consultation=consultation, kind=kind, organisation=organisation
    ).first()
