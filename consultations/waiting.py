"""The consultations' queue on the staff home: submitted input not yet answered."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from consultations.access import can_review
from consultations.models import Comment, ConsultationPage, Submission
from portal.permissions import Viewer
from portal.staff_work import WaitingItem


def unanswered_input(viewer: Viewer) -> list[WaitingItem] | None:
    if not viewer.is_secretariat:
        return None
    counts = (
        Comment.objects.filter(
            submission__status=Submission.Status.SUBMITTED, response__isnull=True
        )
        .values("submission__consultation")
        .annotate(count=Count("pk"))
    )
    by_consultation = {row["submission__consultation"]: row["count"] for row in counts}
    consultations = ConsultationPage.objects.filter(pk__in=by_consultation).order_by("title")
    return [
        WaitingItem(
            ngettext(
                "%(consultation)s: %(count)d comment without a response",
                "%(consultation)s: %(count)d comments without a response",
                by_consultation[consultation.pk],
            )
            % {"consultation": consultation.title, "count": by_consultation[consultation.pk]},
            reverse("consultations:inbox", args=[consultation.pk]),
        )
        for consultation in consultations
        if can_review(viewer, consultation)
    ]
