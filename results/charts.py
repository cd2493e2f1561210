"""
Charts drawn on the server as accessible SVG: no JavaScript, readable by screen readers.

Each chart has a <title> and a <desc> (named by `aria-labelledby`), and every bar carries
its figure as text and as data attributes; the page puts the same figures in a table
beside it. A bar shows progress from baseline (0%) to target (100%).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 190
BAR_WIDTH = 300
ROW_HEIGHT = 30
TOP = 10


@dataclass(frozen=True)
class Bar:
    key: str  # a country code, the region's code or an indicator code
    label: str
    value: Decimal
    shown_value: str
    progress: Decimal | None


def progress_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> SafeString:
    """An SVG bar chart of progress towards target, one bar per entry."""
    height = TOP * 2 + ROW_HEIGHT * max(len(bars), 1)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" id="{escape(chart_id)}" '
        f'role="img" aria-labelledby="{escape(title_id)} {escape(desc_id)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    target_x = LABEL_WIDTH + BAR_WIDTH
    parts.append(
        f'<line x1="{target_x}" y1="{TOP - 4}" x2="{target_x}" y2="{height - TOP + 4}" '
        f'class="results-chart__target" stroke="#333" stroke-dasharray="4 3"/>'
    )
    if not bars:
        parts.append(
            f'<text x="{LABEL_WIDTH}" y="{TOP + 18}">{escape(_("No approved figures yet."))}</text>'
        )
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        share = bar.progress if bar.progress is not None else Decimal(0)
        width = (share * BAR_WIDTH / 100).quantize(Decimal("0.1"))
        progress_text = "" if bar.progress is None else f" ({bar.progress.normalize():f}%)"
        parts.append(
            f'<g class="results-chart__bar" data-key="{escape(bar.key)}" '
            f'data-value="{bar.value.normalize():f}" '
            f'data-progress="{"" if bar.progress is None else f"{bar.progress.normalize():f}"}">'
            f'<text x="0" y="{y + 19}" font-size="13">{escape(bar.label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{BAR_WIDTH}" height="18" fill="#e6e6e6"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{width}" height="18" fill="#1d5f8a"/>'
            f'<text x="{target_x + 8}" y="{y + 19}" font-size="13">'
            f"{escape(bar.shown_value)}{escape(progress_text)}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
