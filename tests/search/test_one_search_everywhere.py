"""
/api/v2/publications/?search= is the library's search (knowledge.search): it finds what
the library search finds, in every language, and shows only what the caller may see.
"""

import pytest

from portal.models import AccessLevel
from tests.knowledge.conftest import member, sign_in_as

THAI_TITLES = {
    "ประมงทะเลลึกและแรงงานข้ามชาติ",
    "เรือประมงในอ่าวไทย",
    "ชาวประมงที่ถูกหลอกไปทำงาน",
}


@pytest.fixture
def thai_library(backend, publish, groups):
    for number, title in enumerate(sorted(THAI_TITLES)):
        publish(f"thai-{number}", language="th", title=title)
    publish(
        "thai-government",
        language="th",
        title="รายงานการตรวจเรือประมงสำหรับรัฐบาล",
        access=AccessLevel.GROUPS,
        groups=[groups["government"]],
    )
    publish("thai-other", language="th", title="การย้ายถิ่นอย่างปลอดภัย")
    return backend


def api_titles(client, text, **params):
    response = client.get("/api/v2/publications/", {"search": text, "fields": "title", **params})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] == len(data["items"])
    return {item["title"] for item in data["items"]}


def library_titles(client, text):
    response = client.get("/api/library/search", {"q": text})
    assert response.status_code == 200
    return {hit["title"] for hit in response.json()["results"]}


def test_the_api_finds_the_thai_titles_containing_a_word(thai_library, client):
    assert api_titles(client, "ประมง") == THAI_TITLES
    assert library_titles(client, "ประมง") == THAI_TITLES


def test_the_api_and_the_library_search_agree_on_what_a_member_may_see(
    thai_library, client, groups
):
    government = member("gov.api.search@example.org", groups["government"])
    sign_in_as(client, government, mfa=True)
    expected = THAI_TITLES | {"รายงานการตรวจเรือประมงสำหรับรัฐบาล"}
    assert api_titles(client, "ประมง") == expected
    assert library_titles(client, "ประมง") == expected


def test_the_api_search_uses_the_thesaurus_and_keeps_its_other_filters(thai_library, client):
    # "safe migration" in English finds the Thai title that says it (the thesaurus).
    assert api_titles(client, "safe migration") == {"การย้ายถิ่นอย่างปลอดภัย"}
    assert api_titles(client, "ประมง", order="title") == THAI_TITLES


@pytest.mark.parametrize("text", ["!!!", "🙂 ก 中", "x" * 5000, '"', "NOT"])
def test_the_api_answers_bad_searches_normally(thai_library, client, text):
    response = client.get("/api/v2/publications/", {"search": text})
    assert response.status_code == 200
