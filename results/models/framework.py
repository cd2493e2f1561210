"""
The SPA IV results framework: areas → outputs → indicators, the disaggregations an
indicator defines, and the reporting periods. Edited by the secretariat in the admin.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models.translated import TranslatedTitle, in_language


class Unit(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")
    MILESTONE = "milestone", _("Milestone stage")


class MilestoneStage(models.TextChoices):
    """
    The stages most milestone indicators count (a law or a plan on its way to force). An
    indicator's stage list names them by code or English name and they are shown in the
    reader's language; a stage of the editor's own wording is shown as typed.
    """

    NOT_STARTED = "not_started", _("Not started")
    DRAFTED = "drafted", _("Drafted")
    UNDER_REVIEW = "under_review", _("Under review")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")


# A stage is named by its code ("in_force") or its English name in any case ("In force"):
# the member names spell the English names, so no translation is needed to match them.
_STANDARD_STAGES = {
    **{stage.value: stage for stage in MilestoneStage},
    **{stage.name.replace("_", " ").casefold(): stage for stage in MilestoneStage},
}


def stage_label(typed: str) -> str:
    """A typed stage in the reader's language when it is a standard one, else as typed."""
    standard = _STANDARD_STAGES.get(typed.strip().casefold())
    return str(standard.label) if standard is not None else typed


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    SEMIANNUAL = "semiannual", _("Every six months")
    QUARTERLY = "quarterly", _("Quarterly")


class Scope(models.TextChoices):
    COUNTRY = "country", _("Per country")
    REGIONAL = "regional", _("Regional (the countries' figures combined)")
    BOTH = "both", _("Per country and regional")


class Area(TranslatedTitle):
    """One of SPA IV's four areas (policy and cooperation, protection, justice, prevention)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("SPA IV area")
        verbose_name_plural = _("SPA IV areas")

    def __str__(self):
        return self.localized_title


class Output(TranslatedTitle):
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="outputs"
    )
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("For example 1.2"))
    title = models.CharField(_("title"), max_length=300)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["area__sort_order", "sort_order", "code"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self):
        return f"{self.code} {self.localized_title}"


class Disaggregation(TranslatedTitle):
    """A breakdown an indicator may ask for, such as sex or age group, with its categories."""

    code = models.SlugField(_("code"), max_length=30, unique=True, help_text=_("For example sex"))
    title = models.CharField(_("title"), max_length=100)
    categories = models.TextField(
        _("categories"),
        help_text=_("One per line as code: label, for example F: Female"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")

    category_translations = models.JSONField(
        _("translations of the category labels"),
        default=dict,
        blank=True,
        help_text=_(
            'Per language code, the labels by category code, e.g. {"th": {"F": "หญิง", '
            '"M": "ชาย"}}. Missing ones show the English label.'
        ),
    )

    def __str__(self):
        return self.localized_title

    def category_list(self, language: str | None = None) -> list[tuple[str, str]]:
        """
        [(code, label), ...] in the order typed; the labels in `language` when given
        (falling back to the English one), else in English.
        """
        translated = (self.category_translations or {}).get((language or "").lower()) or {}
        pairs = []
        for line in self.categories.splitlines():
            code, _sep, label = line.partition(":")
            if code.strip():
                english = label.strip() or code.strip()
                pairs.append((code.strip(), translated.get(code.strip()) or english))
        return pairs

    def localized_categories(self) -> list[tuple[str, str]]:
        return self.category_list(get_language())


class Indicator(TranslatedTitle):
    output = models.ForeignKey(
        Output, verbose_name=_("output"), on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Letters, digits, dots and dashes, for example 2.1.a"),
    )
    title = models.CharField(_("title"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    definition_translations = models.JSONField(
        _("translations of the definition"),
        default=dict,
        blank=True,
        help_text=_("One entry per language code. Missing languages show the English."),
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    milestone_stages = models.TextField(
        _("milestone stages"),
        blank=True,
        help_text=_(
            "For milestone indicators: one stage per line, from the first to the last. A "
            "value is the stage's number, counted from 0. The standard stages (Not started, "
            "Drafted, Under review, Adopted, In force) are shown in the reader's language; "
            "other wording is shown as typed."
        ),
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    frequency = models.CharField(
        _("reporting frequency"), max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    scope = models.CharField(
        _("reported"), max_length=20, choices=Scope.choices, default=Scope.BOTH
    )
    disaggregations = models.ManyToManyField(
        Disaggregation, verbose_name=_("disaggregations"), blank=True, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["output__area__sort_order", "output__sort_order", "sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.code} {self.localized_title}"

    @property
    def localized_definition(self) -> str:
        return in_language(self.definition_translations, get_language(), self.definition)

    def breakdown_labels(self) -> dict[str, str]:
        """
        Reader's-language labels of the stored breakdown keys: "sex:F" → "Sex: Female".
        A key whose disaggregation or category is gone shows as stored.
        """
        language = get_language()
        labels = {}
        for disaggregation in self.disaggregations.all():
            for code, label in disaggregation.category_list(language):
                labels[f"{disaggregation.code}:{code}"] = (
                    f"{disaggregation.title_in(language)}: {label}"
                )
        return labels

    def clean(self):
        errors = {}
        if not self.code or not all(c.isalnum() or c in ".-" for c in self.code):
            errors["code"] = _("Use letters, digits, dots and dashes only.")
        for name in ("baseline", "target"):
            value = getattr(self, name)
            if value is not None:
                problem = self.value_problem(value)
                if problem:
                    errors[name] = problem
        if self.unit == Unit.MILESTONE and not self.stages():
            errors["milestone_stages"] = _("A milestone indicator needs its stages.")
        if errors:
            raise ValidationError(errors)

    def stages(self) -> list[str]:
        """The stages from first to last, in the reader's language where they are standard."""
        return [
            stage_label(line.strip()) for line in self.milestone_stages.splitlines() if line.strip()
        ]

    @property
    def is_reported_per_country(self) -> bool:
        return self.scope in (Scope.COUNTRY, Scope.BOTH)

    @property
    def is_regional(self) -> bool:
        return self.scope in (Scope.REGIONAL, Scope.BOTH)

    def value_problem(self, value: Decimal) -> str | None:
        """Why `value` cannot be a value of this indicator, or None when it can."""
        if value < 0:
            return _("The value cannot be negative.")
        if self.unit == Unit.COUNT and value != value.to_integral_value():
            return _("A count is a whole number.")
        if self.unit == Unit.PERCENTAGE and value > 100:
            return _("A percentage lies between 0 and 100.")
        if self.unit == Unit.YES_NO and value not in (0, 1):
            return _("Answer 1 for yes or 0 for no.")
        if self.unit == Unit.MILESTONE:
            last = len(self.stages()) - 1
            if value != value.to_integral_value() or value > last:
                return _("A stage is a whole number from 0 to %(last)s.") % {"last": max(last, 0)}
        return None

    def display_value(self, value: Decimal | None) -> str:
        """The value as a reader understands it in this unit ("45%", "yes", "Adopted")."""
        if value is None:
            return "—"
        if self.unit == Unit.PERCENTAGE:
            return f"{value.normalize():f}%"
        if self.unit == Unit.YES_NO:
            return str(_("yes")) if value == 1 else str(_("no"))
        if self.unit == Unit.MILESTONE:
            stages = self.stages()
            index = int(value)
            return stages[index] if 0 <= index < len(stages) else f"{index}"
        return f"{value.normalize():f}"


class ReportingPeriod(models.Model):
    """A period countries report for; reports are written only while it is open."""

    label = models.CharField(
        _("label"), max_length=40, unique=True, help_text=_("For example 2025")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    deadline = models.DateField(_("reporting deadline"))
    is_open = models.BooleanField(_("open for reporting"), default=False)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self):
        return self.label

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A period ends after it starts.")})
