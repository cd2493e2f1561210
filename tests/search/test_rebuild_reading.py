"""A rebuild reads its publications in a few queries per chunk, not a few per publication."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.search.indexing import all_documents


def _queries_to_read_all() -> tuple[int, list[dict]]:
    with CaptureQueriesContext(connection) as queries:
        read = list(all_documents())
    return len(queries), read


def _tagged(page, *tags):
    page.tags.add(*tags)  # held by the page (modelcluster) until it is saved
    page.save()


def test_reading_for_a_rebuild_does_not_ask_again_for_each_publication(publish):
    for number in range(2):
        _tagged(publish(f"first-{number}"), "fishing", "demo")
    few, read = _queries_to_read_all()
    assert sorted(read[0]["source"]["tags"]) == ["demo", "fishing"]
    for number in range(4):
        _tagged(publish(f"more-{number}"), "brokers")
    many, read = _queries_to_read_all()
    assert len(read) == 6
    assert ["brokers"] in [document["source"]["tags"] for document in read]
    assert many == few
