"""The SVG chart, the table beside it, CSV, JSON and SDMX-CSV give the same numbers."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import Client

from tests.results.conftest import approved_report

pytestmark = pytest.mark.postgres


@pytest.fixture
def approved(framework, people):
    approved_report(framework, people, "TH", count="250", percentage="65", yes_no="1",
                    milestone="2", female="140")  # fmt: skip
    approved_report(framework, people, "KH", count="150", percentage="71.5", yes_no="0",
                    milestone="3")  # fmt: skip
    return framework


def svg_bars(html: str, chart_id: str) -> dict[str, tuple[Decimal, Decimal]]:
    svg = re.search(rf'<svg[^>]*id="{re.escape(chart_id)}".*?</svg>', html, re.S).group(0)
    return {
        key: (Decimal(value), Decimal(share))
        for key, value, share in re.findall(
            r'data-key="([^"]+)" data-value="([^"]+)" data-progress="([^"]*)"', svg
        )
    }


def table_rows(html: str) -> dict[str, tuple[str, str]]:
    return {
        key: (value, share)
        for key, value, share in re.findall(
            r'<tr data-key="([^"]+)">.*?class="results-value">([^<]*)<.*?'
            r'class="results-progress">([^<]*)<',
            html,
            re.S,
        )
    }


def test_the_count_indicator_agrees_everywhere(approved):
    client = Client()
    html = client.get("/results/indicators/2.1.a/").content.decode()
    bars = svg_bars(html, "chart-2.1.a")
    # Thailand 250 (75% of the way from 100 to 300), Cambodia 150 (25%), both 400 (50%).
    assert bars == {
        "TH": (Decimal(250), Decimal(75)),
        "KH": (Decimal(150), Decimal(25)),
        "GMS": (Decimal(400), Decimal(50)),  # 400 of the way from 2×100 to 2×300
    }
    assert '<title id="chart-2.1.a-title">' in html
    assert "<desc" in html
    assert table_rows(html) == {"TH": ("250", "75%"), "KH": ("150", "25%"), "GMS": ("400", "50%")}

    rows = list(csv.DictReader(io.StringIO(
        client.get("/results/data.csv?indicator=2.1.a").content.decode("utf-8-sig"))))  # fmt: skip
    assert {row["ref_area"]: (Decimal(row["value"]), Decimal(row["progress_percent"]))
            for row in rows} == bars  # fmt: skip

    figures = json.loads(client.get("/results/data.json?indicator=2.1.a").content)["figures"]
    assert {f["ref_area"]: (Decimal(str(f["value"])), Decimal(str(f["progress_percent"])))
            for f in figures} == bars  # fmt: skip
    assert next(f for f in figures if f["ref_area"] == "TH")["disaggregated"] == {"sex:F": 140}

    sdmx = list(csv.DictReader(io.StringIO(
        client.get("/results/data.sdmx.csv?indicator=2.1.a").content.decode())))  # fmt: skip
    totals = {row["REF_AREA"]: Decimal(row["OBS_VALUE"]) for row in sdmx
              if row["DISAGGREGATION"] == "_T"}  # fmt: skip
    assert totals == {key: value for key, (value, _share) in bars.items()}
    breakdown = [row for row in sdmx if row["DISAGGREGATION"] == "sex.F"]
    assert [(row["REF_AREA"], row["OBS_VALUE"]) for row in breakdown] == [("TH", "140")]
    assert list(sdmx[0])[:3] == ["STRUCTURE", "STRUCTURE_ID", "ACTION"]


def test_each_unit_is_shown_as_its_readers_expect(approved):
    html = Client().get("/results/countries/TH/").content.decode()
    bars = svg_bars(html, "chart-TH")
    assert bars["2.1.b"] == (Decimal(65), Decimal(50))  # 65% is half way from 50% to 80%
    assert bars["1.1.b"] == (Decimal(1), Decimal(100))
    assert bars["1.1.a"] == (Decimal(2), Decimal(50))
    rows = table_rows(html)
    assert rows["2.1.b"][0] == "65%"
    assert rows["1.1.b"][0] == "yes"
    assert rows["1.1.a"][0] == "Adopted"
