"""The search page and the JSON API: facets as links, highlights, pages, bad input."""

import pytest


def test_the_page_shows_hits_with_page_numbers_and_facet_links(content, client):
    response = client.get("/library/search/", {"q": "Ambon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Stranded at sea" in html
    assert "page 2" in html
    assert "<mark>Ambon</mark>" in html
    assert 'href="?q=Ambon&amp;country=TH"' in html
    assert "Thailand" in html


def test_restricted_publications_never_show_or_count_for_the_public(content, client):
    html = client.get("/library/search/", {"q": "fishing"}).content.decode()
    assert "Government paper" not in html
    assert "Cambodia" not in html
    data = client.get("/api/library/search", {"q": "fishing"}).json()
    assert [hit["title"] for hit in data["results"]] == [
        "Stranded at sea: trafficking in the fishing fleets"
    ]
    assert data["facets"]["country"] == [{"value": "TH", "label": "Thailand", "count": 1}]
    titles = client.get("/api/library/autocomplete", {"q": "Gov"}).json()["results"]
    assert titles == []


def test_a_chosen_facet_filters_and_shows_as_selected(content, client):
    response = client.get("/library/search/", {"q": "fishing", "country": "TH"})
    html = response.content.decode()
    assert 'aria-current="true"' in html
    assert '<input type="hidden" name="country" value="TH">' in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"unbalanced'},
        {"q": "NOT"},
        {"q": "unknown:field"},
        {"q": "x" * 10_000},
        {"q": "fishing", "page": "1000000"},
        {"q": "🙂 ประมง ខ fishing"},
        {"q": "fishing", "page": "abc"},
    ],
)
def test_odd_input_gives_results_or_a_message_never_an_error(content, client, params):
    response = client.get("/library/search/", params)
    assert response.status_code in {200, 400}
    assert client.get("/api/library/search", params).status_code in {200, 400}


def test_invalid_years_are_explained(content, client):
    response = client.get("/library/search/", {"q": "fishing", "year_from": "soon"})
    assert response.status_code == 400
    assert "A year must be a number" in response.content.decode()
    api = client.get("/api/library/search", {"year_to": "99999"})
    assert api.status_code == 400
    assert api.json()["errors"] == ["A year must be between 1900 and 2100."]


def test_a_publication_page_lists_more_like_this_within_the_readers_rights(
    content, client, publish, countries
):
    brief = publish(
        "fishing-inspections",
        title="Fishing inspections at sea",
        summary="Inspectors boarded fishing boats at sea.",
        countries=[countries["TH"]],
    )
    html = client.get(brief.url).content.decode()
    assert "More like this" in html
    assert "Stranded at sea: trafficking in the fishing fleets" in html
    assert "Government paper on fishing prosecutions" not in html
