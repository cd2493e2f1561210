"""
The results charts read on a phone: in headless Chromium at 360 px wide, in English and
Thai, every label and figure in the SVG is drawn at 12 px or more, stays inside the chart,
and the page does not scroll sideways; a label too long for the chart is read in full in
the bar's <title> and in the table.
"""

import io

import pytest
from django.core.management.base import BaseCommand

from results import demo as results_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 360, "height": 740}

# For each chart: the smallest font size as drawn on screen (the SVG is scaled to its
# box), and how far any text reaches past the chart's right edge.
MEASURE = """
() => Array.from(document.querySelectorAll('svg.results-chart')).map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = svg.getScreenCTM().a;
  const texts = Array.from(svg.querySelectorAll('text'));
  return {
    id: svg.id,
    smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
    overflow: Math.max(...texts.map(t => t.getBoundingClientRect().right - box.right)),
  };
})
"""


@pytest.fixture
def results_world(portal_demo_data):
    results_demo.seed(BaseCommand(stdout=io.StringIO()))


@pytest.mark.parametrize("path", ["/results/", "/th/results/", "/results/indicators/2.1.a/"])
def test_chart_text_is_readable_at_phone_width(browser, live_server, results_world, path, tmp_path):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}{path}")
    charts = page.evaluate(MEASURE)
    assert charts, "no chart on the page"
    for chart in charts:
        assert chart["smallest"] >= 12, chart
        assert chart["overflow"] <= 1, chart
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Kept for a person to look at (pytest keeps the last runs' tmp_path).
    page.locator("svg.results-chart").first.screenshot(path=tmp_path / "chart.png")


def test_a_long_label_is_shortened_on_screen_and_whole_in_title_and_table(
    browser, live_server, results_world
):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/results/indicators/2.1.a/")
    regional = "#chart-2\\.1\\.a g[data-key=GMS]"
    title = page.text_content(f"{regional} title")
    table = page.text_content("tr[data-key=GMS] th")
    assert title.startswith(table + ": ")
    drawn = page.text_content(f"{regional} text")
    # Wrapped onto two lines of tspans, all words kept or the cut marked with "…".
    assert page.locator(f"{regional} text tspan").count() == 2
    assert drawn.replace(" ", "") in table.replace(" ", "") or "…" in drawn
