"""When Elasticsearch cannot answer, the database does, and the reader is told."""

import pytest

from knowledge.search.backends import DATABASE_BACKEND, ELASTICSEARCH_BACKEND, search_publications
from knowledge.search.query import SearchQuery
from portal.permissions import ANONYMOUS


@pytest.fixture
def unreachable_engine(settings, publish):
    settings.COMMIT_SEARCH_BACKEND = DATABASE_BACKEND
    publish("fishing-fleets", title="Trafficking in the fishing fleets")
    settings.COMMIT_SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    # Nothing listens on the discard port: every request to the engine fails at once.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"


def test_results_come_from_the_database_and_say_so(unreachable_engine, caplog):
    results = search_publications(SearchQuery(text="fishing"), ANONYMOUS)
    assert results.reduced
    assert results.backend == "database"
    assert [hit.title for hit in results.hits] == ["Trafficking in the fishing fleets"]
    assert "unavailable" in caplog.text


def test_the_page_tells_the_reader_results_are_reduced(unreachable_engine, client):
    response = client.get("/library/search/", {"q": "fishing"})
    assert response.status_code == 200
    assert "may be less complete" in response.content.decode()
    assert "Trafficking in the fishing fleets" in response.content.decode()
