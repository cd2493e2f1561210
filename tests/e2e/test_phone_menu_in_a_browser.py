"""
On a 360 px phone the main menu is one row that scrolls sideways (static/css/portal.css,
"Navigation"). What says there is more: the link cut by the right edge fades into the bar,
and once the row is scrolled to its end nothing fades, so the last link reads in full.
Measured on the pixels Chromium draws, in English, Thai and Burmese.
"""

import io

import pytest
from PIL import Image

from tests.e2e.key_pages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# White link text on the dark bar is near 255; faded text and the bar itself are far darker.
BRIGHT = 200
# The strip looked at: 10 px wide, ending 4 px before the right edge of the row.
STRIP = 10
MARGIN = 4


def _bright_pixels(page, x: float, y: float, height: float) -> int:
    png = page.screenshot(clip={"x": x, "y": y, "width": STRIP, "height": height})
    return sum(1 for value in Image.open(io.BytesIO(png)).convert("L").getdata() if value >= BRIGHT)


# Scrolls the row so that the middle of a letter lies in the strip at the right edge, and
# returns where that letter is drawn: the first letter beyond the strip on arrival, or (when
# `last` is true) the last letter of the last link, with the row scrolled to its end.
PLACE_LETTER = """([strip, margin, last]) => {
  const list = document.querySelector('.main-nav__list');
  const links = [...list.querySelectorAll('a')];
  const edge = list.getBoundingClientRect().right;
  const target = edge - margin - strip / 2;
  // Drawn letters only: not spaces, nor marks that stack on another letter.
  const letters = (link) => [...link.firstChild.textContent].map((_, index) => {
    const range = document.createRange();
    range.setStart(link.firstChild, index);
    range.setEnd(link.firstChild, index + 1);
    return {index, rect: range.getBoundingClientRect()};
  }).filter(({rect}) => rect.width >= 3);
  const middle = (rect) => rect.left + rect.width / 2;
  let link, index;
  if (last) {
    list.scrollLeft = list.scrollWidth;
    link = links[links.length - 1];
    index = letters(link).at(-1).index;
  } else {
    for (const each of links) {
      const beyond = letters(each).find(({rect}) => middle(rect) > target);
      if (beyond) { link = each; index = beyond.index; break; }
    }
    list.scrollLeft += middle(letters(link).find((l) => l.index === index).rect) - target;
  }
  const rect = letters(link).find((l) => l.index === index).rect;
  const hit = document.elementFromPoint(middle(rect), rect.top + rect.height / 2);
  return {
    x: middle(rect) - strip / 2, y: rect.top, height: rect.height,
    offTarget: Math.abs(middle(rect) - target),
    tappable: hit !== null && hit.closest('a') === link,
    atEnd: list.scrollLeft + list.clientWidth >= list.scrollWidth - 1,
  };
}"""


def test_a_fade_at_the_edge_shows_the_phone_menu_scrolls_until_its_end(
    browser, live_server, portal_demo_data
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for prefix in LANGUAGES:
        page.goto(f"{live_server.url}{prefix}/")
        overflow = page.evaluate(
            "() => { const l = document.querySelector('.main-nav__list');"
            " return [l.scrollWidth - l.clientWidth, document.documentElement.scrollWidth]; }"
        )
        assert overflow[0] > 0, f"{prefix}: the menu fits, nothing to hint"
        assert overflow[1] <= 360, f"{prefix}: the page itself scrolls sideways"

        cut = page.evaluate(PLACE_LETTER, [STRIP, MARGIN, False])
        assert cut["offTarget"] < 1, (prefix, cut)
        assert not cut["atEnd"], (prefix, cut)
        # A link lies under the edge and a tap reaches it, yet its letters there are faded.
        assert cut["tappable"], prefix
        assert _bright_pixels(page, cut["x"], cut["y"], cut["height"]) == 0, prefix

        end = page.evaluate(PLACE_LETTER, [STRIP, MARGIN, True])
        assert end["atEnd"], prefix
        # Scrolled to its end, the last link's last letter is drawn in full white.
        assert _bright_pixels(page, end["x"], end["y"], end["height"]) > 0, prefix
    context.close()
