"""The secretariat's view of all input: the inbox query and the CSV/XLSX exports."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook

from consultations.models import Comment, Submission

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
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(export_rows(consultation))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(consultation, "csv")}"'
    return response


def export_xlsx(consultation) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Comments"
    sheet.append(EXPORT_COLUMNS)
    for row in export_rows(consultation):
        sheet.append(row)
    answers = workbook.create_sheet("Answers")
    answers.append(["submission_id", "submitter", "confidentiality", "question", "answer"])
    for submission in Submission.objects.filter(
        consultation=consultation, status=Submission.Status.SUBMITTED
    ).prefetch_related("answers__question"):
        for answer in submission.answers.all():
            answers.append(
                [
                    submission.pk,
                    submission.submitter_name,
                    submission.confidentiality,
                    answer.question.text,
                    answer.text,
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(consultation, "xlsx")}"'
    return response
