"""
The labels the code fixes — milestone stages, units, frequencies, statuses — are shown
in the reader's language on the public pages, in the SVG and on the report form; a stage
in the editor's own wording is shown as typed.
"""

import re

import pytest
from django.test import Client
from django.utils import translation

from results.models import Indicator, MilestoneStage
from tests.results.conftest import approved_report, client_for

pytestmark = pytest.mark.postgres


def thai(english: str) -> str:
    with translation.override("th"):
        translated = translation.gettext(english)
    # The test means something only where the Thai catalogue has the label.
    assert translated != english, f"no Thai for {english!r} in the catalogue"
    return translated


def test_the_stage_reached_is_in_thai_in_the_table_the_svg_and_the_stage_list(framework, people):
    approved_report(framework, people, "TH", milestone="2")  # "Adopted"
    html = Client().get("/th/results/indicators/1.1.a/").content.decode()
    adopted, in_force = thai("Adopted"), thai("In force")
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert f">{adopted}" in svg
    assert f"<td>{adopted}</td>" in html
    assert f"<li>{in_force}</li>" in html
    assert "Adopted" not in html
    assert "In force" not in html


def test_the_thai_dashboard_shows_no_english_stage_names(framework, people):
    approved_report(framework, people, "TH", milestone="3")  # "In force"
    html = Client().get("/th/results/").content.decode()
    assert thai("In force") in html
    for stage in ("Drafted", "Adopted", "In force"):
        assert stage not in html


def test_units_and_frequencies_are_in_thai(framework):
    html = Client().get("/th/results/indicators/1.1.a/").content.decode()
    assert thai("Milestone stage") in html
    assert thai("Annual") in html
    assert thai("Per country and regional") in html


def test_the_report_form_offers_the_stages_in_thai(framework, people):
    client = client_for(people, "gov_th")
    html = client.get(f"/th/results/reports/{framework.open.pk}/TH/").content.decode()
    assert f"2: {thai('Adopted')}</option>" in html
    assert "2: Adopted</option>" not in html


def test_english_readers_and_own_wording(framework, people):
    Indicator.objects.filter(pk=framework.milestone.pk).update(
        milestone_stages="not_started\nDrafted\nSigned by both ministers\nIN FORCE"
    )
    approved_report(framework, people, "TH", milestone="2")
    english = Client().get("/results/indicators/1.1.a/").content.decode()
    assert "<li>Not started</li>" in english
    assert "<li>In force</li>" in english
    assert "<td>Signed by both ministers</td>" in english
    html = Client().get("/th/results/indicators/1.1.a/").content.decode()
    assert f"<li>{thai('Drafted')}</li>" in html
    assert f"<li>{thai('In force')}</li>" in html
    # The editor's own wording has no catalogue entry: shown as typed.
    assert "<td>Signed by both ministers</td>" in html


def test_every_standard_stage_is_recognised_by_code_and_english_name(framework):
    indicator = framework.milestone
    # str() of a lazy label outside any override is the English name.
    with translation.override("en"):
        english = [str(stage.label) for stage in MilestoneStage]
    indicator.milestone_stages = "\n".join([stage.value for stage in MilestoneStage] + english)
    with translation.override("th"):
        stages = indicator.stages()
        expected = [str(stage.label) for stage in MilestoneStage] * 2
    assert stages == expected
    assert thai("Drafted") in stages
