"""
The contract every search backend keeps: same query object, same result shape, and
nothing restricted ever shown or counted. Runs once per backend (database, Elasticsearch).
"""

from datetime import date

import pytest

from knowledge.search.backends import get_search_backend, search_publications
from knowledge.search.query import SearchQuery
from portal.models import AccessLevel


@pytest.fixture
def library_content(backend, publish, groups, countries, taxonomy):
    return {
        "fishing": publish(
            "fishing-fleets",
            title="Stranded at sea: trafficking in the fishing fleets",
            summary="Fishermen from Cambodia held on remote islands.",
            pages=["Introduction to the study.", "Boats stayed at sea for months at Ambon."],
            countries=[countries["TH"], countries["KH"]],
            areas=[taxonomy["protection"]],
            forms=[taxonomy["fishing"]],
            publication_type=taxonomy["report"],
            publication_date=date(2016, 6, 1),
        ),
        "marriage": publish(
            "brokered-marriage",
            title="Brokered marriage across borders",
            summary="Women who returned from brokered marriages in the fishing towns.",
            countries=[countries["VN"]],
            areas=[taxonomy["protection"]],
            forms=[taxonomy["marriage"]],
            publication_type=taxonomy["brief"],
            publication_date=date(2019, 6, 1),
        ),
        "members": publish(
            "members-fishing-brief",
            title="Members brief on fishing inspections",
            access=AccessLevel.MEMBERS,
            countries=[countries["KH"]],
            publication_type=taxonomy["brief"],
            publication_date=date(2020, 6, 1),
        ),
        "government": publish(
            "government-fishing-paper",
            title="Government paper on fishing prosecutions",
            access=AccessLevel.GROUPS,
            groups=[groups["government"]],
            countries=[countries["KH"]],
            publication_type=taxonomy["brief"],
            publication_date=date(2024, 6, 1),
        ),
    }


@pytest.fixture
def search(backend):
    """Search, checking the backend under test answered (not the fallback)."""

    def search(query, viewer):
        results = search_publications(query, viewer)
        assert results.backend == backend
        assert not results.reduced
        return results

    return search


def titles(results):
    return {hit.title for hit in results.hits}


def test_a_word_finds_the_publications_that_use_it(library_content, search, viewers):
    results = search(SearchQuery(text="fishing"), viewers["anonymous"])
    assert titles(results) == {
        "Stranded at sea: trafficking in the fishing fleets",
        "Brokered marriage across borders",
    }
    assert results.total == 2


def test_hits_carry_title_url_highlight_and_page_number(library_content, search, viewers):
    results = search(SearchQuery(text="Ambon"), viewers["anonymous"])
    [hit] = results.hits
    assert hit.title == "Stranded at sea: trafficking in the fishing fleets"
    assert hit.url.endswith("/library/fishing-fleets/")
    assert [page_hit.number for page_hit in hit.page_hits] == [2]
    assert "<mark>Ambon</mark>" in hit.page_hits[0].snippet
    results = search(SearchQuery(text="remote islands"), viewers["anonymous"])
    assert any("<mark>" in fragment for fragment in results.hits[0].highlights)


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", set()),
        ("cso", {"Members brief on fishing inspections"}),
        (
            "government",
            {"Members brief on fishing inspections", "Government paper on fishing prosecutions"},
        ),
        (
            "secretariat",
            {"Members brief on fishing inspections", "Government paper on fishing prosecutions"},
        ),
    ],
)
def test_restricted_publications_appear_only_for_those_with_rights(
    library_content, search, viewers, viewer, expected
):
    restricted = {
        "Members brief on fishing inspections",
        "Government paper on fishing prosecutions",
    }
    results = search(SearchQuery(text="fishing"), viewers[viewer])
    assert titles(results) & restricted == expected
    assert results.total == 2 + len(expected)
    # Facet counts: Cambodia is covered by the public report plus what this viewer may see.
    cambodia = {f.value: f.count for f in results.facets["country"]}.get("KH", 0)
    assert cambodia == 1 + len(expected)
    briefs = {f.value: f.count for f in results.facets["type"]}.get("policy-brief", 0)
    assert briefs == 1 + len(expected)


def test_filters_narrow_results_and_facets_count_what_is_left(library_content, search, viewers):
    results = search(SearchQuery(countries=("VN",)), viewers["anonymous"])
    assert titles(results) == {"Brokered marriage across borders"}
    # Other facets count what is left; the country facet still offers the other countries,
    # counted as if chosen instead, since a second choice widens the results.
    assert {f.value: f.count for f in results.facets["type"]} == {"policy-brief": 1}
    assert {f.value: (f.count, f.selected) for f in results.facets["country"]} == {
        "TH": (1, False),
        "KH": (1, False),
        "VN": (1, True),
    }
    both = search(SearchQuery(countries=("VN", "TH")), viewers["anonymous"])
    assert titles(both) == {
        "Brokered marriage across borders",
        "Stranded at sea: trafficking in the fishing fleets",
    }
    briefs = search(
        SearchQuery(countries=("VN", "KH"), types=("policy-brief",)), viewers["anonymous"]
    )
    assert titles(briefs) == {"Brokered marriage across borders"}
    # Within the chosen type, the countries: Viet Nam only (the KH report is not a brief).
    assert {f.value: f.count for f in briefs.facets["country"]} == {"VN": 1}
    assert {f.value: f.count for f in briefs.facets["type"]} == {
        "policy-brief": 1,
        "research-report": 1,
    }
    everything = search(SearchQuery(), viewers["anonymous"])
    assert {f.value: f.count for f in everything.facets["country"]} == {"TH": 1, "KH": 1, "VN": 1}
    assert {f.value: f.count for f in everything.facets["year"]} == {"2016": 1, "2019": 1}
    assert {f.label for f in everything.facets["country"]} == {"Thailand", "Cambodia", "Viet Nam"}
    assert {f.value: f.count for f in everything.facets["area"]} == {"protection": 2}
    years = search(SearchQuery(year_from=2017, year_to=2030), viewers["anonymous"])
    assert titles(years) == {"Brokered marriage across borders"}


@pytest.mark.parametrize(("viewer", "briefs_in_cambodia"), [("anonymous", 0), ("government", 2)])
def test_facets_of_a_text_search_count_the_words_and_the_choices(
    library_content, search, viewers, viewer, briefs_in_cambodia
):
    # The database backend counts the facets without a choice of their own over the ids the
    # search found, the others by asking again without their choice: both must agree with
    # the hits, and count nothing the viewer may not see.
    results = search(SearchQuery(text="fishing", countries=("KH",)), viewers[viewer])
    assert results.total == 1 + briefs_in_cambodia
    types = {f.value: f.count for f in results.facets["type"]}
    assert types == {"research-report": 1, **({"policy-brief": 2} if briefs_in_cambodia else {})}
    assert {f.value: f.count for f in results.facets["country"]} == {
        "TH": 1,
        "KH": 1 + briefs_in_cambodia,
        "VN": 1,
    }
    assert {f.value: f.count for f in results.facets["area"]} == {"protection": 1}


def test_sorting_and_pages(library_content, search, viewers):
    newest = search(SearchQuery(sort="newest", page_size=1), viewers["secretariat"])
    assert newest.total == 4
    assert newest.page_count == 4
    assert [hit.title for hit in newest.hits] == ["Government paper on fishing prosecutions"]
    oldest = search(SearchQuery(sort="oldest", page=2, page_size=1), viewers["secretariat"])
    assert [hit.title for hit in oldest.hits] == ["Brokered marriage across borders"]
    beyond = search(SearchQuery(page=9, page_size=1), viewers["secretariat"])
    assert beyond.hits == []
    assert beyond.total == 4


def test_unpublished_publications_leave_the_results(
    library_content, search, viewers, refresh, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        library_content["marriage"].unpublish()
    refresh()
    results = search(SearchQuery(text="brokered"), viewers["anonymous"])
    assert results.total == 0


def test_more_like_this_lists_alike_publications_the_viewer_may_see(
    library_content, backend, viewers
):
    engine = get_search_backend()  # the backend under test, never the fallback
    fishing = library_content["fishing"].pk
    for_public = {item["title"] for item in engine.more_like_this(fishing, viewers["anonymous"])}
    assert "Brokered marriage across borders" in for_public
    assert "Stranded at sea: trafficking in the fishing fleets" not in for_public
    assert not for_public & {
        "Members brief on fishing inspections",
        "Government paper on fishing prosecutions",
    }
    for_members = {item["title"] for item in engine.more_like_this(fishing, viewers["cso"])}
    assert "Members brief on fishing inspections" in for_members
    assert "Government paper on fishing prosecutions" not in for_members
