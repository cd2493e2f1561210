"""
Who may read, draft, submit and review consultation input.

Visibility of the consultation page itself is `portal.permissions.can_view`; the rules
here build on the viewer's approved group memberships and organisation, never on
anything else, so every path (pages, JSON autosave, exports, report, home section,
dashboard) answers alike.
"""

from __future__ import annotations

from portal.models import Membership, Organisation, Role
from portal.permissions import Viewer, can_view


def can_read_consultation(viewer: Viewer, consultation) -> bool:
    return can_view(viewer, consultation)


def eligible_group_ids(consultation) -> set[int]:
    # A ParentalManyToManyField's manager works on in-memory objects: no values_list().
    return {group.pk for group in consultation.eligible_groups.all()}


def is_eligible(viewer: Viewer, consultation) -> bool:
    """An approved member of one of the groups invited to give input."""
    return can_read_consultation(viewer, consultation) and bool(
        viewer.group_ids & eligible_group_ids(consultation)
    )


def organisation_for(viewer: Viewer, consultation) -> Organisation | None:
    """
    The organisation a viewer speaks for here: the organisation of an approved membership
    in an eligible group (or, if that membership names none, the one on their profile).
    """
    if not is_eligible(viewer, consultation):
        return None
    membership = (
        Membership.objects.filter(
            user=viewer.user,
            status=Membership.Status.APPROVED,
            group_id__in=eligible_group_ids(consultation) & viewer.group_ids,
            organisation__isnull=False,
        )
        .select_related("organisation")
        .first()
    )
    if membership is not None:
        return membership.organisation
    return viewer.user.organisation


def may_submit_individually(viewer: Viewer, consultation) -> bool:
    return (
        consultation.allows_individual_youth_submissions
        and is_eligible(viewer, consultation)
        and Role.YOUTH in viewer.roles
    )


def can_edit_submission(viewer: Viewer, submission) -> bool:
    """Draft and change: organisation members for an organisation's, the author for one's own."""
    consultation = submission.consultation
    if submission.kind == submission.Kind.INDIVIDUAL:
        return (
            viewer.user is not None
            and viewer.user.pk == submission.focal_point_id
            and may_submit_individually(viewer, consultation)
        )
    organisation = organisation_for(viewer, consultation)
    return organisation is not None and organisation.pk == submission.organisation_id


def can_submit(viewer: Viewer, submission) -> bool:
    """Only the focal point sends the organisation's input (and re-sends it)."""
    return can_edit_submission(viewer, submission) and viewer.user.pk == submission.focal_point_id


def can_review(viewer: Viewer, consultation) -> bool:
    """The secretariat's inbox, responses and exports (secretariat rights need MFA)."""
    return viewer.is_secretariat


def can_see_submission(viewer: Viewer, submission) -> bool:
    """The full submission, whatever its confidentiality: its authors and the secretariat."""
    return can_review(viewer, submission.consultation) or can_edit_submission(viewer, submission)
