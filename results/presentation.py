"""
What the public pages show, built from `results.figures` only: the dashboard's areas,
an indicator's and a country's charts with their tables, and the items linked to an
indicator that this reader may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal.models import Country
from portal.permissions import Viewer, can_view_subject
from results.charts import Bar, progress_chart
from results.figures import REGIONAL_CODE, Figure, approved_figures, latest_by_area
from results.models import Area, Indicator, IndicatorLink


@dataclass
class Chart:
    """One SVG and the table beside it, drawn from the same bars."""

    svg: str
    title: str
    bars: list[Bar]


@dataclass
class IndicatorSummary:
    indicator: Indicator
    chart: Chart
    figures: list[Figure] = field(default_factory=list)


def _bar(figure: Figure, label: str, key: str) -> Bar:
    return Bar(key, label, figure.value, figure.shown_value, figure.progress)


def indicator_chart(indicator: Indicator, figures: list[Figure]) -> Chart:
    """The latest approved figure of each country (and the region) for one indicator."""
    latest = sorted(
        (figure for figure in latest_by_area(figures).values() if figure.indicator == indicator),
        key=lambda figure: (figure.area_code == REGIONAL_CODE, figure.area_name),
    )
    bars = [
        _bar(figure, f"{figure.area_name} ({figure.period.label})", figure.area_code)
        for figure in latest
    ]
    title = _("%(code)s %(title)s: progress towards the %(year)s target") % {
        "code": indicator.code,
        "title": indicator.localized_title,
        "year": indicator.target_year,
    }
    description = _(
        "Latest approved figure of each country and of the reporting countries together, as a "
        "share of the way from the baseline (%(baseline)s) to the target (%(target)s). The "
        "table beside the chart gives the same figures."
    ) % {
        "baseline": indicator.display_value(indicator.baseline),
        "target": indicator.display_value(indicator.target),
    }
    return Chart(progress_chart(f"chart-{indicator.code}", title, description, bars), title, bars)


def country_chart(country: Country, figures: list[Figure]) -> Chart:
    latest = sorted(latest_by_area(figures).values(), key=lambda figure: figure.indicator.code)
    bars = [
        _bar(figure, f"{figure.indicator.code} ({figure.period.label})", figure.indicator.code)
        for figure in latest
    ]
    title = _("%(country)s: progress towards the SPA IV targets") % {"country": country.name}
    description = _(
        "Latest approved figure of each indicator reported by %(country)s, as a share of the "
        "way from its baseline to its target. The table beside the chart gives the same figures."
    ) % {"country": country.name}
    return Chart(progress_chart(f"chart-{country.code}", title, description, bars), title, bars)


def dashboard_areas() -> list[tuple[Area, list[IndicatorSummary]]]:
    areas = list(Area.objects.prefetch_related("outputs__indicators"))
    figures = approved_figures()
    by_indicator: dict[int, list[Figure]] = {}
    for figure in figures:
        by_indicator.setdefault(figure.indicator.pk, []).append(figure)
    result = []
    for area in areas:
        summaries = []
        for output in area.outputs.all():
            for indicator in output.indicators.all():
                own = by_indicator.get(indicator.pk, [])
                summaries.append(IndicatorSummary(indicator, indicator_chart(indicator, own), own))
        result.append((area, summaries))
    return result


@dataclass
class LinkedItem:
    kind: str
    title: str
    url: str
    # The decision's or paragraph's words, or the response's explanation, shortened.
    summary: str = ""


def linked_items(viewer: Viewer, indicator: Indicator) -> list[LinkedItem]:
    """
    Decisions, actions, paragraphs, responses and publications that reference the
    indicator and that this reader may see by their own app's rule (each app registers it
    with `portal.permissions` from its access module); an item whose kind has no known
    rule is left out rather than shown.
    """
    items = []
    for link in IndicatorLink.objects.filter(indicator=indicator).select_related("content_type"):
        item = link.item
        if item is None or can_view_subject(viewer, item) is not True:
            continue
        url = getattr(item, "url", None) or (
            item.get_absolute_url() if hasattr(item, "get_absolute_url") else ""
        )
        words = getattr(item, "text", "") or getattr(item, "explanation", "")
        items.append(
            LinkedItem(
                str(link.content_type.name),
                link.note or str(item),
                url or "",
                Truncator(words).words(40) if isinstance(words, str) else "",
            )
        )
    return items
