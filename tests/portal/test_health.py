import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from knowledge.search.tasks import update_publication_in_index

pytestmark = pytest.mark.django_db


def test_live_answers_without_touching_services(client):
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_reports_each_configured_service(client, settings):
    settings.ELASTICSEARCH_URL = ""

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "channel_layer": "ok",
    }


def test_ready_but_degraded_without_elasticsearch(client, settings):
    # Nothing listens on port 1: a real connection failure, not a stub. Search falls back
    # to the database, so the worker keeps its traffic.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"

    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["elasticsearch"] == "fail"
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_not_ready_without_the_database(client, settings):
    settings.ELASTICSEARCH_URL = ""
    # A real refused connection: the default database moved to a port nobody listens on.
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        response = client.get("/health/ready")
    finally:
        connection.close()
        connection.settings_dict.update(original)

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "fail", "cache": "skipped", "channel_layer": "skipped"},
    }


def test_a_task_queue_nobody_works_through_makes_the_portal_degraded(client, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_TASK_QUEUE_MAX_AGE = 300

    fresh = client.get("/health/ready").json()
    update_publication_in_index.enqueue(publication_id=1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    stale = client.get("/health/ready")

    assert fresh["checks"]["task_queue"] == "ok"
    assert stale.status_code == 200
    assert stale.json()["status"] == "degraded"
    assert stale.json()["checks"]["task_queue"] == "fail"


def test_ready_tells_the_public_nothing_about_the_failure_but_logs_it(client, settings, caplog):
    # An anonymous caller learns which check failed, never the exception, host or port.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"

    with caplog.at_level(logging.ERROR, logger="portal.health"):
        response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "ok", "channel_layer": "ok", "elasticsearch": "fail"},
    }
    assert "127.0.0.1" not in response.content.decode()
    assert "Error" not in response.content.decode()
    logged = [record for record in caplog.records if record.name == "portal.health"]
    assert logged
    assert "elasticsearch" in logged[0].getMessage()
    assert logged[0].exc_info is not None  # the traceback is in the server log
