"""
Choosing the search backend: `COMMIT_SEARCH_BACKEND` (a dotted path) or, by default,
Elasticsearch when ELASTICSEARCH_URL is set and the database otherwise.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from knowledge.search.backends.base import SearchBackend, SearchUnavailable
from knowledge.search.query import SearchQuery
from knowledge.search.results import SearchResults
from portal.permissions import Viewer

logger = logging.getLogger(__name__)

ELASTICSEARCH_BACKEND = "knowledge.search.backends.elasticsearch.ElasticsearchBackend"
DATABASE_BACKEND = "knowledge.search.backends.database.DatabaseBackend"


def backend_path() -> str:
    configured = getattr(settings, "COMMIT_SEARCH_BACKEND", "")
    if configured:
        return configured
    return ELASTICSEARCH_BACKEND if settings.ELASTICSEARCH_URL else DATABASE_BACKEND


def get_search_backend(path: str | None = None) -> SearchBackend:
    try:
        backend_class = import_string(path or backend_path())
    except ImportError as error:
        raise ImportError(
            f"COMMIT_SEARCH_BACKEND = {path or backend_path()!r} cannot be imported ({error}). "
            f"Use {ELASTICSEARCH_BACKEND!r} or {DATABASE_BACKEND!r}."
        ) from error
    return backend_class()


def search_publications(query: SearchQuery, viewer: Viewer) -> SearchResults:
    """Search with the configured backend; when it is down, the database answers instead."""
    backend = get_search_backend()
    try:
        return backend.search(query, viewer)
    except SearchUnavailable as error:
        logger.warning("Search backend %s unavailable, using the database: %s", backend.name, error)
        results = get_search_backend(DATABASE_BACKEND).search(query, viewer)
        results.reduced = True
        return results


def _from_backend_or_database(method: str, *args):
    """A backend method's answer; the database backend's when the configured one is down."""
    backend = get_search_backend()
    try:
        return getattr(backend, method)(*args)
    except SearchUnavailable as error:
        logger.warning("Search backend %s unavailable, using the database: %s", backend.name, error)
        return getattr(get_search_backend(DATABASE_BACKEND), method)(*args)


def search_publication_ids(query: SearchQuery, viewer: Viewer, limit: int) -> list[int]:
    """The ids `search_publications` would list, in its order (up to `limit`), nothing else."""
    return _from_backend_or_database("ranked_ids", query, viewer, limit)


def autocomplete_titles(prefix: str, viewer: Viewer, limit: int = 8) -> list[dict]:
    return _from_backend_or_database("autocomplete", prefix, viewer, limit)


def more_like_this(publication_id: int, viewer: Viewer, limit: int = 5) -> list[dict]:
    return _from_backend_or_database("more_like_this", publication_id, viewer, limit)


__all__ = [
    "SearchBackend",
    "SearchUnavailable",
    "autocomplete_titles",
    "get_search_backend",
    "more_like_this",
    "search_publication_ids",
    "search_publications",
]
