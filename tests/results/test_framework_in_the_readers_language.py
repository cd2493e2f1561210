"""
The framework's titles, definitions and breakdown labels in the reader's language on every
public page and in the SVG; English where a translation is missing; the downloads keep
the codes and the English.
"""

import csv
import io
import json
import re

import pytest
from django.test import Client

from tests.results.conftest import approved_report

pytestmark = pytest.mark.postgres

THAI_AREA = "การคุ้มครองผู้เสียหาย"
THAI_INDICATOR = "ผู้เสียหายที่ได้รับการส่งต่อ"
THAI_DEFINITION = "จำนวนผู้ที่ได้รับการส่งต่อในรอบรายงาน"


@pytest.fixture
def thai_framework(framework):
    framework.area.title_translations = {"th": THAI_AREA}
    framework.area.save()
    framework.count.title_translations = {"th": THAI_INDICATOR}
    framework.count.definition = "People referred in the period."
    framework.count.definition_translations = {"th": THAI_DEFINITION}
    framework.count.save()
    sex = framework.count.disaggregations.get()
    sex.title_translations = {"th": "เพศ"}
    sex.category_translations = {"th": {"F": "หญิง", "M": "ชาย"}}
    sex.save()
    return framework


def svg_title(html: str, code: str) -> str:
    match = re.search(rf'<title id="chart-{re.escape(code)}-title">([^<]*)</title>', html)
    assert match, f"no chart for {code}"
    return match.group(1)


def test_thai_dashboard_shows_thai_titles_in_the_text_and_the_svg(thai_framework):
    html = Client().get("/th/results/").content.decode()
    assert f"<h2>{THAI_AREA}</h2>" in html
    assert f"2.1.a {THAI_INDICATOR}</a>" in html
    assert svg_title(html, "2.1.a").startswith(f"2.1.a {THAI_INDICATOR}")
    # The table beside the chart has the same caption as the SVG's title.
    assert f"<caption>{svg_title(html, '2.1.a')}</caption>" in html
    # No Thai title yet: the English one, in the page and in the SVG.
    assert "2.1.b Share supported</a>" in html
    assert svg_title(html, "2.1.b").startswith("2.1.b Share supported")


def test_thai_indicator_page_shows_thai_title_definition_svg_and_breakdown(thai_framework, people):
    approved_report(thai_framework, people, "TH", count="150", female="90")
    html = Client().get("/th/results/indicators/2.1.a/").content.decode()
    assert f"<h1>2.1.a {THAI_INDICATOR}</h1>" in html
    assert f"<title>2.1.a {THAI_INDICATOR}" in html  # the browser tab
    assert THAI_DEFINITION in html
    assert "People referred in the period." not in html
    assert THAI_AREA in html
    assert svg_title(html, "2.1.a").startswith(f"2.1.a {THAI_INDICATOR}")
    assert "เพศ: หญิง: 90" in html
    assert "sex:F" not in html


def test_english_pages_are_unchanged(thai_framework, people):
    approved_report(thai_framework, people, "TH", count="150", female="90")
    html = Client().get("/results/indicators/2.1.a/").content.decode()
    assert "<h1>2.1.a Victims referred</h1>" in html
    assert "People referred in the period." in html
    assert THAI_INDICATOR not in html
    assert THAI_DEFINITION not in html
    assert svg_title(html, "2.1.a").startswith("2.1.a Victims referred")
    assert "Sex: Female: 90" in html
    dashboard = Client().get("/results/").content.decode()
    assert "<h2>Victim protection</h2>" in dashboard
    assert THAI_AREA not in dashboard


def test_missing_translations_fall_back_to_english(thai_framework, people):
    approved_report(thai_framework, people, "TH", count="150", female="90")
    html = Client().get("/vi/results/indicators/2.1.a/").content.decode()
    assert "<h1>2.1.a Victims referred</h1>" in html
    assert "People referred in the period." in html
    assert svg_title(html, "2.1.a").startswith("2.1.a Victims referred")
    assert "Sex: Female: 90" in html


def test_thai_country_page_lists_thai_indicator_titles(thai_framework, people):
    approved_report(thai_framework, people, "TH", count="150", female="90")
    html = Client().get("/th/results/countries/TH/").content.decode()
    assert f"2.1.a {THAI_INDICATOR}</a>" in html


def test_downloads_keep_codes_and_english_in_every_language(thai_framework, people):
    approved_report(thai_framework, people, "TH", count="150", female="90")
    rows = list(
        csv.DictReader(
            io.StringIO(Client().get("/th/results/data.csv").content.decode("utf-8-sig"))
        )
    )
    titles = {row["indicator_title"] for row in rows if row["indicator"] == "2.1.a"}
    assert titles == {"Victims referred"}
    data = json.loads(Client().get("/th/results/data.json").content)
    figure = next(f for f in data["figures"] if f["indicator"] == "2.1.a")
    assert figure["indicator_title"] == "Victims referred"
    assert "sex:F" in figure["disaggregated"]
    sdmx = Client().get("/th/results/data.sdmx.csv").content.decode()
    assert ",sex.F," in sdmx
