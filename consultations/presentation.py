"""
What consultation pages show to one reader: the draft, their own input, the public
report. Who may see what is decided by `consultations.access` (on `portal.permissions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from consultations.access import (
    can_read_consultation,
    can_review,
    is_eligible,
    may_submit_individually,
    organisation_for,
)
from consultations.models.drafts import DraftParagraph
from consultations.models.submissions import Comment, Confidentiality, Submission
from portal.middleware import second_factor_needed
from portal.permissions import ANONYMOUS, member_name_for, viewer_for_request


def refuse(request, viewer):
    """Sign in (anonymous), use your second factor (a role waiting for it), else 404."""
    if not viewer.is_authenticated:
        return redirect(
            f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
        )
    if viewer.needs_mfa:
        return second_factor_needed(request)
    raise Http404


def refuse_unless_readable(request, consultation):
    viewer = viewer_for_request(request)
    if can_read_consultation(viewer, consultation):
        return None
    return refuse(request, viewer)


def sections_of(draft_round):
    """[(section, [paragraph, ...]), ...] in reading order."""
    if draft_round is None:
        return []
    return [
        (section, list(section.paragraphs.order_by("sort_order")))
        for section in draft_round.sections.order_by("sort_order")
    ]


def consultation_context(request, consultation) -> dict:
    viewer = viewer_for_request(request)
    current = consultation.current_round()
    from_submissions = {}
    if viewer.user is not None:
        organisation = organisation_for(viewer, consultation)
        if organisation is not None:
            from_submissions["organisation"] = Submission.objects.filter(
                consultation=consultation,
                kind=Submission.Kind.ORGANISATION,
                organisation=organisation,
            ).first()
        from_submissions["individual"] = Submission.objects.filter(
            consultation=consultation, kind=Submission.Kind.INDIVIDUAL, focal_point=viewer.user
        ).first()
    return {
        "current_round": current,
        "previous_round": current.previous() if current else None,
        "sections": sections_of(current),
        "is_open": consultation.is_open(),
        "has_closed": consultation.has_closed(),
        "eligible": is_eligible(viewer, consultation),
        "organisation": organisation_for(viewer, consultation),
        "may_submit_individually": may_submit_individually(viewer, consultation),
        "organisation_submission": from_submissions.get("organisation"),
        "individual_submission": from_submissions.get("individual"),
        "can_review": can_review(viewer, consultation),
        "report_url": consultation.url + consultation.reverse_subpage("report"),
    }


# The public report ------------------------------------------------------------------


@dataclass
class PublicComment:
    comment: Comment
    attribution: str  # organisation or person, or "" when anonymous
    response: object | None


@dataclass
class ParagraphReport:
    anchor: str
    number: str
    texts: list[DraftParagraph] = field(default_factory=list)  # one per round
    comment_count: int = 0
    public_comments: list[PublicComment] = field(default_factory=list)


def publishable_comments(consultation):
    """Comments anyone may read: submitted, and the submitter chose to publish them."""
    return (
        Comment.objects.filter(
            submission__consultation=consultation,
            submission__status=Submission.Status.SUBMITTED,
            submission__confidentiality__in=[Confidentiality.ATTRIBUTED, Confidentiality.ANONYMOUS],
        )
        .select_related("submission__organisation", "submission__focal_point", "paragraph__round")
        .order_by("pk")
    )


def public_submitter_name(submission: Submission) -> str:
    """The submitter as the public may see them: a youth delegate by their pseudonym."""
    if submission.kind == Submission.Kind.ORGANISATION and submission.organisation is not None:
        return submission.organisation.name
    return member_name_for(ANONYMOUS, submission.focal_point)


def paragraph_reports(consultation) -> list[ParagraphReport]:
    """The public report: every reader sees the same page, so names are the public's."""
    reports: dict[str, ParagraphReport] = {}
    for paragraph in (
        DraftParagraph.objects.filter(round__consultation=consultation)
        .select_related("round", "section")
        .order_by("round__number", "section__sort_order", "sort_order")
    ):
        report = reports.setdefault(
            paragraph.anchor, ParagraphReport(paragraph.anchor, paragraph.number)
        )
        report.number = paragraph.number
        report.texts.append(paragraph)
    submitted = Comment.objects.filter(
        submission__consultation=consultation, submission__status=Submission.Status.SUBMITTED
    )
    for anchor in submitted.values_list("anchor", flat=True):
        if anchor in reports:
            reports[anchor].comment_count += 1
    for comment in publishable_comments(consultation):
        submission = comment.submission
        attribution = (
            public_submitter_name(submission)
            if submission.confidentiality == Confidentiality.ATTRIBUTED
            else ""
        )
        response = getattr(comment, "response", None)
        if response is not None and response.published_at is None:
            response = None
        if comment.anchor in reports:
            reports[comment.anchor].public_comments.append(
                PublicComment(comment, attribution, response)
            )
    return list(reports.values())


def report_response(request, consultation):
    refusal = refuse_unless_readable(request, consultation)
    if refusal is not None:
        return refusal
    viewer = viewer_for_request(request)
    # Before the deadline input is still changing; the secretariat may look ahead.
    ready = consultation.has_closed(timezone.now()) or can_review(viewer, consultation)
    return render(
        request,
        "consultations/consultation_report.html",
        {
            "page": consultation,
            "consultation": consultation,
            "ready": ready,
            "paragraphs": paragraph_reports(consultation) if ready else [],
        },
    )
