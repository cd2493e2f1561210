"""The Elasticsearch node is a real 8.x server with the analyzers the library needs."""

import uuid

import pytest
from elasticsearch import BadRequestError

from portal import search_client

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def es():
    return search_client.client(timeout=30)


@pytest.fixture
def thai_index(es):
    name = f"test-thai-{uuid.uuid4().hex[:8]}"
    es.indices.create(
        index=name,
        mappings={
            "properties": {
                "text_th": {"type": "text", "analyzer": "thai"},
                "text_en": {"type": "text", "analyzer": "english"},
            }
        },
    )
    yield name
    es.indices.delete(index=name)


def test_node_is_elasticsearch_8(es):
    info = es.info()

    assert info["version"]["number"].startswith("8.")


def test_thai_analyzer_segments_words_written_without_spaces(es):
    tokens = es.indices.analyze(analyzer="thai", text="การค้ามนุษย์ในอุตสาหกรรมประมง")["tokens"]

    words = [token["token"] for token in tokens]
    assert len(words) >= 4
    assert "ประมง" in words  # "fishing", found inside an unbroken run of Thai script


def test_cjk_analyzer_is_available(es):
    tokens = es.indices.analyze(analyzer="cjk", text="人口拐卖")["tokens"]

    assert [token["token"] for token in tokens] == ["人口", "口拐", "拐卖"]


def test_thai_and_english_documents_are_found_by_their_words(es, thai_index):
    es.index(
        index=thai_index,
        id="th",
        document={"text_th": "รายงานการค้ามนุษย์ในอุตสาหกรรมประมงทะเล"},
    )
    es.index(
        index=thai_index,
        id="en",
        document={"text_en": "Forced labour of fishermen stranded on remote islands"},
    )
    es.indices.refresh(index=thai_index)

    thai_hits = es.search(index=thai_index, query={"match": {"text_th": "ประมง"}})["hits"]["hits"]
    english_hits = es.search(index=thai_index, query={"match": {"text_en": "island"}})["hits"][
        "hits"
    ]

    assert [hit["_id"] for hit in thai_hits] == ["th"]
    assert [hit["_id"] for hit in english_hits] == ["en"]


def test_the_node_refuses_a_wildcard_delete_like_a_real_cluster(es, thai_index):
    # action.destructive_requires_name=true (services/elasticsearch, DevNode): clean-up code
    # that deletes by pattern fails here as it would on a production cluster.
    with pytest.raises(BadRequestError, match="Wildcard expressions"):
        es.indices.delete(index=f"{thai_index[:-2]}*")

    assert es.indices.exists(index=thai_index)
