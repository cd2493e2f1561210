"""
Liveness and readiness probes for the proxy and the orchestrator.

`live` answers as long as the process serves requests. `ready` checks every
backing service this deployment is configured to use and names each one: 503 when
the database, cache or channel layer is down, so a load balancer stops sending
traffic to a worker that cannot serve it; "degraded" (still 200) when only
Elasticsearch (search falls back to the database), the task queue (behind, or no task
worker alive while tasks wait) or the search retry queue (changes not reaching
Elasticsearch for minutes) is in trouble.

Beside the checks, "queues" gives the figures an operator asks first: tasks waiting and
the oldest one's age, task workers alive, tasks stuck with a lost worker and tasks put back
in the queue in the last day (portal/task_workers.py), and the search retry queue's length
and oldest age. Counts and seconds only.

Both are public, so they say "ok" or "fail" and nothing more: an exception's text names
hosts, ports, users and library versions. The exception goes to the server log.
"""

import asyncio
import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

from portal import search_client
from portal.task_workers import worker_figures

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    cache.set("health:probe", "ok", 5)
    if cache.get("health:probe") != "ok":
        raise RuntimeError("the cache did not return the value just written")


# A probe that gets no answer fails; it never holds the request (or the worker) for long.
CHANNEL_LAYER_TIMEOUT_S = 3


async def _round_trip(layer) -> dict:
    # One event loop for the whole round trip: the pub/sub layer subscribes per loop and
    # keeps nothing for a channel no loop is listening on, so a message sent from one
    # async_to_sync call would never reach a receive in the next.
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "health.probe"})
    return await asyncio.wait_for(layer.receive(channel), CHANNEL_LAYER_TIMEOUT_S)


def check_channel_layer() -> None:
    message = async_to_sync(_round_trip)(get_channel_layer())
    if message.get("type") != "health.probe":
        raise RuntimeError("the channel layer returned a different message")


# The probe answers sooner than a search may take: a load balancer polls it.
ELASTICSEARCH_TIMEOUT_S = 3


def check_elasticsearch() -> None:
    if not search_client.client(timeout=ELASTICSEARCH_TIMEOUT_S).ping():
        raise RuntimeError("Elasticsearch did not answer the ping")


def task_queue_age() -> float:
    """Seconds the oldest task that is due has waited for the worker (0 when none waits)."""
    oldest = (
        DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True)
    ).first()
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0


def task_queue_depth() -> int:
    """Tasks that are due and wait for the worker."""
    return DBTaskResult.objects.ready().count()


def check_task_queue(figures: dict) -> None:
    """Judges the task queue's figures (task_queue_figures), which the answer also shows."""
    if figures["oldest_age_s"] > settings.HEALTH_TASK_QUEUE_MAX_AGE:
        raise RuntimeError("the oldest due task has waited too long: is `task_worker` running?")
    if not figures["workers"] and (figures["waiting"] or figures["stuck"]):
        # Tasks wait and nothing will run them: no heartbeat for TASK_WORKER_LOST_AFTER_S.
        raise RuntimeError("tasks wait and no task worker has a heartbeat")


def retry_queue_state() -> tuple[int, float]:
    """
    The search retry queue's length and its oldest change's age in seconds, read by the
    function settings.SEARCH_RETRY_QUEUE_STATE names: the queue is the library's, and the
    portal core imports no app.
    """
    return import_string(settings.SEARCH_RETRY_QUEUE_STATE)()


def check_search_retry_queue(figures: dict) -> None:
    """Judges the search retry queue's figures (search_retry_figures)."""
    if figures["oldest_age_s"] > settings.HEALTH_SEARCH_RETRY_MAX_AGE:
        raise RuntimeError("a change has waited too long for Elasticsearch")


def task_queue_figures() -> dict[str, int | float]:
    workers = worker_figures()
    return {
        "waiting": task_queue_depth(),
        "oldest_age_s": round(task_queue_age(), 1),
        "workers": workers.alive,
        "stuck": workers.stuck,
        "requeued_last_day": workers.requeued,
    }


def search_retry_figures() -> dict[str, int | float]:
    waiting, oldest_age = retry_queue_state()
    return {"waiting": waiting, "oldest_age_s": round(oldest_age, 1)}


# Without these the portal cannot serve a page: the worker leaves the load balancer.
REQUIRED = {"database", "cache", "channel_layer"}


def readiness_checks() -> dict[str, Callable[..., None]]:
    """
    The checks that apply to this deployment's configuration; the queues' checks take the
    figures QUEUE_READERS read.
    """
    checks: dict[str, Callable[..., None]] = {
        "database": check_database,
        "cache": check_cache,
        "channel_layer": check_channel_layer,
    }
    # Search falls back to the database, and a stopped task worker delays indexing and
    # mail but loses nothing: both leave the portal "degraded", still serving.
    if settings.ELASTICSEARCH_URL:
        checks["elasticsearch"] = check_elasticsearch
        checks["search_retry_queue"] = check_search_retry_queue
    if uses_task_queue():
        checks["task_queue"] = check_task_queue
    return checks


def uses_task_queue() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


# The queues' checks judge figures the answer shows as well: each is read once per probe.
QUEUE_READERS = {"task_queue": task_queue_figures, "search_retry_queue": search_retry_figures}


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    """
    200 "ok" when every check passes; 200 "degraded" when only optional ones fail; 503
    "unavailable" when a required one fails (the database first: nothing else is asked
    of a worker that cannot reach it, so the probe answers at once).
    """
    results, figures = {}, {}
    checks = readiness_checks()
    for name, check in checks.items():
        if name != "database" and results.get("database") == "fail":
            results[name] = "skipped"
            continue
        try:
            if name in QUEUE_READERS:
                figures[name] = QUEUE_READERS[name]()
                check(figures[name])
            else:
                check()
        except Exception:
            results[name] = "fail"
            logger.exception("Readiness check %s failed", name)
        else:
            results[name] = "ok"
    failed = {name for name, result in results.items() if result != "ok"}
    if failed & REQUIRED:
        status, code = "unavailable", 503
    elif failed:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    body = {"status": status, "checks": results}
    if figures:
        body["queues"] = figures
    return JsonResponse(body, status=code)
