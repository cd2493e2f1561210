"""
Every language of the region, on every backend: words inside unspaced Thai, Lao, Khmer,
Burmese and Chinese text, Vietnamese typed without its marks, the thesaurus across
languages, and input no reader meant. The database runs on SQLite and on PostgreSQL alike
(the suite runs on whichever DATABASE_URL names).
"""

import pytest
from django.http import QueryDict

from knowledge.search.backends import search_publications
from knowledge.search.query import SearchQuery
from knowledge.search.words import words
from portal.permissions import ANONYMOUS
from tests.search.conftest import publish_multilingual


@pytest.fixture
def languages(backend, publish):
    publish_multilingual(publish)
    publish(
        "forced-marriage-vi",
        language="vi",
        title="Hôn nhân cưỡng ép ở vùng biên giới",
        summary="Phụ nữ trở về kể lại những gì đã xảy ra.",
    )
    publish(
        "trafficking-km",
        language="km",
        title="ការជួញដូរមនុស្សនៅតាមព្រំដែន",
        summary="របាយការណ៍ស្រាវជ្រាវ",
    )
    publish(
        "trafficking-my",
        language="my",
        title="လူကုန်ကူးမှုဆိုင်ရာ သုတေသန",
        summary="နယ်စပ်ဒေသ",
    )
    publish(
        "referral-en",
        title="Referral mechanisms for survivors",
        summary="How service providers pass cases to each other.",
        pages=["Contents.", "The national referral mechanism in Viet Nam."],
    )
    return backend


def found(text, backend):
    results = search_publications(SearchQuery(text=text), ANONYMOUS)
    assert results.backend == backend, f"answered by {results.backend}"
    return [hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in results.hits], results


def test_a_thai_word_inside_unspaced_text_is_found_and_marked(languages):
    slugs, results = found("กองเรือประมง", languages)
    assert slugs == ["fishing-islands-th"]
    assert any("<mark>" in fragment for fragment in results.hits[0].highlights)
    # A single word of a long Thai sentence: "sea" in "stuck in the middle of the sea".
    assert found("ทะเล", languages)[0] == ["fishing-islands-th"]


def test_chinese_lao_khmer_and_burmese_words_are_found_inside_their_text(languages):
    assert found("诈骗园区", languages)[0] == ["scam-compounds-zh"]
    assert found("招聘", languages)[0] == ["scam-compounds-zh"]
    assert found("ແຮງງານ", languages)[0] == ["lao-migration"]
    assert found("ព្រំដែន", languages)[0] == ["trafficking-km"]
    assert found("သုတေသန", languages)[0] == ["trafficking-my"]


def test_vietnamese_without_diacritics_finds_accented_text(languages):
    assert found("hon nhan cuong ep", languages)[0] == ["forced-marriage-vi"]
    assert found("hon nhan qua moi gioi", languages)[0] == ["brokered-marriage-vi"]
    assert found("Hôn nhân qua", languages)[0] == ["brokered-marriage-vi"]
    _slugs, results = found("bien gioi", languages)
    assert any(
        "<mark>biên</mark> <mark>giới</mark>" in fragment for fragment in results.hits[0].highlights
    )


def test_a_query_term_finds_its_concept_in_the_other_languages(languages):
    # "แรงงานบังคับ" (forced labour) appears in no Thai text here: only the thesaurus links it.
    assert found("แรงงานบังคับ", languages)[0] == ["construction-debt"]
    assert found("lao động cưỡng bức", languages)[0] == ["construction-debt"]
    # English "forced marriage" finds the Vietnamese report (hôn nhân cưỡng ép).
    assert found("forced marriage", languages)[0] == ["forced-marriage-vi"]
    # English "human trafficking" finds the Thai, Khmer and Burmese titles that say it.
    assert sorted(found("human trafficking", languages)[0]) == [
        "fishing-islands-th",
        "trafficking-km",
        "trafficking-my",
    ]
    # The Thai term marks the English title where it says the same thing.
    _slugs, results = found("แรงงานบังคับ", languages)
    assert any("<mark>forced labour</mark>" in fragment for fragment in results.hits[0].highlights)


def test_a_page_hit_is_found_through_the_thesaurus(languages):
    slugs, results = found("chuyển tuyến", languages)  # referral, in Vietnamese
    assert slugs == ["referral-en"]
    assert [page.number for page in results.hits[0].page_hits] == [2]
    assert "<mark>referral mechanism</mark>" in results.hits[0].page_hits[0].snippet


def test_excluded_and_alternative_words(languages):
    assert found("construction -deception", languages)[0] == []
    assert found("construction NOT deception", languages)[0] == []
    assert sorted(found("construction OR Hôn", languages)[0]) == [
        "brokered-marriage-vi",
        "construction-debt",
        "forced-marriage-vi",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "!!! ... ???",
        "—",
        "🙂 ก ខ 中 ລ မ",
        "ประมง fishing 渔业 ngư dân",
        '"unbalanced',
        "NOT",
        "AND OR",
        "-",
        "title:(",
        "x" * 5000,
        "ประมง" * 1000,
        "hôn " * 1250,
    ],
)
def test_input_no_reader_meant_gets_a_normal_answer(languages, text):
    params = QueryDict(mutable=True)
    params["q"] = text  # as a reader sends it: the query cuts it to 500 characters, 32 words
    query = SearchQuery.from_params(params)
    results = search_publications(query, ANONYMOUS)
    # The engine itself answers (a query of hundreds of Thai words once made Elasticsearch
    # give up on graph analysis, or take seconds, and the database answered instead).
    assert results.backend == languages
    assert not results.reduced
    assert results.total == len(results.hits) or results.total > len(results.hits)
    assert set(results.facets) == {"country", "area", "form", "type", "language", "year"}


def test_a_long_query_is_cut_to_its_first_32_words_and_the_reader_told(languages, client):
    # Thai has no spaces: the words are counted as the search breaks them, not by spaces.
    text = "การค้ามนุษย์ " + "แรงงานประมง" * 40
    response = client.get("/library/search/", {"q": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Only the first 32 words were searched." in page
    params = QueryDict(mutable=True)
    params["q"] = text
    query = SearchQuery.from_params(params)
    assert query.text.startswith("การค้ามนุษย์ แรงงานประมง")
    assert len(list(words(query.text))) == 32
    assert search_publications(query, ANONYMOUS).backend == languages


def test_the_library_page_answers_bad_input_without_an_error(languages, client):
    for text in ["!!!", "x" * 5000, "ประมง🙂中" * 700, "\u0e31\u0e48\u0e49"]:
        response = client.get("/library/search/", {"q": text})
        # A results page, or the page with a message saying what was wrong (400).
        assert response.status_code in (200, 400)
        assert "<form" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        # The start of a word inside a title, after a hyphen or a space.
        ("labo", "Cambodian construction workers: forced labour and deception"),
        ("mechan", "Referral mechanisms for survivors"),
        # Words inside unspaced Thai and Chinese titles.
        ("ประมง", "ติดอยู่กลางทะเล: การค้ามนุษย์ในกองเรือประมงลุ่มน้ำโขง"),
        ("诈骗", "网络诈骗园区中的强迫犯罪"),
        ("ແຮງງານ", "ການເຄື່ອນຍ້າຍແຮງງານຈາກລາວໄປໄທ"),
    ],
)
def test_suggestions_match_words_inside_titles_in_every_script(languages, client, typed, title):
    titles = client.get("/api/library/autocomplete", {"q": typed}).json()["results"]
    assert title in [item["title"] for item in titles]
    # Each suggestion names the publication it opens.
    assert all(item["url"].startswith("/") for item in titles)


def test_suggestions_do_not_match_the_middle_of_a_latin_word(languages, client):
    # "bour" is inside "labour" but starts no word.
    assert client.get("/api/library/autocomplete", {"q": "bour"}).json()["results"] == []
