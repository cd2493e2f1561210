"""
Elasticsearch stops answering: searches fall back to the database and say so, and the
publications published or withdrawn meanwhile reach the index once it is back (the retry
queue run by `manage.py search_index --retry`), instead of being lost with their tasks.
"""

import io
import uuid

import pytest
from django.core.management import call_command

from knowledge.search import documents
from knowledge.search.backends import ELASTICSEARCH_BACKEND, search_publications
from knowledge.search.query import SearchQuery
from portal import search_client
from portal.permissions import ANONYMOUS
from tests.knowledge.conftest import home, library  # noqa: F401 - shared fixtures
from tests.knowledge.factories import PublicationFactory
from tests.search.conftest import search_signals  # noqa: F401 - connects the index receivers

pytestmark = [pytest.mark.faults, pytest.mark.elasticsearch]

REDUCED_NOTICE = "may be less complete"


@pytest.fixture
def engine(settings, fault_proxy):
    """The real node, reached through a proxy the test can cut; its own index alias."""
    node = search_client.node_urls(settings.ELASTICSEARCH_URL)[0]
    proxy = fault_proxy(node)
    settings.ELASTICSEARCH_URL = proxy.url_through(node)
    settings.COMMIT_SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.COMMIT_SEARCH_INDEX_PREFIX = f"faults-{uuid.uuid4().hex[:10]}"
    yield proxy
    proxy.restore()
    search_client.delete_indices(documents.client(), f"{settings.COMMIT_SEARCH_INDEX_PREFIX}-*")


@pytest.fixture
def publish(library, django_capture_on_commit_callbacks):
    def publish(slug, title):
        with django_capture_on_commit_callbacks(execute=True):
            return PublicationFactory(library=library, slug=slug, title=title)

    return publish


def titles_found_by_the_engine(text: str) -> list[str]:
    es = documents.client()
    es.indices.refresh(index=documents.index_prefix())
    results = search_publications(SearchQuery(text=text), ANONYMOUS)
    assert results.backend == "elasticsearch"
    assert not results.reduced
    return [hit.title for hit in results.hits]


def test_search_falls_back_and_changes_made_meanwhile_reach_the_index(
    engine, publish, client, django_capture_on_commit_callbacks
):
    publish("fishing-fleets", "Trafficking in the fishing fleets")
    withdrawn = publish("brick-kilns", "Debt bondage in the brick kilns")
    assert titles_found_by_the_engine("kilns") == ["Debt bondage in the brick kilns"]

    engine.cut()
    # Publishing and withdrawing still work while the engine is away.
    publish("garment-factories", "Forced overtime in garment factories")
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.unpublish()

    # Readers are served by the database, told so, and already see both changes.
    during = client.get("/library/search/", {"q": "garment"})
    assert during.status_code == 200
    assert REDUCED_NOTICE in during.content.decode()
    assert "Forced overtime in garment factories" in during.content.decode()
    assert "Debt bondage" not in client.get("/library/search/", {"q": "kilns"}).content.decode()

    engine.restore()
    # The engine is back but missed both changes until the queue is worked through.
    assert titles_found_by_the_engine("garment") == []
    assert titles_found_by_the_engine("kilns") == ["Debt bondage in the brick kilns"]

    call_command("search_index", "--retry", stdout=io.StringIO())

    assert titles_found_by_the_engine("garment") == ["Forced overtime in garment factories"]
    assert titles_found_by_the_engine("kilns") == []
    after = client.get("/library/search/", {"q": "garment"})
    assert REDUCED_NOTICE not in after.content.decode()
    assert "Forced overtime in garment factories" in after.content.decode()
