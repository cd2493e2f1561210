"""The home page's "open consultations" section and the dashboard's "my drafts" slot."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.access import can_edit_submission, organisation_ids_of_member
from consultations.models import ConsultationPage, Submission
from portal.dates import datetime_in_zone
from portal.permissions import filter_viewable, viewer_for_request
from portal.sections import SectionItem


def open_consultations(request) -> list[SectionItem]:
    """Open consultations this viewer may read (and, if eligible, take part in)."""
    now = timezone.now()
    viewer = viewer_for_request(request)
    pages = filter_viewable(
        viewer,
        ConsultationPage.objects.live()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at"),
    )
    return [
        SectionItem(
            title=page.title,
            url=page.url,
            when=page.local_closes_at,
            summary=_("Deadline %(deadline)s")
            % {"deadline": datetime_in_zone(page.closes_at, page.time_zone)},
        )
        for page in pages[:5]
    ]


def my_drafts(request) -> list[SectionItem]:
    """Submissions the member may edit, with their status and deadline."""
    viewer = viewer_for_request(request)
    if viewer.user is None:
        return []
    candidates = Submission.objects.filter(consultation__live=True).select_related(
        "consultation", "organisation", "focal_point"
    )
    candidates = candidates.filter(
        organisation_id__in=organisation_ids_of_member(viewer)
    ) | candidates.filter(focal_point=viewer.user)
    items = []
    for submission in candidates.distinct().order_by("consultation__closes_at"):
        if not can_edit_submission(viewer, submission):
            continue
        consultation = submission.consultation
        if submission.status == Submission.Status.SUBMITTED:
            state = _("submitted %(when)s") % {
                "when": datetime_in_zone(submission.submitted_at, consultation.time_zone)
            }
        else:
            state = _("draft")
        items.append(
            SectionItem(
                title=f"{consultation.title} — {submission.submitter_name}",
                url=reverse(
                    "consultations:submission_edit", args=[consultation.pk, submission.kind]
                ),
                when=consultation.local_closes_at,
                summary=_("%(state)s · deadline %(deadline)s")
                % {
                    "state": state,
                    "deadline": datetime_in_zone(consultation.closes_at, consultation.time_zone),
                },
            )
        )
    return items
