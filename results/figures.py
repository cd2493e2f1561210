"""
The public figures: approved values, progress against target, regional combinations.

Everything the public sees — tables, SVG charts, CSV, JSON and SDMX-CSV — is built from
the `Figure` rows returned here, read from `ApprovedValue` only, so every format shows
the same numbers and none shows a value the secretariat has not approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from portal.models import Country
from results.models import ApprovedValue, Indicator, ReportingPeriod, Unit

REGIONAL_CODE = "GMS"  # the reporting countries together (Greater Mekong Sub-region)


def progress(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    """
    How far `value` has come from the baseline to the target, as a percentage 0–100.

    The same rule serves every unit because each is a number on a scale: a count or a
    percentage moves from baseline to target (a target below the baseline — fewer cases
    — counts the fall); yes/no is 0 or 1 against a target of 1; a milestone's value is its
    stage number against the target stage. Beyond the target is 100; behind the baseline
    is 0.
    """
    return _progress(indicator, value, indicator.baseline, indicator.target)


def regional_progress(indicator: Indicator, value: Decimal | None, countries: int):
    """
    Progress of the regional figure. Baseline and target are set per country, so a sum
    of counts is measured against the countries' baselines and targets added up; a mean
    percentage or the lowest stage against the country target; yes/no has none (it is a
    number of countries).
    """
    if indicator.unit == Unit.YES_NO:
        return None
    if indicator.unit == Unit.COUNT:
        return _progress(
            indicator, value, indicator.baseline * countries, indicator.target * countries
        )
    return progress(indicator, value)


def _progress(indicator: Indicator, value, baseline: Decimal, target: Decimal):
    if value is None:
        return None
    if indicator.unit == Unit.YES_NO:
        baseline, target = Decimal(0), Decimal(1)
    if target == baseline:
        reached = value >= target if target >= 0 else value <= target
        return Decimal(100) if reached else Decimal(0)
    share = (value - baseline) / (target - baseline) * 100
    share = min(max(share, Decimal(0)), Decimal(100))
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def combine(indicator: Indicator, values: list[Decimal]) -> Decimal | None:
    """
    The regional figure from the countries' approved values: counts add up; a percentage
    is the countries' mean; yes/no is how many countries answered yes; a milestone is the
    stage every reporting country has reached (the lowest).
    """
    if not values:
        return None
    if indicator.unit == Unit.COUNT:
        return sum(values, Decimal(0))
    if indicator.unit == Unit.PERCENTAGE:
        mean = sum(values, Decimal(0)) / len(values)
        return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if indicator.unit == Unit.YES_NO:
        return Decimal(sum(1 for value in values if value == 1))
    return min(values)


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    period: ReportingPeriod
    area_code: str  # ISO code, or REGIONAL_CODE
    area_name: str
    value: Decimal
    progress: Decimal | None
    disaggregated: dict

    @property
    def shown_value(self) -> str:
        if self.area_code == REGIONAL_CODE and self.indicator.unit == Unit.YES_NO:
            return _("%(count)s answered yes") % {"count": f"{self.value.normalize():f}"}
        return self.indicator.display_value(self.value)


def approved_figures(
    *,
    indicators: list[Indicator] | None = None,
    country: Country | None = None,
    period: ReportingPeriod | None = None,
    regional: bool = True,
) -> list[Figure]:
    """Approved figures (and regional ones), ordered by indicator, period, country."""
    approved = ApprovedValue.objects.select_related("indicator", "period", "country")
    if indicators is not None:
        approved = approved.filter(indicator__in=indicators)
    if period is not None:
        approved = approved.filter(period=period)
    rows = list(approved.order_by("indicator__code", "period__starts_on", "country__name"))
    figures = []
    by_key: dict[tuple[int, int], list[ApprovedValue]] = {}
    for row in rows:
        by_key.setdefault((row.indicator_id, row.period_id), []).append(row)
    for (_indicator_id, _period_id), group in by_key.items():
        indicator, reporting_period = group[0].indicator, group[0].period
        for row in group:
            if country is not None and row.country_id != country.pk:
                continue
            if not indicator.is_reported_per_country:
                continue
            figures.append(
                Figure(
                    indicator,
                    reporting_period,
                    row.country.code,
                    row.country.name,
                    row.value,
                    progress(indicator, row.value),
                    row.disaggregated,
                )
            )
        if regional and country is None and indicator.is_regional:
            value = combine(indicator, [row.value for row in group])
            figures.append(
                Figure(
                    indicator,
                    reporting_period,
                    REGIONAL_CODE,
                    regional_name(len(group)),
                    value,
                    regional_progress(indicator, value, len(group)),
                    {},
                )
            )
    return figures


def regional_name(countries: int) -> str:
    return _("Reporting countries together (%(count)s of 6)") % {"count": countries}


def latest_by_area(figures: list[Figure]) -> dict[tuple[int, str], Figure]:
    """The most recent figure of each (indicator, country or region)."""
    latest: dict[tuple[int, str], Figure] = {}
    for figure in figures:
        key = (figure.indicator.pk, figure.area_code)
        if key not in latest or figure.period.starts_on > latest[key].period.starts_on:
            latest[key] = figure
    return latest
