"""A NUL byte or another control character in the search text is ignored, on either backend."""

import pytest

pytestmark = pytest.mark.django_db

TITLE = "Stranded at sea: trafficking in the fishing fleets"


@pytest.mark.parametrize("text", ["fish\x00ing fleets", "\x00", "fleets\x1b"])
def test_the_json_api_answers_normally(content, backend, client, text):
    response = client.get("/api/library/search", {"q": text, "country": "TH\x00"})
    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == backend
    assert not data["reduced"]


def test_the_search_page_answers_normally(content, backend, client):
    response = client.get("/library/search/", {"q": "fleets\x00"})
    assert response.status_code == 200
    assert TITLE in response.content.decode()
    assert "\x00" not in response.content.decode()


def test_the_nul_is_dropped_not_the_words(content, backend, client):
    data = client.get("/api/library/search", {"q": "\x00fleets\x00"}).json()
    assert data["backend"] == backend
    assert [hit["title"] for hit in data["results"]] == [TITLE]


def test_autocomplete_answers_normally(content, backend, client):
    response = client.get("/api/library/autocomplete", {"q": "Stran\x00"})
    assert response.status_code == 200
    assert [hit["title"] for hit in response.json()["results"]] == [TITLE]
