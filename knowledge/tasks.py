"""Background work of the library (django-tasks: in-process in dev, a worker in production)."""

from django.db import transaction

from knowledge import actions
from portal.background import task


@task()
def extract_publication_text(publication_id: int) -> dict[str, str]:
    """Extract the text of a publication's PDF files; returns each file's outcome by title."""
    extractions = actions.do_extract_publication_text(publication_id)
    return {str(extraction.document): extraction.status for extraction in extractions}


def request_text_extraction(publication_id: int) -> None:
    """Queue extraction once the current transaction commits, so the worker sees the files."""
    transaction.on_commit(lambda: extract_publication_text.enqueue(publication_id))
