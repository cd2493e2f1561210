"""
Page hits on Elasticsearch, where a publication's pages are one field of its document:
the pages named are those with every word, in the order of the file, each with a short
marked passage (not the page), as the database backend names them.
"""

import pytest

from knowledge.actions import do_store_document_bytes
from knowledge.models import PublicationText
from knowledge.sample_pdfs import latin_pdf
from knowledge.search.backends.elasticsearch import ElasticsearchBackend
from knowledge.search.query import SearchQuery
from portal.models import AccessLevel
from portal.permissions import ANONYMOUS
from tests.search.conftest import search_on_elasticsearch

pytestmark = pytest.mark.elasticsearch

FILLER = "The weather report for the harbour said little of interest that week. " * 12


def page_hits(text):
    results = search_on_elasticsearch(SearchQuery(text=text), ANONYMOUS)
    [hit] = results.hits
    return [(page_hit.number, page_hit.snippet) for page_hit in hit.page_hits]


@pytest.fixture
def crew_report(elasticsearch_index, publish):
    return publish(
        "crew-report",
        title="Fishing crews in the eastern seas",
        pages=[
            "Introduction to the study of crew members.",
            FILLER + "Crew members were held on boats near Ambon for months. " + FILLER,
            "Nothing about the islands here, only Ambon.",
            "Ambon again: the crew went home at last.",
        ],
    )


def test_the_pages_named_hold_every_word_in_the_order_of_the_file(crew_report):
    hits = page_hits("crew Ambon")
    assert [number for number, _snippet in hits] == [2, 4]
    # A passage around the words, not the whole page of about 1,800 characters.
    assert "<mark>Crew</mark> members were held on boats near <mark>Ambon</mark>" in hits[0][1]
    assert len(hits[0][1]) < 400
    assert "<mark>Ambon</mark> again: the <mark>crew</mark> went home" in hits[1][1]
    # One word: every page that has it, the first three.
    assert [number for number, _snippet in page_hits("Ambon")] == [2, 3, 4]


def test_words_on_different_pages_find_the_publication_but_name_no_page(crew_report):
    # "Introduction" stands on page 1 only, "islands" on page 3 only.
    results = search_on_elasticsearch(SearchQuery(text="introduction islands"), ANONYMOUS)
    [hit] = results.hits
    assert hit.title == "Fishing crews in the eastern seas"
    assert hit.page_hits == []


def test_a_word_matched_through_english_stemming_names_its_page(elasticsearch_index, publish):
    publish(
        "recruiters",
        title="Recruitment on the border",
        pages=[
            "Method and sources at Ambon.",
            "Agents recruited workers; recruits came from villages.",
        ],
    )
    [(number, snippet)] = page_hits("recruiting")
    assert number == 2
    assert "<mark>recruited</mark>" in snippet
    # Two forms of one stem count for that word only: no page has both words.
    assert page_hits("recruiting Ambon") == []
    assert [number for number, _snippet in page_hits("recruiting villages")] == [2]


def test_the_same_page_number_in_two_files_is_two_pages(elasticsearch_index, publish, refresh):
    report = publish("two-files", title="Boat crews", pages=["Intro.", "Boats at Ambon."])
    annex = do_store_document_bytes(
        "annex.pdf", latin_pdf(["Annex.", "The crew went home."], title="annex"), title="Annex"
    )
    for number, text in enumerate(["Annex.", "The crew went home."], start=1):
        PublicationText.objects.create(
            publication=report, document=annex, page_number=number, language="en", text=text
        )
    ElasticsearchBackend().index_publication(report.pk)
    refresh()
    # "Ambon" is on page 2 of the report, "crew" on page 2 of the annex: no page has both.
    assert page_hits("Ambon crew") == []
    assert [number for number, _snippet in page_hits("crew")] == [2]


def test_a_restricted_publication_gives_no_page_hits_to_those_who_may_not_see_it(
    elasticsearch_index, publish, viewers
):
    publish(
        "members-only",
        title="Inspection notes",
        access=AccessLevel.MEMBERS,
        pages=["Ambon inspections."],
    )
    assert search_on_elasticsearch(SearchQuery(text="Ambon"), ANONYMOUS).total == 0
    [hit] = search_on_elasticsearch(SearchQuery(text="Ambon"), viewers["cso"]).hits
    assert [page_hit.number for page_hit in hit.page_hits] == [1]
    # The passages themselves are asked within the viewer's rights, whatever ids are given.
    backend = ElasticsearchBackend()
    assert backend._page_passages(SearchQuery(text="Ambon"), ANONYMOUS, [hit.id]) == {}
    assert backend._page_passages(SearchQuery(text="Ambon"), viewers["cso"], [hit.id])


def test_a_page_with_markup_characters_is_named_and_its_snippet_stays_escaped(
    elasticsearch_index, publish
):
    publish(
        "harbour-notes",
        title="Harbour notes",
        pages=["Contents.", 'Crews & agents at Ambon <north pier> said "no".'],
    )
    [(number, snippet)] = page_hits("Ambon")
    assert number == 2
    assert "&amp; agents at <mark>Ambon</mark> &lt;north pier&gt;" in snippet
    assert "<north" not in snippet
