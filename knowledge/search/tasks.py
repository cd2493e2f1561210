"""Keeping the search index current, as background tasks (in-process in dev and tests)."""

import logging

from django.db import transaction
from django_tasks import task

from knowledge.search.backends import DATABASE_BACKEND, SearchUnavailable, get_search_backend
from knowledge.search.backends.elasticsearch import ENGINE_ERRORS
from portal import search_client

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
            search_client.describe(error),
        )
        return "failed"
    return "updated"


def request_index_update(publication_id: int) -> None:
    """Update the index once the current transaction commits (never for rolled-back work)."""
    if not get_search_backend().keeps_index:
        return
    transaction.on_commit(lambda: update_publication_in_index.enqueue(publication_id))
