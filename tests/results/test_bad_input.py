"""
Bad input on a report: a clear message beside the field, nothing saved, and the form
keeps everything that was typed.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from results import actions
from results.models import CountryReport, EvidenceFile
from tests.results.conftest import client_for, delegate_viewer, report_values, tiny_pdf

pytestmark = pytest.mark.postgres


def post(client, framework, period=None, country="TH", **fields):
    data = {"narrative": "Typed narrative stays", "step": "save", **fields}
    return client.post(f"/results/reports/{(period or framework.open).pk}/{country}/", data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("count", "twelve", "type a number only"),
        ("count", "1e3", "type a number only"),
        ("count", "-5", "type a number only"),
        ("count", "12.5", "A count is a whole number"),
        ("percentage", "150", "A percentage lies between 0 and 100"),
        ("yes_no", "2", "Answer 1 for yes or 0 for no"),
        ("milestone", "9", "A stage is a whole number from 0 to 3"),
    ],
)
def test_a_value_of_the_wrong_unit_is_refused_and_kept(framework, people, field, value, message):
    indicator = getattr(framework, field)
    response = post(
        client_for(people, "gov_th"),
        framework,
        **{f"value-{indicator.pk}": value, f"value-{framework.count.pk}": value}
        if field == "count"
        else {f"value-{indicator.pk}": value, f"value-{framework.count.pk}": "42"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Nothing was saved" in body
    assert "Typed narrative stays" in body
    if indicator.unit in ("count", "percentage"):
        assert f'value="{value}"' in body
    else:
        assert 'value="42"' in body
    assert not CountryReport.objects.exists()


def test_a_breakdown_must_be_a_number_too(framework, people):
    response = post(
        client_for(people, "gov_th"),
        framework,
        **{f"value-{framework.count.pk}": "10", f"dis-{framework.count.pk}-sex:F": "Mrs Somchai"},
    )
    assert response.status_code == 400
    assert "type a number only" in response.content.decode()
    assert 'value="Mrs Somchai"' in response.content.decode()


def test_a_closed_period_takes_no_report(framework, people):
    client = client_for(people, "gov_th")
    assert client.get(f"/results/reports/{framework.closed.pk}/TH/").status_code == 409
    response = post(
        client, framework, period=framework.closed, **{f"value-{framework.count.pk}": "5"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "2024 is closed" in body
    assert "Typed narrative stays" in body
    assert not CountryReport.objects.exists()


def test_another_countrys_report_is_refused_with_a_message(framework, people):
    response = post(client_for(people, "gov_th"), framework, country="KH",
                    **{f"value-{framework.count.pk}": "5"})  # fmt: skip
    assert response.status_code == 403
    assert "You may report only for your own country" in response.content.decode()


def test_a_second_report_for_the_same_period_is_refused(framework, people):
    actions.do_save_report(
        delegate_viewer(people.gov_th, "TH"), period=framework.open, country=framework.TH,
        typed=report_values(framework, count="5"), narrative="", links=[],
    )  # fmt: skip
    response = client_for(people, "gov_th").post(
        "/results/reports/", {"period": framework.open.pk, "country": "TH"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Thailand already has a report for 2025" in body
    assert "selected" in body  # the choices stay as chosen
    assert CountryReport.objects.count() == 1


def test_only_readable_pdfs_are_attached_and_the_text_is_kept(framework, people):
    client = client_for(people, "gov_th")
    for name, content in [("minutes.docx", b"PK\x03\x04"), ("fake.pdf", b"%PDF-1.4 nothing")]:
        response = client.post(
            f"/results/reports/{framework.open.pk}/TH/",
            {
                f"value-{framework.count.pk}": "33",
                "narrative": "Typed narrative stays",
                "step": "attach",
                "evidence": SimpleUploadedFile(name, content),
            },
        )
        assert response.status_code == 400, name
        body = response.content.decode()
        assert "PDF" in body
        assert 'value="33"' in body
        assert "Typed narrative stays" in body
    assert not EvidenceFile.objects.exists()
    response = client.post(
        f"/results/reports/{framework.open.pk}/TH/",
        {
            f"value-{framework.count.pk}": "33",
            "step": "attach",
            "evidence": SimpleUploadedFile("law.pdf", tiny_pdf()),
        },
    )
    assert response.status_code == 302
    assert EvidenceFile.objects.get().name == "law.pdf"


def test_a_bad_link_is_refused_and_kept(framework, people):
    response = post(
        client_for(people, "gov_th"), framework, **{"link-url-0": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert "is not a web address" in response.content.decode()
    assert 'value="javascript:alert(1)"' in response.content.decode()


def test_submitting_an_empty_report_is_refused(framework, people):
    response = post(client_for(people, "gov_th"), framework, step="submit")
    assert response.status_code == 409
    assert "Give at least one value" in response.content.decode()


def test_control_characters_are_a_message_or_a_space_never_a_server_error(framework, people):
    client = client_for(people, "gov_th")
    start = client.post("/results/reports/", {"period": framework.open.pk, "country": "T\x00"})
    assert start.status_code == 409
    assert "Choose a reporting period and a country" in start.content.decode()
    response = post(
        client,
        framework,
        narrative="Two\x00provinces",
        **{f"value-{framework.count.pk}": "1\x002", f"note-{framework.count.pk}": "a\x00b"},
    )
    assert response.status_code == 400
    assert "type a number only" in response.content.decode()
    saved = post(client, framework, narrative="Two\x00provinces",
                 **{f"value-{framework.count.pk}": "12"})  # fmt: skip
    assert saved.status_code == 302
    assert CountryReport.objects.get().narrative == "Two provinces"


def test_an_evidence_file_over_the_size_limit_is_refused_and_the_text_kept(framework, people):
    too_big = tiny_pdf() + b"\n%" + b"x" * actions.EVIDENCE_MAX_BYTES
    response = client_for(people, "gov_th").post(
        f"/results/reports/{framework.open.pk}/TH/",
        {
            f"value-{framework.count.pk}": "33",
            "narrative": "Typed narrative stays",
            "step": "attach",
            "evidence": SimpleUploadedFile("census.pdf", too_big, "application/pdf"),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "census.pdf is larger than 10 MB" in body
    assert 'value="33"' in body
    assert "Typed narrative stays" in body
    assert not EvidenceFile.objects.exists()


def test_starting_a_report_for_a_closed_period_is_refused_with_the_choices_kept(framework, people):
    response = client_for(people, "gov_th").post(
        "/results/reports/", {"period": framework.closed.pk, "country": "TH"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "The reporting period 2024 is closed" in body
    assert '<option value="TH" selected>' in body
    assert not CountryReport.objects.exists()


@pytest.mark.parametrize("value", ["1" * 13, "12.345"])
def test_a_value_too_long_for_a_figure_is_refused_with_why_and_kept(framework, people, value):
    response = post(
        client_for(people, "gov_th"), framework, **{f"value-{framework.count.pk}": value}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "2.1.a: use at most 12 digits before the decimal point and 2 after it." in body
    assert f'value="{value}"' in body
    assert not CountryReport.objects.exists()


def test_evidence_cannot_be_added_once_the_period_has_closed(framework, people):
    thai = delegate_viewer(people.gov_th, "TH")
    actions.do_save_report(
        thai, period=framework.open, country=framework.TH,
        typed=report_values(framework, count="5"), narrative="", links=[],
    )  # fmt: skip
    framework.open.is_open = False
    framework.open.save()
    response = client_for(people, "gov_th").post(
        f"/results/reports/{framework.open.pk}/TH/",
        {
            f"value-{framework.count.pk}": "7",
            "narrative": "Typed narrative stays",
            "step": "attach",
            "evidence": SimpleUploadedFile("law.pdf", tiny_pdf(), "application/pdf"),
        },
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "closed" in body
    assert 'value="7"' in body
    assert "Typed narrative stays" in body
    assert not EvidenceFile.objects.exists()
    assert CountryReport.objects.get().values.get(indicator=framework.count).value == 5
