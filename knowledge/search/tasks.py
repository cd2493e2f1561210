"""Keeping the search index current, as background tasks (in-process in dev and tests)."""

import logging

from django.db import transaction
from django_tasks import task

from knowledge.search.backends import DATABASE_BACKEND, SearchUnavailable, get_search_backend
from knowledge.search.backends.elasticsearch import ENGINE_ERRORS

logger = logging.getLogger(__name__)


@task()
def update_publication_in_index(publication_id: int) -> str:
    """Index a live publication, or remove one that is unpublished, deleted or gone."""
    backend = get_search_backend()
    database = get_search_backend(DATABASE_BACKEND)
    if backend.name != database.name:
        # The database answers when the engine is down: its terms are kept current too.
        database.index_publication(publication_id)
    try:
        backend.index_publication(publication_id)
    except (SearchUnavailable, *ENGINE_ERRORS) as error:
        # Publishing must not fail because the engine is down; a rebuild catches up.
        logger.warning(
            "Could not update publication %s in the search index (%s); "
            "run `manage.py search_index --rebuild` once the engine is back.",
            publication_id,
            error,
        )
        return "failed"
    return "updated"


def request_index_update(publication_id: int) -> None:
    """Update the index once the current transaction commits (never for rolled-back work)."""
    if not get_search_backend().keeps_index:
        return
    transaction.on_commit(lambda: update_publication_in_index.enqueue(publication_id))


@task()
def reindex_concept_in_database(number: int, terms: list[str]) -> int:
    """
    Re-read the database backend's terms of the publications a thesaurus change touches:
    those indexed under the concept, and those holding one of its terms now.
    """
    database = get_search_backend(DATABASE_BACKEND)
    touched = database.publications_touched_by_concept(number, terms)
    for publication_id in sorted(touched):
        database.index_publication(publication_id)
    return len(touched)


@task()
def rebuild_search_index() -> str:
    """
    Rebuild the database backend's terms and, where configured, the Elasticsearch index,
    with the thesaurus as it is now. Each keeps answering from its current index until the
    new one is complete (DatabaseBackend.rebuild, documents.rebuild).
    """
    database = get_search_backend(DATABASE_BACKEND)
    database.rebuild()
    backend = get_search_backend()
    if backend.name == database.name:
        return "rebuilt"
    try:
        backend.rebuild()
    except (SearchUnavailable, *ENGINE_ERRORS) as error:
        # The old index goes on answering; the secretariat can ask again.
        logger.error(
            "Could not rebuild the search index (%s); the previous index still answers.", error
        )
        return "failed"
    return "rebuilt"
