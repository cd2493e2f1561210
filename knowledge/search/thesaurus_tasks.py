"""
Rebuilding the search index after a thesaurus change, as background tasks. Apart from
knowledge.search.tasks (which calls the library's actions): the thesaurus actions queue
these.
"""

import logging

from knowledge.search.backends import DATABASE_BACKEND, SearchUnavailable, get_search_backend
from knowledge.search.backends.elasticsearch import ENGINE_ERRORS
from portal import search_client
from portal.background import task

logger = logging.getLogger(__name__)


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
            "Could not rebuild the search index (%s); the previous index still answers.",
            search_client.describe(error),
        )
        return "failed"
    return "rebuilt"
