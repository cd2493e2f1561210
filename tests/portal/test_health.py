import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from knowledge.models import PendingIndexUpdate
from knowledge.search.tasks import update_publication_in_index
from portal import actions
from portal.models import TaskWorker

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
        "checks": {
            "database": "ok",
            "cache": "ok",
            "channel_layer": "ok",
            "elasticsearch": "fail",
            "search_retry_queue": "ok",
        },
        "queues": {"search_retry_queue": {"waiting": 0, "oldest_age_s": 0}},
    }
    assert "127.0.0.1" not in response.content.decode()
    assert "Error" not in response.content.decode()
    logged = [record for record in caplog.records if record.name == "portal.health"]
    assert logged
    assert "elasticsearch" in logged[0].getMessage()
    assert logged[0].exc_info is not None  # the traceback is in the server log


@pytest.fixture
def database_tasks(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_TASK_QUEUE_MAX_AGE = 300
    settings.TASK_WORKER_LOST_AFTER_S = 60


def seen(worker_id: str, seconds_ago: float) -> None:
    """A task worker whose last heartbeat was `seconds_ago`."""
    actions.do_record_task_worker_heartbeat(worker_id, hostname="worker-host", pid=4242)
    TaskWorker.objects.filter(worker_id=worker_id).update(
        last_seen_at=timezone.now() - timedelta(seconds=seconds_ago)
    )


def test_tasks_waiting_without_a_worker_heartbeat_make_the_portal_degraded(client, database_tasks):
    update_publication_in_index.enqueue(publication_id=1)
    seen("gone", seconds_ago=120)  # killed two minutes ago

    nobody = client.get("/health/ready")
    seen("alive", seconds_ago=2)
    somebody = client.get("/health/ready")

    assert nobody.status_code == 200
    assert nobody.json()["status"] == "degraded"
    assert nobody.json()["checks"]["task_queue"] == "fail"
    assert nobody.json()["queues"]["task_queue"]["workers"] == 0
    assert somebody.json()["status"] == "ok"
    assert somebody.json()["queues"]["task_queue"] == {
        "waiting": 1,
        "oldest_age_s": somebody.json()["queues"]["task_queue"]["oldest_age_s"],
        "workers": 1,
        "stuck": 0,
        "requeued_last_day": 0,
    }
    assert somebody.json()["queues"]["task_queue"]["oldest_age_s"] < 60


def test_ready_counts_tasks_stuck_with_a_lost_worker_and_those_put_back(client, database_tasks):
    seen("alive", seconds_ago=1)
    update_publication_in_index.enqueue(publication_id=1)
    held = DBTaskResult.objects.get()
    held.claim("killed")  # as django-tasks' worker claims a task
    seen("killed", seconds_ago=90)

    stuck = client.get("/health/ready").json()["queues"]["task_queue"]
    call_command("requeue_lost_tasks")  # the scheduler's, or any live worker's heartbeat
    recovered = client.get("/health/ready").json()["queues"]["task_queue"]

    assert (stuck["stuck"], stuck["waiting"], stuck["requeued_last_day"]) == (1, 0, 0)
    assert (recovered["stuck"], recovered["waiting"], recovered["requeued_last_day"]) == (0, 1, 1)
    held.refresh_from_db()
    assert held.status == "READY"
    assert held.worker_ids == ["killed"]  # the next worker adds itself


def test_a_live_workers_task_is_not_put_back_however_long_it_runs(client, database_tasks):
    update_publication_in_index.enqueue(publication_id=1)
    held = DBTaskResult.objects.get()
    held.claim("busy")
    DBTaskResult.objects.update(started_at=timezone.now() - timedelta(hours=2))
    seen("busy", seconds_ago=3)

    call_command("requeue_lost_tasks")

    held.refresh_from_db()
    assert held.status == "RUNNING"
    assert client.get("/health/ready").json()["queues"]["task_queue"]["stuck"] == 0


@pytest.mark.elasticsearch
def test_the_search_retry_queue_is_counted_and_degrades_the_portal_when_old(client, settings):
    settings.HEALTH_SEARCH_RETRY_MAX_AGE = 900
    PendingIndexUpdate.objects.create(publication_id=7, changed_at=timezone.now())
    fresh = client.get("/health/ready").json()
    PendingIndexUpdate.objects.create(
        publication_id=8, changed_at=timezone.now() - timedelta(minutes=20)
    )
    stale = client.get("/health/ready")

    assert fresh["status"] == "ok"
    assert fresh["queues"]["search_retry_queue"]["waiting"] == 1
    assert stale.status_code == 200
    assert stale.json()["status"] == "degraded"
    assert stale.json()["checks"]["search_retry_queue"] == "fail"
    assert stale.json()["checks"]["elasticsearch"] == "ok"
    assert stale.json()["queues"]["search_retry_queue"]["waiting"] == 2
    assert 1200 <= stale.json()["queues"]["search_retry_queue"]["oldest_age_s"] < 1260
