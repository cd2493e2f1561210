"""The Atom feed, citation export, the API, and the page's metadata for machines."""

import json
import xml.etree.ElementTree as ET

import pytest

from tests.knowledge.conftest import sign_in_as

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_titles(client, query=""):
    response = client.get(f"/library/feed/{query}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_the_feed_lists_public_publications_only_even_for_the_secretariat(
    client, publications, people
):
    sign_in_as(client, people["secretariat"][0], mfa=True)
    assert feed_titles(client) == ["Trafficking in the fishing sector"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?country=th", ["Trafficking in the fishing sector"]),
        ("?country=KH", []),
        ("?area=protection&type=research-report", ["Trafficking in the fishing sector"]),
        ("?language=vi", []),
    ],
)
def test_the_feed_filters(client, publications, query, expected):
    assert feed_titles(client, query) == expected


def test_an_unknown_filter_value_is_a_bad_request(client, publications):
    assert client.get("/library/feed/?area=astrology").status_code == 400


def test_bibtex_ris_and_csl_json(client, publications):
    url = publications["public"].url
    bibtex = client.get(f"{url}cite/bibtex/").content.decode()
    assert bibtex.startswith("@techreport{")
    assert "title = {Trafficking in the fishing sector}" in bibtex
    ris = client.get(f"{url}cite/ris/").content.decode()
    assert ris.startswith("TY  - RPRT\r\n")
    assert "ER  - " in ris
    csl = json.loads(client.get(f"{url}cite/csl-json/").content)
    assert csl[0]["type"] == "report"
    assert csl[0]["title"] == "Trafficking in the fishing sector"
    assert client.get(f"{url}cite/endnote/").status_code == 404


def test_publication_page_carries_open_graph_and_json_ld(client, publications):
    html = client.get(publications["public"].url).content.decode()
    assert '<meta property="og:title" content="Trafficking in the fishing sector">' in html
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Report"
    assert data["name"] == "Trafficking in the fishing sector"


def test_the_api_lists_what_the_caller_may_see(client, publications, people):
    def titles():
        response = client.get("/api/v2/publications/")
        assert response.status_code == 200
        return {item["title"] for item in response.json()["items"]}

    assert titles() == {"Trafficking in the fishing sector"}
    restricted = publications["groups"].pk
    assert client.get(f"/api/v2/publications/{restricted}/").status_code == 404
    sign_in_as(client, people["cso"][0])
    assert titles() == {"Trafficking in the fishing sector", "Members brief on referral"}
