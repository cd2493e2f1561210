"""
Charts drawn on the server as accessible SVG: no JavaScript, readable by screen readers.

Each chart has a <title> and a <desc> (named by `aria-labelledby`), and every bar carries
its figure as text and as data attributes; the page puts the same figures in a table
beside it. A bar shows progress from baseline (0%) to target (100%).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Drawn for a phone: the SVG scales to its box, so the viewBox is about as wide as a
# phone's column (a 360 px screen leaves ~330 px) and a 14-unit font shows at ~13 px there.
# On wide screens the stylesheet caps the chart's width so the text does not grow large.
WIDTH = 360
FONT_SIZE = 14
LINE_HEIGHT = 17
BAR_WIDTH = 220
BAR_HEIGHT = 14
VALUE_X = BAR_WIDTH + 6
TOP = 6
ROW_GAP = 10
# A label wraps onto at most two lines of about this many characters; longer ones end in
# "…" and are read in full in the bar's <title> and in the table beside the chart.
LABEL_CHARACTERS = 40
VALUE_CHARACTERS = 17


@dataclass(frozen=True)
class Bar:
    key: str  # a country code, the region's code or an indicator code
    label: str
    value: Decimal
    shown_value: str
    progress: Decimal | None


def _marks(character: str) -> bool:
    # Thai, Lao, Khmer and Burmese vowel signs and tones sit on a letter and take no width.
    return unicodedata.category(character) in ("Mn", "Me")


def width(text: str) -> int:
    """How many characters take room on the line (combining marks do not)."""
    return sum(1 for character in text if not _marks(character))


def _prefix(text: str, limit: int) -> int:
    """The index where `text` holds `limit` characters that take room, with their marks."""
    seen = 0
    for index, character in enumerate(text):
        if not _marks(character):
            if seen == limit:
                return index
            seen += 1
    return len(text)


def shorten(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    return text[: _prefix(text, limit - 1)].rstrip() + "…"


def label_lines(label: str, limit: int = LABEL_CHARACTERS) -> list[str]:
    """
    The label on up to two lines, broken between words where it has spaces (Thai, Lao,
    Khmer and Burmese often have none: then it is cut at the limit).
    """
    if width(label) <= limit:
        return [label]
    end = _prefix(label, limit)
    cut = label.rfind(" ", 0, end + 1)
    if cut <= 0:
        cut = end
    return [label[:cut].rstrip(), shorten(label[cut:].strip(), limit)]


def progress_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> SafeString:
    """An SVG bar chart of progress towards target, one bar per entry."""
    rows = []
    y = TOP
    for bar in bars:
        lines = label_lines(bar.label)
        rows.append((bar, lines, y))
        y += len(lines) * LINE_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = max(y, TOP + 2 * LINE_HEIGHT) + TOP
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" id="{escape(chart_id)}" '
        f'role="img" aria-labelledby="{escape(title_id)} {escape(desc_id)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    if not bars:
        parts.append(
            f'<text x="0" y="{TOP + LINE_HEIGHT}">{escape(_("No approved figures yet."))}</text>'
        )
    for bar, lines, row_y in rows:
        bar_y = row_y + len(lines) * LINE_HEIGHT + 3
        share = bar.progress if bar.progress is not None else Decimal(0)
        filled = (share * BAR_WIDTH / 100).quantize(Decimal("0.1"))
        progress_text = "" if bar.progress is None else f" ({bar.progress.normalize():f}%)"
        shown = f"{bar.shown_value}{progress_text}"
        label = "".join(
            f'<tspan x="0" y="{row_y + (number + 1) * LINE_HEIGHT - 4}">{escape(line)}</tspan>'
            for number, line in enumerate(lines)
        )
        parts.append(
            f'<g class="results-chart__bar" data-key="{escape(bar.key)}" '
            f'data-value="{bar.value.normalize():f}" '
            f'data-progress="{"" if bar.progress is None else f"{bar.progress.normalize():f}"}">'
            # The full label and figure, whatever was shortened on screen.
            f"<title>{escape(bar.label)}: {escape(shown)}</title>"
            f"<text>{label}</text>"
            f'<rect x="0" y="{bar_y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="#e6e6e6"/>'
            f'<rect x="0" y="{bar_y}" width="{filled}" height="{BAR_HEIGHT}" fill="#1d5f8a"/>'
            # The target at the end of the track, beside the bar only (never across a label).
            f'<line x1="{BAR_WIDTH}" y1="{bar_y - 3}" x2="{BAR_WIDTH}" '
            f'y2="{bar_y + BAR_HEIGHT + 3}" class="results-chart__target" stroke="#333" '
            f'stroke-width="2"/>'
            f'<text x="{VALUE_X}" y="{bar_y + BAR_HEIGHT - 2}">'
            f"{escape(shorten(shown, VALUE_CHARACTERS))}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
