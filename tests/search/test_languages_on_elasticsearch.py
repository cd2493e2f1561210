"""Per-language analysis and the thesaurus, on the real Elasticsearch node."""

import pytest

from knowledge.search.query import SearchQuery
from portal.permissions import ANONYMOUS
from tests.search.conftest import publish_multilingual, search_on_elasticsearch

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def multilingual(elasticsearch_index, publish):
    publish_multilingual(publish)


def found(text):
    results = search_on_elasticsearch(SearchQuery(text=text), ANONYMOUS)
    return [hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in results.hits], results


def test_a_thai_word_inside_unspaced_text_is_found(multilingual):
    slugs, results = found("กองเรือประมง")
    assert slugs == ["fishing-islands-th"]
    assert any("<mark>" in fragment for fragment in results.hits[0].highlights)


def test_vietnamese_without_diacritics_finds_accented_text(multilingual):
    slugs, _results = found("hon nhan qua moi gioi")
    assert slugs == ["brokered-marriage-vi"]
    slugs, _results = found("Hôn nhân")
    assert slugs == ["brokered-marriage-vi"]


def test_a_thai_thesaurus_term_finds_an_english_report(multilingual):
    # "แรงงานบังคับ" (forced labour) appears in no Thai text here: only the thesaurus links it.
    slugs, _results = found("แรงงานบังคับ")
    assert slugs == ["construction-debt"]


def test_a_vietnamese_thesaurus_term_finds_an_english_report(multilingual):
    slugs, _results = found("lao động cưỡng bức")
    assert slugs == ["construction-debt"]


def test_chinese_and_lao_words_are_found_inside_their_text(multilingual):
    assert found("诈骗园区")[0] == ["scam-compounds-zh"]
    assert found("ແຮງງານ")[0] == ["lao-migration"]


def test_english_stemming(multilingual):
    assert found("recruiter")[0] == ["construction-debt"]


def test_query_syntax_and_bad_input_never_fail(multilingual):
    assert found('"construction workers" -Thailand')[0] == ["construction-debt"]
    assert found("construction NOT deception")[0] == []
    assert sorted(found("construction OR Hôn")[0]) == ["brokered-marriage-vi", "construction-debt"]
    for text in ['"unbalanced', "NOT", "AND OR", "🙂 ก ខ", "x" * 500, "title:(", "a:b:c"]:
        found(text)


def test_a_quoted_thesaurus_term_finds_its_concept_in_every_language(multilingual):
    # A phrase of the thesaurus is its concept too: the quoted English term finds the
    # Chinese report (诈骗园区 in its title), and a word excluded with "-" still excludes.
    assert found('"scam compounds"')[0] == ["scam-compounds-zh"]
    assert found('"forced labour" -Cambodian')[0] == []
    assert found('"forced labor"')[0] == ["construction-debt"]
    # Words of a concept's term apart are not the concept.
    assert found('"labour forced"')[0] == []


def test_a_thesaurus_term_marks_the_term_of_its_concept_in_another_language(multilingual):
    # The reader typed Thai; the English title is marked where it says the same thing.
    _slugs, results = found("แรงงานบังคับ")
    assert any("<mark>forced labour</mark>" in fragment for fragment in results.hits[0].highlights)
    # A word inside a longer thesaurus term is marked with the term it belongs to.
    _slugs, results = found("labour")
    assert any("<mark>forced labour</mark>" in fragment for fragment in results.hits[0].highlights)
    # A word outside any term is marked alone.
    _slugs, results = found("deception")
    assert any("and <mark>deception</mark>" in fragment for fragment in results.hits[0].highlights)


def test_a_page_hit_snippet_marks_the_thesaurus_term_of_the_query(publish, elasticsearch_index):
    publish(
        "brick-kilns",
        title="Brick kilns in the delta",
        pages=["Introduction and method.", "Families in debt bondage at the kilns."],
    )
    slugs, results = found("lao động gán nợ")  # debt bondage, in Vietnamese
    assert slugs == ["brick-kilns"]
    [page_hit] = results.hits[0].page_hits
    assert page_hit.number == 2
    assert "<mark>debt bondage</mark>" in page_hit.snippet
