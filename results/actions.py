"""
Every write of the results framework: starting, saving, submitting, reviewing and
correcting country progress reports, and their evidence.

Each `do_*` checks that the viewer may do it (results.access), validates, writes,
freezes a version where the review moves on, records the audit entry and tells whom
it concerns, in one transaction. A refusal raises `ActionRefused`; input that cannot be
saved raises `ReportInvalid` with a message per field, so the form shows them beside
what was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.actions import ActionRefused
from portal.audit import record
from portal.models import Country, Membership, Role
from portal.notifications import notify
from portal.params import has_control_characters, without_control_characters
from portal.permissions import Viewer
from portal.uploads import is_readable_pdf
from results.access import (
    can_edit_report,
    can_report_for,
    can_review,
    can_start_correction,
)
from results.models import (
    ApprovedValue,
    CountryReport,
    EvidenceFile,
    EvidenceLink,
    Indicator,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    ReportVersion,
)

__all__ = ["ActionRefused", "ReportInvalid"]

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
MAX_LINKS = 20
# Plain decimal numbers: digits with an optional point. No signs, exponents, "NaN",
# thousands separators or words: a value is an aggregate figure, never text.
_NUMBER = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")
# Digits and a point, but more than the figures hold: told apart so the message says why.
_TOO_PRECISE = re.compile(r"[0-9]+(\.[0-9]+)?")


class ReportInvalid(Exception):
    """The typed report cannot be saved; `errors` maps each form field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class ResultsVerb(models.TextChoices):
    """What the results actions record in the audit trail."""

    REPORT_STARTED = "results.report.started", gettext_lazy("Progress report started")
    REPORT_SAVED = "results.report.saved", gettext_lazy("Progress report saved")
    REPORT_SUBMITTED = "results.report.submitted", gettext_lazy("Progress report submitted")
    REPORT_RETURNED = (
        "results.report.returned",
        gettext_lazy("Progress report returned with comments"),
    )
    REPORT_APPROVED = "results.report.approved", gettext_lazy("Progress report approved")
    REPORT_CORRECTION_STARTED = (
        "results.report.correction_started",
        gettext_lazy("Correction of an approved report started"),
    )
    EVIDENCE_ATTACHED = "results.evidence.attached", gettext_lazy("Evidence attached to a report")
    EVIDENCE_REMOVED = "results.evidence.removed", gettext_lazy("Evidence removed from a report")


def _text(raw: str) -> str:
    """Typed text as stored: control characters (NUL among them) become spaces."""
    return without_control_characters(raw or "").strip()


# Typed values ---------------------------------------------------------------------------


@dataclass
class TypedIndicator:
    """What was typed for one indicator, as strings, before validation."""

    value: str = ""
    note: str = ""
    disaggregated: dict[str, str] = field(default_factory=dict)


def parse_number(raw: str) -> Decimal | None:
    """A value typed into the form: None when empty; ValueError when not a plain number."""
    text = raw.strip()
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    try:
        return Decimal(text)
    except InvalidOperation as error:  # unreachable given the pattern, kept as a guard
        raise ValueError(text) from error


def _validate_values(
    indicators: list[Indicator], typed: dict[int, TypedIndicator]
) -> tuple[dict[int, tuple[Decimal | None, dict, str]], dict[str, str]]:
    clean, errors = {}, {}
    for indicator in indicators:
        entry = typed.get(indicator.pk, TypedIndicator())
        try:
            value = parse_number(entry.value)
        except ValueError:
            if _TOO_PRECISE.fullmatch(entry.value.strip()):
                message = _(
                    "%(code)s: use at most 12 digits before the decimal point and 2 after it."
                )
            else:
                message = _(
                    "%(code)s: type a number only (digits and a decimal point), not words or names."
                )
            errors[f"value-{indicator.pk}"] = message % {"code": indicator.code}
            value = None
        else:
            if value is not None and (problem := indicator.value_problem(value)):
                errors[f"value-{indicator.pk}"] = f"{indicator.code}: {problem}"
        disaggregated = {}
        for key, raw in entry.disaggregated.items():
            try:
                number = parse_number(raw)
            except ValueError:
                errors[f"dis-{indicator.pk}-{key}"] = _(
                    "%(code)s, %(category)s: type a number only."
                ) % {"code": indicator.code, "category": key}
                continue
            if number is not None:
                if problem := indicator.value_problem(number):
                    errors[f"dis-{indicator.pk}-{key}"] = f"{indicator.code}, {key}: {problem}"
                else:
                    disaggregated[key] = str(number)
        clean[indicator.pk] = (value, disaggregated, _text(entry.note)[:1000])
    return clean, errors


def _validate_links(raw_links: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], dict]:
    links, errors = [], {}
    for index, (url, title) in enumerate(raw_links[:MAX_LINKS]):
        url, title = url.strip(), _text(title)
        if not url:
            continue
        if (
            not url.startswith(("https://", "http://"))
            or len(url) > 500
            or " " in url
            or has_control_characters(url)
        ):
            errors[f"link-{index}"] = _("%(url)s is not a web address (https://...).") % {
                "url": url[:80]
            }
            continue
        links.append((url, title[:200]))
    return links, errors


# Reports --------------------------------------------------------------------------------


def check_can_start(viewer: Viewer, period: ReportingPeriod, country: Country) -> None:
    if not can_report_for(viewer, country.code):
        raise ActionRefused(
            _("You may report only for your own country. You cannot report for %(country)s.")
            % {"country": country.name}
        )
    if not period.is_open:
        raise ActionRefused(
            _("The reporting period %(period)s is closed; reports are no longer accepted.")
            % {"period": period.label}
        )
    if CountryReport.objects.filter(period=period, country=country).exists():
        raise ActionRefused(
            _(
                "%(country)s already has a report for %(period)s. Open it from your reports "
                "and edit it there; a period has one report per country."
            )
            % {"country": country.name, "period": period.label}
        )


@transaction.atomic
def do_start_report(viewer: Viewer, period: ReportingPeriod, country: Country) -> CountryReport:
    check_can_start(viewer, period, country)
    report = CountryReport.objects.create(period=period, country=country, created_by=viewer.user)
    record(viewer.user, ResultsVerb.REPORT_STARTED, target=report)
    return report


@transaction.atomic
def do_save_report(
    viewer: Viewer,
    *,
    period: ReportingPeriod,
    country: Country,
    typed: dict[int, TypedIndicator],
    narrative: str,
    links: list[tuple[str, str]],
) -> CountryReport:
    """
    Save the country's report for the period (starting it if there is none yet). Raises
    ReportInvalid, with nothing saved, when any field is wrong.
    """
    report = (
        CountryReport.objects.select_for_update()
        .select_related("period", "country")
        .filter(period=period, country=country)
        .first()
    )
    if report is None:
        check_can_start(viewer, period, country)
    elif not can_edit_report(viewer, report):
        raise ActionRefused(_editing_refusal(viewer, report))
    indicators = list(reportable_indicators())
    clean, errors = _validate_values(indicators, typed)
    clean_links, link_errors = _validate_links(links)
    errors.update(link_errors)
    if errors:
        raise ReportInvalid(errors)
    if report is None:
        report = CountryReport.objects.create(
            period=period, country=country, created_by=viewer.user
        )
        record(viewer.user, ResultsVerb.REPORT_STARTED, target=report)
    for indicator in indicators:
        value, disaggregated, note = clean[indicator.pk]
        if value is None and not disaggregated and not note:
            ReportValue.objects.filter(report=report, indicator=indicator).delete()
            continue
        ReportValue.objects.update_or_create(
            report=report,
            indicator=indicator,
            defaults={"value": value, "disaggregated": disaggregated, "note": note},
        )
    report.narrative = _text(narrative)
    report.save()
    report.links.all().delete()
    EvidenceLink.objects.bulk_create(
        EvidenceLink(report=report, url=url, title=title) for url, title in clean_links
    )
    record(viewer.user, ResultsVerb.REPORT_SAVED, target=report)
    return report


def _editing_refusal(viewer: Viewer, report: CountryReport) -> str:
    if not can_report_for(viewer, report.country.code):
        return _("You may report only for your own country.")
    if report.status == ReportStatus.SUBMITTED:
        return _("This report is submitted and waits for the secretariat's review.")
    if report.status == ReportStatus.APPROVED:
        return _("This report is approved. To change it, start a correction and give a reason.")
    return _("The reporting period %(period)s is closed.") % {"period": report.period.label}


def _snapshot(report: CountryReport, status: str, by, *, comments="", reason="") -> ReportVersion:
    last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
    values = [
        {
            "indicator": value.indicator.code,
            "value": None if value.value is None else str(value.value),
            "disaggregated": value.disaggregated,
            "note": value.note,
        }
        for value in report.values.select_related("indicator").order_by("indicator__code")
    ]
    return ReportVersion.objects.create(
        report=report,
        number=last + 1,
        status=status,
        values=values,
        narrative=report.narrative,
        comments=comments,
        reason=reason,
        by=by,
    )


@transaction.atomic
def do_submit_report(viewer: Viewer, report: CountryReport) -> ReportVersion:
    report = (
        CountryReport.objects.select_for_update()
        .select_related("period", "country")
        .get(pk=report.pk)
    )
    if not can_edit_report(viewer, report):
        raise ActionRefused(_editing_refusal(viewer, report))
    if not report.values.filter(value__isnull=False).exists():
        raise ActionRefused(_("Give at least one value before submitting the report."))
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    version = _snapshot(
        report, ReportStatus.SUBMITTED, viewer.user, reason=report.correction_reason
    )
    record(
        viewer.user, ResultsVerb.REPORT_SUBMITTED, target=report, reason=report.correction_reason
    )
    for user in _secretariat_members():
        notify(
            user,
            "results.report.submitted",
            _("%(report)s was submitted for review") % {"report": report},
            url=reverse("results:report_review", args=[report.pk]),
            about=report,
        )
    return version


def _check_review(viewer: Viewer, report: CountryReport) -> None:
    if not can_review(viewer):
        raise ActionRefused(_("Only the secretariat reviews reports."))
    if report.status != ReportStatus.SUBMITTED:
        raise ActionRefused(_("Only a submitted report can be reviewed."))


@transaction.atomic
def do_return_report(viewer: Viewer, report: CountryReport, *, comments: str) -> ReportVersion:
    report = (
        CountryReport.objects.select_for_update()
        .select_related("period", "country")
        .get(pk=report.pk)
    )
    _check_review(viewer, report)
    comments = _text(comments)
    if not comments:
        raise ReportInvalid({"comments": _("Say what the country should change.")})
    report.status = ReportStatus.RETURNED
    report.review_comments = comments
    report.save()
    version = _snapshot(report, ReportStatus.RETURNED, viewer.user, comments=comments)
    record(viewer.user, ResultsVerb.REPORT_RETURNED, target=report, reason=comments)
    _tell_country(
        report,
        _("Your report %(report)s was returned with comments") % {"report": report},
    )
    return version


@transaction.atomic
def do_approve_report(
    viewer: Viewer, report: CountryReport, *, comments: str = ""
) -> ReportVersion:
    report = (
        CountryReport.objects.select_for_update()
        .select_related("period", "country")
        .get(pk=report.pk)
    )
    _check_review(viewer, report)
    report.status = ReportStatus.APPROVED
    comments = _text(comments)
    report.review_comments = comments
    report.approved_at = timezone.now()
    report.save()
    version = _snapshot(report, ReportStatus.APPROVED, viewer.user, comments=comments)
    # The public figures of this country and period become exactly this version's.
    ApprovedValue.objects.filter(country=report.country, period=report.period).delete()
    ApprovedValue.objects.bulk_create(
        ApprovedValue(
            country=report.country,
            period=report.period,
            indicator=value.indicator,
            value=value.value,
            disaggregated=value.disaggregated,
            version=version,
        )
        for value in report.values.select_related("indicator").filter(value__isnull=False)
    )
    record(viewer.user, ResultsVerb.REPORT_APPROVED, target=report, reason=comments)
    _tell_country(report, _("Your report %(report)s was approved") % {"report": report})
    return version


@transaction.atomic
def do_start_correction(viewer: Viewer, report: CountryReport, *, reason: str) -> ReportVersion:
    """
    Reopen an approved report as a draft. The approved figures stay public until the
    corrected report is approved in turn.
    """
    report = (
        CountryReport.objects.select_for_update()
        .select_related("period", "country")
        .get(pk=report.pk)
    )
    if not can_start_correction(viewer, report):
        raise ActionRefused(_("Only an approved report of your own country can be corrected."))
    reason = _text(reason)
    if not reason:
        raise ReportInvalid({"reason": _("Say why the approved report needs a correction.")})
    report.status = ReportStatus.DRAFT
    report.correction_reason = reason
    report.review_comments = ""
    report.save()
    version = _snapshot(report, ReportStatus.DRAFT, viewer.user, reason=reason)
    record(viewer.user, ResultsVerb.REPORT_CORRECTION_STARTED, target=report, reason=reason)
    return version


@transaction.atomic
def do_attach_evidence(viewer: Viewer, report: CountryReport, upload) -> EvidenceFile:
    report = CountryReport.objects.select_related("period", "country").get(pk=report.pk)
    if not can_edit_report(viewer, report):
        raise ActionRefused(_editing_refusal(viewer, report))
    name = _text(Path(upload.name or "").name)[:200] or "evidence.pdf"
    if Path(name).suffix.lower() != ".pdf":
        raise ReportInvalid({"evidence": _("Evidence files must be PDF documents (.pdf).")})
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ReportInvalid({"evidence": _("%(name)s is larger than 10 MB.") % {"name": name}})
    if not is_readable_pdf(upload, accept_encrypted=False):
        raise ReportInvalid(
            {
                "evidence": _(
                    "%(name)s does not open as a PDF (damaged, password-protected or another "
                    "kind of file)."
                )
                % {"name": name}
            }
        )
    evidence = EvidenceFile(report=report, name=name, uploaded_by=viewer.user)
    evidence.file.save(name, upload, save=True)
    record(viewer.user, ResultsVerb.EVIDENCE_ATTACHED, target=report, reason=name)
    return evidence


@transaction.atomic
def do_remove_evidence(viewer: Viewer, evidence: EvidenceFile) -> None:
    report = evidence.report
    if not can_edit_report(viewer, report):
        raise ActionRefused(_editing_refusal(viewer, report))
    name = evidence.name
    evidence.file.delete(save=False)
    evidence.delete()
    record(viewer.user, ResultsVerb.EVIDENCE_REMOVED, target=report, reason=name)


# Who is told ----------------------------------------------------------------------------


def _secretariat_members():
    return _members_with(role=Role.SECRETARIAT)


def country_delegates(country: Country):
    return _members_with(role=Role.GOVERNMENT, country=country)


def _members_with(*, role: str, country: Country | None = None):
    memberships = Membership.objects.filter(
        status=Membership.Status.APPROVED, group__role=role, user__is_active=True
    )
    if country is not None:
        memberships = memberships.filter(group__country=country)
    seen, users = set(), []
    for membership in memberships.select_related("user").order_by("user_id"):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            users.append(membership.user)
    return users


def _tell_country(report: CountryReport, title: str) -> None:
    for user in country_delegates(report.country):
        notify(
            user,
            "results.report.reviewed",
            title,
            url=reverse("results:report_edit", args=[report.period_id, report.country.code]),
            about=report,
        )


def reportable_indicators():
    """
    The indicators a country reports values for: all of them (a regional indicator is
    the countries' figures combined; its scope only decides what the dashboard shows).
    """
    return Indicator.objects.select_related("output__area").prefetch_related("disaggregations")


def do_send_due_reminders(*, days: int, today=None) -> int:
    """
    Remind each country's delegates of an open period whose deadline is within `days`,
    when their country's report is not yet submitted or approved. Once per person and
    period (a reminder already sent is not repeated). Returns how many were sent.
    """
    from_day = today or timezone.localdate()
    periods = ReportingPeriod.objects.filter(
        is_open=True, deadline__gte=from_day, deadline__lte=from_day + timedelta(days=days)
    )
    sent = 0
    for period in periods:
        done = set(
            CountryReport.objects.filter(
                period=period, status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]
            ).values_list("country_id", flat=True)
        )
        for country in Country.objects.filter(is_commit_member=True).exclude(pk__in=done):
            for user in country_delegates(country):
                if already_reminded(user, period):
                    continue
                notify(
                    user,
                    REMINDER_KIND,
                    _("The %(period)s progress report of %(country)s is due on %(deadline)s")
                    % {
                        "period": period.label,
                        "country": country.name,
                        "deadline": period.deadline,
                    },
                    url=reverse("results:report_edit", args=[period.pk, country.code]),
                    about=period,
                )
                sent += 1
    return sent


REMINDER_KIND = "results.report.due"


def already_reminded(user, period: ReportingPeriod) -> bool:
    return user.notifications.filter(
        kind=REMINDER_KIND,
        about_type=ContentType.objects.get_for_model(ReportingPeriod),
        about_id=str(period.pk),
    ).exists()
