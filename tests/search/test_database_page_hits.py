"""
The database backend's page hits come from where indexing found each term on each page
(PublicationTerm.pages): the right pages, in order, with the snippet a cut of the whole
page would give; terms indexed before that was kept still give their page hits.
"""

import pytest

from knowledge.search.backends import DATABASE_BACKEND, search_publications
from knowledge.search.backends.database import mark, mark_ranges, window_ranges
from knowledge.search.models import PublicationTerm
from knowledge.search.query import SearchQuery
from knowledge.search.words import query_terms, terms_and_first_offsets
from portal.permissions import ANONYMOUS

FILLER = "The weather report for the harbour said little of interest that week. " * 12


@pytest.fixture
def database(settings):
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND


@pytest.fixture
def long_report(database, publish):
    return publish(
        "crew-report",
        title="Fishing crews in the eastern seas",
        pages=[
            "Introduction to the study.",
            FILLER + "Crew members were held on boats near Ambon for months. " + FILLER,
            "Nothing about the islands here.",
            "Ambon again: the crew went home at last.",
        ],
    )


def page_hits(text):
    results = search_publications(SearchQuery(text=text), ANONYMOUS)
    assert results.backend == "database"
    [hit] = results.hits
    return [(page_hit.number, page_hit.snippet) for page_hit in hit.page_hits]


def test_page_hits_name_the_pages_with_every_word_and_mark_them_deep_in_a_page(long_report):
    hits = page_hits("crew Ambon")
    assert [number for number, _snippet in hits] == [2, 4]
    _number, snippet = hits[0]
    # The words stand about 900 characters into page 2: the snippet starts near them.
    assert snippet.startswith("…")
    assert "<mark>Crew</mark> members were held on boats near <mark>Ambon</mark>" in snippet
    assert "<mark>Ambon</mark> again: the <mark>crew</mark> went home" in hits[1][1]
    # A word on page 2 only: that page alone.
    assert [number for number, _snippet in page_hits("Ambon members")] == [2]


def test_terms_indexed_before_their_pages_were_kept_still_give_page_hits(long_report):
    expected = page_hits("crew Ambon")
    # As a database migrated to keeping pages, before `search_index --rebuild` ran.
    PublicationTerm.objects.update(pages=None)
    assert page_hits("crew Ambon") == expected


@pytest.mark.parametrize(
    ("query", "page"),
    [
        # Thai, Khmer and Chinese are cut into words by ICU's dictionary; the first two
        # queries are thesaurus terms (forced labour, human trafficking) marked as a run.
        ("แรงงานบังคับ", "ชาวประมงเล่าเรื่องการทำงานบนเรือประมงกลางทะเลเป็นเวลาหลายเดือน " * 8),
        ("ការជួញដូរមនុស្ស", "របាយការណ៍ស្រាវជ្រាវអំពីពលករចំណាកស្រុកនៅតាមព្រំដែន " * 8),
        ("诈骗园区", "虚假招聘如何把人带进边境地区的工厂和农场，" * 12),
        ("debt bondage", FILLER),
    ],
)
def test_a_snippet_cut_around_its_first_word_is_the_one_the_whole_page_gives(db, query, page):
    text = page + query + " " + page + query
    wanted = query_terms(query)
    terms = wanted.all_terms | wanted.own
    _sequence, firsts = terms_and_first_offsets(text)
    first = min(firsts[term] for term in terms if term in firsts)
    assert first > len(page) - 5  # deep in the page, as indexing found it
    ranges = window_ranges(text, first, terms)
    assert ranges is not None, "the stretch around the snippet was cut otherwise than the page"
    assert mark_ranges(text, ranges) == mark(text, terms)
    assert "<mark>" in mark(text, terms)
