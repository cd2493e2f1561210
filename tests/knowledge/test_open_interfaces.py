"""The Atom feed, citation export, the API, and the page's metadata for machines."""

import json
import re
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


def test_every_absolute_url_uses_the_one_site_root(client, publications, settings):
    settings.PORTAL_BASE_URL = "https://portal.commit.example"
    public = publications["public"]
    expected = "https://portal.commit.example/library/fishing-report/"
    for host in ("localhost", "127.0.0.1"):
        html = client.get(public.url, HTTP_HOST=host).content.decode()
        assert f'<meta property="og:url" content="{expected}">' in html
        assert '<meta property="og:image" content="https://portal.commit.example/' in html
        assert f'"url": "{expected}"' in html  # JSON-LD
        feed = ET.fromstring(client.get("/library/feed/", HTTP_HOST=host).content)  # noqa: S314
        links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        assert links
        assert all(href.startswith("https://portal.commit.example/") for href in links)
        api = client.get(f"/api/v2/publications/{public.pk}/", HTTP_HOST=host).json()
        assert api["meta"]["html_url"] == expected
        assert expected in client.get(f"{public.url}cite/ris/", HTTP_HOST=host).content.decode()


def meta_tags(html, name):
    return re.findall(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', html)


def test_scholar_and_open_graph_metadata_of_a_public_publication(client, publications, publish):
    public = publications["public"]
    thai = publish(
        "fishing-report-th", title="การค้ามนุษย์ในภาคประมง", language="th", edition_of=public
    )
    html = client.get(public.url).content.decode()
    (pdf_url,) = meta_tags(html, "citation_pdf_url")
    assert pdf_url.startswith("http://127.0.0.1:8000/documents/")
    download = client.get(pdf_url.removeprefix("http://127.0.0.1:8000"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert meta_tags(html, "citation_title") == ["Trafficking in the fishing sector"]
    assert meta_tags(html, "citation_language") == ["en"]
    assert meta_tags(html, "og:locale") == ["en_GB"]
    assert meta_tags(html, "og:locale:alternate") == ["th_TH"]
    assert (
        '<meta property="og:image" content="http://127.0.0.1:8000/static/knowledge/card.png">'
        in html
    )
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "en": "http://127.0.0.1:8000/library/fishing-report/",
        "th": f"http://127.0.0.1:8000{thai.url}",
    }


def test_a_restricted_publication_names_no_pdf_and_no_alternates(client, publications, people):
    sign_in_as(client, people["cso"][0])
    html = client.get(publications["members"].url).content.decode()
    assert meta_tags(html, "citation_title") == ["Members brief on referral"]
    assert meta_tags(html, "citation_pdf_url") == []
    assert 'hreflang="en" href=' not in html
