"""/metrics: Prometheus text for a monitoring system holding the token, nothing for others."""

from datetime import timedelta

import pytest
from channels.testing import WebsocketCommunicator
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from config.asgi import application
from knowledge.models import PendingIndexUpdate
from knowledge.search.tasks import update_publication_in_index
from portal import actions

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-for-the-tests-7b1d"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client) -> dict:
    """The samples of /metrics by (name, labels), read by prometheus_client's own parser."""
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def requests_answered(samples, method="GET", status="2xx") -> float:
    key = ("portal_http_requests_total", (("method", method), ("status", status)))
    return samples.get(key, 0.0)


def test_without_a_configured_token_there_is_no_endpoint(client, settings):
    settings.METRICS_TOKEN = ""

    response = client.get("/metrics", headers={"Authorization": "Bearer "})

    assert response.status_code == 404
    assert "portal_http_requests" not in response.content.decode()


@pytest.mark.parametrize(
    "authorization",
    ["", f"Basic {TOKEN}", "Bearer wrong-token", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", TOKEN],
)
def test_a_missing_or_wrong_token_is_refused_without_detail(client, token, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = client.get("/metrics", headers=headers)

    assert response.status_code == 401
    assert response.content == b""
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'


def test_requests_are_counted_by_method_and_status_class_and_timed(client, token):
    before = scrape(client)

    for _ in range(3):
        assert client.get("/health/live").status_code == 200
    assert client.post("/health/live").status_code == 405
    assert client.get("/no-such-page/").status_code == 404

    after = scrape(client)
    # The first scrape is itself a GET answered with 200.
    assert requests_answered(after) - requests_answered(before) == 4
    assert requests_answered(after, "POST", "4xx") - requests_answered(before, "POST", "4xx") == 1
    assert requests_answered(after, "GET", "4xx") - requests_answered(before, "GET", "4xx") == 1
    timed = ("portal_http_request_duration_seconds_count", ())
    assert after[timed] - before[timed] == 6


def test_an_invented_method_does_not_become_a_label(client, token):
    before = scrape(client)

    client.generic("BREW", "/health/live")

    after = scrape(client)
    assert requests_answered(after, "other", "4xx") - requests_answered(before, "other", "4xx") == 1
    assert not any(dict(labels).get("method") == "BREW" for _, labels in after)


def test_the_task_queue_depth_and_oldest_age(client, token, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    empty = scrape(client)
    update_publication_in_index.enqueue(publication_id=1)
    update_publication_in_index.enqueue(publication_id=2)
    DBTaskResult.objects.filter(args_kwargs__kwargs__publication_id=1).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )

    waiting = scrape(client)

    assert empty[("portal_task_queue_ready", ())] == 0
    assert empty[("portal_task_queue_oldest_age_seconds", ())] == 0
    assert waiting[("portal_task_queue_ready", ())] == 2
    assert 600 <= waiting[("portal_task_queue_oldest_age_seconds", ())] < 660


@pytest.mark.django_db(transaction=True)
async def test_open_websockets_are_counted_until_they_close(async_client, token):
    async def open_sockets() -> float:
        response = await async_client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        families = text_string_to_metric_families(response.content.decode())
        gauge = next(f for f in families if f.name == "portal_websocket_connections")
        return gauge.samples[0].value

    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    before = await open_sockets()
    sockets = [WebsocketCommunicator(application, "/ws/announcements/", headers) for _ in range(3)]
    for socket in sockets:
        assert (await socket.connect())[0]
    # Refused by the origin check: never open, never counted.
    stranger = WebsocketCommunicator(
        application, "/ws/announcements/", [(b"origin", b"http://evil.example")]
    )
    assert not (await stranger.connect())[0]

    during = await open_sockets()
    for socket in sockets:
        await socket.disconnect()
    after = await open_sockets()

    assert during - before == 3
    assert after == before


@pytest.mark.elasticsearch
def test_the_search_retry_queue_depth_and_oldest_age(client, token):
    PendingIndexUpdate.objects.create(publication_id=7, changed_at=timezone.now())
    PendingIndexUpdate.objects.create(
        publication_id=8, changed_at=timezone.now() - timedelta(minutes=10)
    )

    samples = scrape(client)

    assert samples[("portal_search_retry_queue_waiting", ())] == 2
    assert 600 <= samples[("portal_search_retry_queue_oldest_age_seconds", ())] < 660


def test_task_workers_alive_and_tasks_stuck(client, token, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    actions.do_record_task_worker_heartbeat("alive", hostname="host", pid=1)
    update_publication_in_index.enqueue(publication_id=1)
    DBTaskResult.objects.get().claim("killed")  # a worker that never beat again

    samples = scrape(client)

    assert samples[("portal_task_workers_alive", ())] == 1
    assert samples[("portal_tasks_stuck", ())] == 1
