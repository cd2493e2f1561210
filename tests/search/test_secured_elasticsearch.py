"""
The portal against a secured Elasticsearch, as a stock 8.x cluster runs: X-Pack security on,
HTTPS with the cluster's own CA, and an API key for the app. The secured dev node
(`make test-secured-es`; services/elasticsearch/README.md, "Secured node") is that cluster.
"""

import logging
import time

import certifi
import pytest
from elasticsearch import AuthenticationException, Elasticsearch
from elasticsearch import ConnectionError as ElasticsearchConnectionError

from knowledge.search.backends import (
    DATABASE_BACKEND,
    ELASTICSEARCH_BACKEND,
    search_publications,
)
from knowledge.search.query import SearchQuery
from portal import search_client
from portal.permissions import ANONYMOUS
from tests.conftest import secured_elasticsearch_settings
from tests.search.conftest import (
    FALLBACK_LOGGER,
    fell_back_to_the_database,
    search_on_elasticsearch,
)

pytestmark = pytest.mark.secured_elasticsearch

FISHING = "Trafficking in the fishing fleets of the Mekong"


@pytest.fixture
def node():
    return secured_elasticsearch_settings()


@pytest.fixture
def secured(settings, node):
    """The portal configured for the secured node, as a deployment would set its environment."""
    settings.ELASTICSEARCH_URL = node["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_API_KEY = node["ELASTICSEARCH_API_KEY"]
    settings.ELASTICSEARCH_CA_CERTS = node["ELASTICSEARCH_CA_CERTS"]
    return node


@pytest.fixture
def secured_index(secured, elasticsearch_index):
    """A throw-away index prefix on the secured node (deleted afterwards, with the API key)."""
    return elasticsearch_index


def test_the_node_speaks_only_https(node):
    assert node["ELASTICSEARCH_URL"].startswith("https://")


def test_without_credentials_the_node_refuses(node):
    es = Elasticsearch(node["ELASTICSEARCH_URL"], ca_certs=node["ELASTICSEARCH_CA_CERTS"])
    with pytest.raises(AuthenticationException) as refused:
        es.search(index="*", query={"match_all": {}})
    assert refused.value.meta.status == 401
    assert "missing authentication credentials" in str(refused.value)


def test_a_wrong_api_key_is_refused(node):
    es = Elasticsearch(
        node["ELASTICSEARCH_URL"],
        ca_certs=node["ELASTICSEARCH_CA_CERTS"],
        api_key="bm90LWFuLWlkOm5vdC1hLWtleQ==",  # base64 of "not-an-id:not-a-key"
    )
    with pytest.raises(AuthenticationException) as refused:
        es.info()
    assert refused.value.meta.status == 401


def test_the_portal_indexes_and_searches_with_the_api_key_and_the_ca(secured_index, publish):
    publish("fishing-fleets", title=FISHING)
    publish("brokered-marriage", title="Brokered marriage across the border")

    results = search_on_elasticsearch(SearchQuery(text="fishing"), ANONYMOUS)

    assert [hit.title for hit in results.hits] == [FISHING]
    # The portal's own client authenticated as the API key, not as a user.
    who = search_client.client().security.authenticate()
    assert who["authentication_type"] == "api_key"
    assert who["api_key"]["name"] == "commit-portal-dev"


def test_ready_reports_elasticsearch_ok(secured, client, db):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"]["elasticsearch"] == "ok"


def test_a_wrong_ca_fails_at_once_with_a_certificate_error(secured, settings):
    # The public CAs (certifi's bundle) do not include the node's own CA.
    settings.ELASTICSEARCH_CA_CERTS = certifi.where()
    started = time.monotonic()

    with pytest.raises(ElasticsearchConnectionError) as failed:
        search_client.client().info()

    assert time.monotonic() - started < 5
    # What the search fallback and the indexing task log (str() alone says "TLS error").
    assert "CERTIFICATE_VERIFY_FAILED" in search_client.describe(failed.value)


def test_with_a_wrong_ca_ready_says_degraded_instead_of_hanging(secured, settings, client, db):
    settings.ELASTICSEARCH_CA_CERTS = certifi.where()
    started = time.monotonic()

    response = client.get("/health/ready")

    assert time.monotonic() - started < 5
    body = response.json()
    assert (response.status_code, body["status"]) == (200, "degraded")
    assert body["checks"]["elasticsearch"] == "fail"


def test_with_a_wrong_ca_search_falls_back_to_the_database_and_says_why(
    secured, settings, publish, caplog
):
    # Published while the database is the backend: it is what answers when the engine can't.
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    publish("fishing-fleets", title=FISHING)
    settings.COMMIT_SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.COMMIT_SEARCH_INDEX_PREFIX = "knowledge-test-wrong-ca"
    settings.ELASTICSEARCH_CA_CERTS = certifi.where()
    started = time.monotonic()

    with caplog.at_level(logging.WARNING, logger=FALLBACK_LOGGER):
        results = search_publications(SearchQuery(text="fishing"), ANONYMOUS)

    assert time.monotonic() - started < 5
    assert results.backend == "database"
    assert [hit.title for hit in results.hits] == [FISHING]
    [warning] = fell_back_to_the_database(caplog.records)
    assert "CERTIFICATE_VERIFY_FAILED" in warning
