"""
The one way to reach Elasticsearch: search, indexing, the readiness probe and the test
gate all build their client here, so a secured cluster needs its settings in one place.

A stock Elasticsearch 8 turns on TLS and authentication, so besides ELASTICSEARCH_URL
(one node or several, comma-separated) the client takes an API key or a user name and
password, and trusts the cluster's certificate through a CA file or its SHA-256
fingerprint (the one the node prints when it first starts). See README.md, "Configuration".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from elastic_transport import TransportError
from elasticsearch import Elasticsearch


@dataclass(frozen=True)
class ConnectionSettings:
    """What a client needs to know, hashable so one client serves each configuration."""

    hosts: tuple[str, ...]
    api_key: str = ""
    username: str = ""
    password: str = ""
    ca_certs: str = ""
    ssl_assert_fingerprint: str = ""
    verify_certs: bool = True
    timeout: float = 5
    max_retries: int = 0
    retry_on_timeout: bool = False


def node_urls(value: str) -> tuple[str, ...]:
    """The nodes of ELASTICSEARCH_URL: comma-separated, blanks and spaces ignored."""
    return tuple(url.strip() for url in value.split(",") if url.strip())


def connection_settings(timeout: float | None = None) -> ConnectionSettings:
    """The connection as the settings describe it; refuses contradictory credentials."""
    hosts = node_urls(settings.ELASTICSEARCH_URL)
    if not hosts:
        raise RuntimeError("ELASTICSEARCH_URL is not set: the Elasticsearch backend needs a node.")
    api_key = getattr(settings, "ELASTICSEARCH_API_KEY", "")
    username = getattr(settings, "ELASTICSEARCH_USERNAME", "")
    password = getattr(settings, "ELASTICSEARCH_PASSWORD", "")
    if api_key and (username or password):
        # Elasticsearch would take one and silently ignore the other; say so instead.
        raise ImproperlyConfigured(
            "Set ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD, not both."
        )
    if bool(username) != bool(password):
        raise ImproperlyConfigured(
            "ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD go together: set both or neither."
        )
    return ConnectionSettings(
        hosts=hosts,
        api_key=api_key,
        username=username,
        password=password,
        ca_certs=getattr(settings, "ELASTICSEARCH_CA_CERTS", ""),
        ssl_assert_fingerprint=getattr(settings, "ELASTICSEARCH_SSL_ASSERT_FINGERPRINT", ""),
        verify_certs=getattr(settings, "ELASTICSEARCH_VERIFY_CERTS", True),
        timeout=timeout if timeout is not None else getattr(settings, "ELASTICSEARCH_TIMEOUT", 5),
        max_retries=getattr(settings, "ELASTICSEARCH_MAX_RETRIES", 0),
        retry_on_timeout=getattr(settings, "ELASTICSEARCH_RETRY_ON_TIMEOUT", False),
    )


def client_arguments(connection: ConnectionSettings) -> dict:
    """The keyword arguments of `Elasticsearch(...)` for `connection`."""
    arguments: dict = {
        "hosts": list(connection.hosts),
        "request_timeout": connection.timeout,
        "max_retries": connection.max_retries,
        "retry_on_timeout": connection.retry_on_timeout,
    }
    if connection.api_key:
        arguments["api_key"] = connection.api_key
    elif connection.username:
        arguments["basic_auth"] = (connection.username, connection.password)
    if connection.ssl_assert_fingerprint:
        # Pinning the certificate replaces the chain check (the node's self-signed CA).
        arguments["ssl_assert_fingerprint"] = connection.ssl_assert_fingerprint
    elif connection.ca_certs:
        arguments["ca_certs"] = connection.ca_certs
    if not connection.verify_certs:
        arguments["verify_certs"] = False
    return arguments


@functools.cache
def _client_for(connection: ConnectionSettings) -> Elasticsearch:
    return Elasticsearch(**client_arguments(connection))


def client(timeout: float | None = None) -> Elasticsearch:
    """
    The shared client for the configured cluster (thread-safe; one per configuration).

    `timeout` overrides ELASTICSEARCH_TIMEOUT, for a probe that must answer sooner.
    """
    return _client_for(connection_settings(timeout))


def describe(error: Exception) -> str:
    """
    What went wrong, for the log. The client's transport errors can keep the cause only in
    `message` while str() says just "TLS error": a wrong CA then reads "TLS error: [SSL:
    CERTIFICATE_VERIFY_FAILED] certificate verify failed: ...", which says what to fix.
    """
    text = str(error)
    message = getattr(error, "message", None) if isinstance(error, TransportError) else None
    if isinstance(message, str) and message and message not in text:
        return f"{text}: {message}"
    return text


def delete_indices(es: Elasticsearch, pattern: str) -> list[str]:
    """
    Delete the indices matching `pattern`, naming each one; returns their names.

    A real cluster runs with `action.destructive_requires_name=true` (and so does the dev
    node) and refuses a wildcard delete, so the pattern is resolved first.
    """
    names = sorted(es.indices.get(index=pattern, ignore_unavailable=True, allow_no_indices=True))
    for name in names:
        es.indices.delete(index=name, ignore_unavailable=True)
    return names
