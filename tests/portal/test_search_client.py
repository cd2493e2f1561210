"""One Elasticsearch client for search, indexing, health and the test gate, built from settings."""

import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from knowledge.search import documents
from portal import health, search_client

SECURED = {
    "ELASTICSEARCH_URL": "https://es1.internal:9200, https://es2.internal:9200,",
    "ELASTICSEARCH_API_KEY": "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
    "ELASTICSEARCH_USERNAME": "",
    "ELASTICSEARCH_PASSWORD": "",
    "ELASTICSEARCH_SSL_ASSERT_FINGERPRINT": "A" * 64,
    "ELASTICSEARCH_MAX_RETRIES": 2,
}


def test_several_nodes_each_get_a_connection():
    with override_settings(**SECURED):
        es = search_client.client()

    hosts = sorted(node.config.host for node in es.transport.node_pool.all())
    assert hosts == ["es1.internal", "es2.internal"]
    assert all(node.config.scheme == "https" for node in es.transport.node_pool.all())
    assert es._max_retries == 2


def test_an_api_key_is_sent_and_the_certificate_is_pinned():
    with override_settings(**SECURED):
        es = search_client.client()

    assert es._headers["authorization"] == f"ApiKey {SECURED['ELASTICSEARCH_API_KEY']}"
    node = next(iter(es.transport.node_pool.all()))
    assert node.config.ssl_assert_fingerprint == "A" * 64


def test_a_user_name_and_password_are_sent_with_the_ca_file(tmp_path):
    ca = tmp_path / "http_ca.crt"
    ca.write_text("")  # only the path is passed on; the file is read when connecting
    with override_settings(
        ELASTICSEARCH_URL="https://es.internal:9200",
        ELASTICSEARCH_USERNAME="portal",
        ELASTICSEARCH_PASSWORD="s3cret",
        ELASTICSEARCH_CA_CERTS=str(ca),
    ):
        arguments = search_client.client_arguments(search_client.connection_settings())

    assert arguments["basic_auth"] == ("portal", "s3cret")
    assert arguments["ca_certs"] == str(ca)
    assert "api_key" not in arguments


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ELASTICSEARCH_USERNAME": "portal", "ELASTICSEARCH_PASSWORD": "x"}, "not both"),
        ({"ELASTICSEARCH_API_KEY": "", "ELASTICSEARCH_USERNAME": "portal"}, "go together"),
    ],
)
def test_contradictory_credentials_are_refused_with_the_variable_names(overrides, message):
    settings = {**SECURED, **overrides}
    with override_settings(**settings), pytest.raises(ImproperlyConfigured) as error:
        search_client.client()

    assert message in str(error.value)


def test_search_indexing_and_health_share_the_one_client(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"

    assert documents.client() is search_client.client()
    # The probe asks for a shorter timeout, so it has its own client of the same cluster.
    probe = search_client.client(timeout=health.ELASTICSEARCH_TIMEOUT_S)
    assert probe.transport.node_pool.all()[0].config.host == "127.0.0.1"


@pytest.mark.elasticsearch
def test_deleting_by_pattern_names_each_index():
    es = search_client.client()
    prefix = f"test-delete-{uuid.uuid4().hex[:8]}"
    es.indices.create(index=f"{prefix}-a")
    es.indices.create(index=f"{prefix}-b")
    es.indices.create(index=f"other-{prefix}")

    deleted = search_client.delete_indices(es, f"{prefix}-*")

    assert deleted == [f"{prefix}-a", f"{prefix}-b"]
    assert not es.indices.exists(index=f"{prefix}-a")
    assert es.indices.exists(index=f"other-{prefix}")
    es.indices.delete(index=f"other-{prefix}")
    assert search_client.delete_indices(es, f"{prefix}-*") == []
