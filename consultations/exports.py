"""
The secretariat's view of all input: the inbox query and the CSV/XLSX exports. Exports are
read by people: headers and values (status, organisation type, country, outcome) are labels
in the reader's language, never stored codes such as `cso`, `KH` or `partly`.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.models import Comment, Submission
from portal.cldr import country_name
from portal.spreadsheets import csv_response, xlsx_response

EXPORT_COLUMNS = [
    gettext_lazy("Submission"),
    gettext_lazy("Status"),
    gettext_lazy("Kind"),
    gettext_lazy("Submitter"),
    gettext_lazy("Organisation type"),
    gettext_lazy("Country"),
    gettext_lazy("Confidentiality"),
    gettext_lazy("Round"),
    gettext_lazy("Paragraph"),
    gettext_lazy("Anchor"),
    gettext_lazy("Comment"),
    gettext_lazy("Suggested rewording"),
    gettext_lazy("Response"),
    gettext_lazy("Explanation"),
    gettext_lazy("Response published"),
    gettext_lazy("Led to"),
]
ANSWER_COLUMNS = [
    gettext_lazy("Submission"),
    gettext_lazy("Submitter"),
    gettext_lazy("Confidentiality"),
    gettext_lazy("Question"),
    gettext_lazy("Answer"),
]


def _headers(columns) -> list[str]:
    return [str(column) for column in columns]


def _country(organisation) -> str:
    if organisation is None or organisation.country is None:
        return ""
    return country_name(organisation.country.code, default=organisation.country.name)


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
            led_to = _("round %(round)s ¶ %(paragraph)s") % {
                "round": later.round.number,
                "paragraph": later.number,
            }
        yield [
            submission.pk,
            submission.get_status_display(),
            submission.get_kind_display(),
            submission.submitter_name,
            organisation.get_type_display() if organisation else "",
            _country(organisation),
            submission.get_confidentiality_display(),
            comment.paragraph.round.number,
            comment.paragraph.number,
            comment.anchor,
            comment.text,
            comment.suggested_text,
            response.get_outcome_display() if response else "",
            response.explanation if response else "",
            _("yes") if response and response.published_at else _("no"),
            led_to,
        ]


def _filename(consultation, extension: str) -> str:
    return f"{slugify(consultation.title) or 'consultation'}-input.{extension}"


def export_csv(consultation) -> HttpResponse:
    return csv_response(
        _filename(consultation, "csv"), _headers(EXPORT_COLUMNS), export_rows(consultation)
    )


def answer_rows(consultation):
    """One row per answer to a question, for every submitted submission."""
    for submission in Submission.objects.filter(
        consultation=consultation, status=Submission.Status.SUBMITTED
    ).prefetch_related("answers__question"):
        for answer in submission.answers.all():
            yield [
                submission.pk,
                submission.submitter_name,
                submission.get_confidentiality_display(),
                answer.question.text,
                answer.text,
            ]


def export_xlsx(consultation) -> HttpResponse:
    return xlsx_response(
        _filename(consultation, "xlsx"),
        [
            (_("Comments"), _headers(EXPORT_COLUMNS), export_rows(consultation)),
            (_("Answers"), _headers(ANSWER_COLUMNS), answer_rows(consultation)),
        ],
    )
