"""
Who sees and edits which country's reports. A government delegate edits only their own
country's report and sees no other country's unapproved values, through no path: pages,
SVG charts, CSV, JSON and SDMX-CSV downloads, the API, search, the sitemap, the review and
history pages, evidence files or My portal.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from results import actions
from results.models import CountryReport
from tests.results.conftest import PERSONAS, client_for, delegate_viewer, report_values, tiny_pdf

pytestmark = pytest.mark.postgres

PUBLIC_PATHS = [
    "/results/",
    "/th/results/",
    "/results/indicators/2.1.a/",
    "/results/countries/TH/",
    "/results/countries/KH/",
    "/results/data.csv",
    "/results/data.json",
    "/results/data.sdmx.csv",
    "/results/data.json?country=TH",
    # Not even through the API, the library's search or the sitemap.
    "/api/v2/publications/?search=7777",
    "/library/search/?q=narrative",  # the query is shown back, so not the figure itself
    "/sitemap.xml",
]


@pytest.fixture
def unapproved(framework, people):
    """Thailand's submitted report (7777) with a PDF, Cambodia's draft (6666)."""
    thai = delegate_viewer(people.gov_th, "TH")
    th = actions.do_save_report(
        thai, period=framework.open, country=framework.TH,
        typed=report_values(framework, count="7777"), narrative="Thai narrative", links=[],
    )  # fmt: skip
    actions.do_attach_evidence(
        thai, th, SimpleUploadedFile("evidence.pdf", tiny_pdf(), "application/pdf")
    )
    actions.do_submit_report(thai, th)
    kh = actions.do_save_report(
        delegate_viewer(people.gov_kh, "KH"), period=framework.open, country=framework.KH,
        typed=report_values(framework, count="6666"), narrative="", links=[],
    )  # fmt: skip
    return th, kh


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_unapproved_value_reaches_a_public_path(unapproved, people, persona):
    client = client_for(people, persona)
    for path in PUBLIC_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode("utf-8-sig")
        assert "7777" not in body, (persona, path)
        assert "6666" not in body, (persona, path)
        assert "Thai narrative" not in body, (persona, path)


# persona → (status of Thailand's report page, does it show the value)
REPORT_PAGE = {
    "anonymous": (302, False),
    "cso": (403, False),
    "gov_th_no_mfa": (302, False),
    "gov_kh": (403, False),
    "gov_th": (200, True),
    "secretariat": (200, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_countrys_report_is_for_its_delegates_and_the_secretariat(
    unapproved, framework, people, persona
):
    th, _kh = unapproved
    client = client_for(people, persona)
    response = client.get(f"/results/reports/{framework.open.pk}/TH/")
    status, shows = REPORT_PAGE[persona]
    assert response.status_code == status
    assert ("7777" in response.content.decode()) is shows
    history = client.get(f"/results/history/{th.pk}/")
    assert ("7777" in history.content.decode()) is shows
    evidence = client.get(f"/results/evidence/{th.pk}/{th.files.get().pk}/")
    assert (evidence.status_code == 200) is shows
    review = client.get(f"/results/review/{th.pk}/")
    assert (review.status_code == 200) is (persona == "secretariat")
    assert "7777" not in client.get("/me/").content.decode() or shows


def test_a_delegate_cannot_write_another_countrys_report(unapproved, framework, people):
    _th, kh = unapproved
    thai = client_for(people, "gov_th")
    response = thai.post(
        f"/results/reports/{framework.open.pk}/KH/",
        {f"value-{framework.count.pk}": "1", "step": "save"},
    )
    assert response.status_code == 403
    assert "only for your own country" in response.content.decode()
    kh.refresh_from_db()
    assert kh.values.get(indicator=framework.count).value == 6666
    # Reviewing is the secretariat's.
    assert thai.post(f"/results/review/{kh.pk}/", {"decision": "approve"}).status_code == 404
    with pytest.raises(actions.ActionRefused):
        actions.do_approve_report(delegate_viewer(people.gov_th, "TH"), unapproved[0])


def test_the_report_list_shows_only_the_delegates_country(unapproved, people):
    listing = client_for(people, "gov_kh").get("/results/reports/").content.decode()
    assert "Cambodia — 2025" in listing
    assert "Thailand — 2025" not in listing
    queue = client_for(people, "secretariat").get("/results/reports/").content.decode()
    assert "Thailand — 2025" in queue
    assert "Waiting for review" in queue
    assert CountryReport.objects.count() == 2


def test_a_cso_refused_the_report_list_is_offered_ways_on_not_the_same_refusal(people):
    response = client_for(people, "cso").get("/results/reports/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "written by government delegates" in page
    # Every way on leads somewhere the reader may go: not back to this refusal.
    assert 'href="/results/reports/"' not in page
    assert 'href="/results/"' in page
    assert client_for(people, "cso").get("/results/").status_code == 200
