"""Keeping the search index current, as background tasks (in-process in dev and tests)."""

from django.db import transaction

from knowledge import actions
from knowledge.models import PendingIndexUpdate
from knowledge.search.backends import get_search_backend
from portal.background import task


@task()
def update_publication_in_index(publication_id: int) -> str:
    """Index a live publication, or remove one that is unpublished, deleted or gone."""
    outcome = actions.do_update_publication_in_index(publication_id)
    if outcome == "updated" and PendingIndexUpdate.objects.exists():
        # The engine answers again: what changed while it was down need not wait for the
        # scheduled retry.
        retry_pending_index_updates.enqueue()
    return outcome


@task()
def retry_pending_index_updates() -> dict[str, int]:
    """Work through the retry queue of changes the engine missed while it was down."""
    sent, waiting = actions.do_retry_pending_index_updates()
    return {"sent": sent, "waiting": waiting}


def request_index_update(publication_id: int) -> None:
    """Update the index once the current transaction commits (never for rolled-back work)."""
    if not get_search_backend().keeps_index:
        return
    transaction.on_commit(lambda: update_publication_in_index.enqueue(publication_id))
