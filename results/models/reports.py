"""
Country progress reports and their versions, and the approved values the public sees.

A report is the working copy a country's government delegates write for one period
(one per country and period). Each step of its review (submitted, returned, approved,
correction started) freezes a `ReportVersion`, so every version is kept with who and
when. Approval copies the values into `ApprovedValue`: the dashboard, the charts and the
downloads read that table only, so an unapproved figure has no path to the public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from results.models.framework import Indicator, ReportingPeriod


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", _("Approved")


class CountryReport(models.Model):
    country = models.ForeignKey(
        "portal.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    narrative = models.TextField(_("narrative"), blank=True)
    review_comments = models.TextField(_("secretariat's comments"), blank=True)
    # Why the approved report is being corrected (empty for a first report).
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period__starts_on", "country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "period"], name="results_one_report_per_country_and_period"
            )
        ]
        verbose_name = _("country progress report")
        verbose_name_plural = _("country progress reports")

    def __str__(self):
        return f"{self.country} — {self.period}"

    @property
    def is_editable_state(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ReportValue(models.Model):
    """One indicator's value in a report's working copy. Numbers only: no case data."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    # {"sex:F": "12", "age:child": "3"}: disaggregation code and category code → number.
    disaggregated = models.JSONField(_("disaggregated values"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="results_one_value_each")
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.value}"


class EvidenceLink(models.Model):
    """A link to evidence: a law's text, a library publication, an official statistic."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True)

    def __str__(self):
        return self.title or self.url


class EvidenceFile(models.Model):
    """A PDF attached as evidence; served only to those who may see the report."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="results/evidence/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class ReportVersion(models.Model):
    """A frozen copy of a report at one step of its review: who, when, what and why."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices)
    # [{"indicator": "2.1.a", "value": "120", "disaggregated": {...}, "note": ""}, ...]
    values = models.JSONField(default=list)
    narrative = models.TextField(blank=True)
    comments = models.TextField(_("comments"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="results_version_numbers")
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"


class ApprovedValue(models.Model):
    """A value the secretariat approved: the only figures the public ever sees."""

    country = models.ForeignKey("portal.Country", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    disaggregated = models.JSONField(default=dict, blank=True)
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["indicator__code", "period__starts_on", "country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "period", "indicator"], name="results_one_approved_value"
            )
        ]

    def __str__(self):
        return f"{self.country_id} {self.period_id} {self.indicator_id}: {self.value}"
