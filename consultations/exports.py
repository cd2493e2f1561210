"""The secretariat's view of all input: the inbox query and the CSV/XLSX exports."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify

from consultations.models import Comment, Submission
from portal.spreadsheets import csv_response, xlsx_response

EXPORT_COLUMNS = [
    "submission_id",
    "status",
    "kind",
    "submitter",
    "organisation_type",
    "country",
    "confidentiality",
    "round",
    "paragraph",
    "anchor",
    "comment",
    "suggested_rewording",
    "response",
    "explanation",
    "response_published",
    "led_to",
]
ANSWER_COLUMNS = ["submission_id", "submitter", "confidentiality", "question", "answer"]


def inbox_comments(consultation, *, paragraph="", organisation_type="", country=""):
    """Submitted comments (drafts stay private to their authors), filtered as asked."""
    comments = (
        Comment.objects.filter(
            submission__consultation=consultation, submission__status=Submission.Status.SUBMITTED
        )
        .select_related(
            "submission__organisation__country",
            "submission__focal_point",
            "paragraph__round",
            "response__resulting_paragraph__round",
        )
        .order_by("paragraph__section__sort_order", "paragraph__sort_order", "pk")
    )
    if any("\x00" in value for value in (paragraph, organisation_type, country)):
        # No stored value holds a NUL (PostgreSQL text cannot), so nothing matches.
        return comments.none()
    if paragraph:
        comments = comments.filter(anchor=paragraph)
    if organisation_type:
        comments = comments.filter(submission__organisation__type=organisation_type)
    if country:
        comments = comments.filter(submission__organisation__country__code=country.upper())
    return comments


def export_rows(consultation):
    """One row per comment of every submitted submission, confidential ones included."""
    for comment in inbox_comments(consultation):
        submission = comment.submission
        organisation = submission.organisation
        response = getattr(comment, "response", None)
        led_to = ""
        if response is not None and response.resulting_paragraph is not None:
            later = response.resulting_paragraph
            led_to = f"round {later.round.number} ¶ {later.number}"
        yield [
            submission.pk,
            submission.status,
            submission.kind,
            submission.submitter_name,
            organisation.type if organisation else "",
            organisation.country.code if organisation and organisation.country else "",
            submission.confidentiality,
            comment.paragraph.round.number,
            comment.paragraph.number,
            comment.anchor,
            comment.text,
            comment.suggested_text,
            response.outcome if response else "",
            response.explanation if response else "",
            "yes" if response and response.published_at else "no",
            led_to,
        ]


def _filename(consultation, extension: str) -> str:
    return f"{slugify(consultation.title) or 'consultation'}-input.{extension}"


def export_csv(consultation) -> HttpResponse:
    return csv_response(_filename(consultation, "csv"), EXPORT_COLUMNS, export_rows(consultation))


def answer_rows(consultation):
    """One row per answer to a question, for every submitted submission."""
    for submission in Submission.objects.filter(
        consultation=consultation, status=Submission.Status.SUBMITTED
    ).prefetch_related("answers__question"):
        for answer in submission.answers.all():
            yield [
                submission.pk,
                submission.submitter_name,
                submission.confidentiality,
                answer.question.text,
                answer.text,
            ]


def export_xlsx(consultation) -> HttpResponse:
    return xlsx_response(
        _filename(consultation, "xlsx"),
        [
            ("Comments", EXPORT_COLUMNS, export_rows(consultation)),
            ("Answers", ANSWER_COLUMNS, answer_rows(consultation)),
        ],
    )
