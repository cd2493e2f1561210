"""
Prometheus metrics at /metrics: requests, request durations, open websockets, the task queue
and the search retry queue.

Production runs several uvicorn worker processes and a scrape reaches one of them, so each
process's counts must add up. prometheus_client's multiprocess mode does that: with
PROMETHEUS_MULTIPROC_DIR set, every process writes its values to memory-mapped files in that
directory and the process that answers the scrape sums them. Chosen over counters in Redis
because counting a request then costs no network round trip, and the metrics still answer
while Redis is down, which is when they are wanted. The directory must be empty when the web
processes start (a tmpfs in compose.yaml; a fresh filesystem on a Procfile platform); files
an earlier run left there only take room (see below). Without
the variable (development, tests) the values live in the one process.

The task queue and the search retry queue are read from the database at scrape time, so
each is one figure whichever process answers.

The endpoint is for a monitoring system, not the public: without METRICS_TOKEN it does not
exist (404), and a request without that bearer token learns nothing but 401.
"""

import hmac
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from portal import health

logger = logging.getLogger(__name__)

MULTIPROCESS_DIRECTORY = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
if MULTIPROCESS_DIRECTORY:
    # A missing directory would fail the first metric below, and with it every import.
    os.makedirs(MULTIPROCESS_DIRECTORY, exist_ok=True)
    # A process of an earlier run with this same process id (a restarted container counts
    # from 1 again) left its open-socket count here; it is dead, since we hold the id. Its
    # counters are kept: this process continues them, so totals never go down.
    multiprocess.mark_process_dead(os.getpid(), MULTIPROCESS_DIRECTORY)

REQUESTS = Counter(
    "portal_http_requests",
    "HTTP requests answered, by method and status class.",
    ["method", "status"],
)
REQUEST_DURATION = Histogram(
    "portal_http_request_duration_seconds",
    "Time from a request reaching Django to its response leaving it.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
# "livesum": the processes alive now, summed; a worker that died stops counting (see
# _forget_dead_processes), so its sockets do not stay open in the figure for ever.
WEBSOCKETS_OPEN = Gauge(
    "portal_websocket_connections",
    "Websocket connections open now.",
    multiprocess_mode="livesum",
)
WEBSOCKETS_OPENED = Counter(
    "portal_websocket_connections_opened",
    "Websocket connections accepted.",
)

# A label per method a client invents would grow the series without end.
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def _method_label(method: str) -> str:
    return method if method in _METHODS else "other"


class MetricsMiddleware:
    """Counts and times every HTTP request. First in MIDDLEWARE, so it times all the others."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        REQUEST_DURATION.observe(time.perf_counter() - started)
        REQUESTS.labels(
            method=_method_label(request.method), status=f"{response.status_code // 100}xx"
        ).inc()
        return response


class WebsocketMetricsMiddleware:
    """An ASGI middleware counting websocket connections from their accept to their end."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        accepted = False

        async def counting_send(message):
            nonlocal accepted
            if message["type"] == "websocket.accept" and not accepted:
                accepted = True
                WEBSOCKETS_OPEN.inc()
                WEBSOCKETS_OPENED.inc()
            await send(message)

        try:
            return await self.inner(scope, receive, counting_send)
        finally:
            if accepted:
                WEBSOCKETS_OPEN.dec()


class TaskQueueCollector:
    """
    The tasks waiting for `task_worker` and the search retry queue, read from the
    database at each scrape.
    """

    def collect(self):
        try:
            yield from self._task_queue()
            yield from self._search_retry_queue()
        except DatabaseError:
            # The request and websocket figures are still worth a scrape.
            logger.exception("Metrics could not read the task queue")

    def _task_queue(self):
        if not health.uses_task_queue():
            return  # tasks run in the request: there is no queue
        figures = health.task_queue_figures()
        yield GaugeMetricFamily(
            "portal_task_queue_ready",
            "Tasks due and waiting for the task worker.",
            value=figures["waiting"],
        )
        yield GaugeMetricFamily(
            "portal_task_queue_oldest_age_seconds",
            "Seconds the oldest due task has waited for the task worker.",
            value=figures["oldest_age_s"],
        )
        yield GaugeMetricFamily(
            "portal_task_workers_alive",
            "Task workers whose heartbeat is recent.",
            value=figures["workers"],
        )
        yield GaugeMetricFamily(
            "portal_tasks_stuck",
            "Tasks marked running by a worker that has no recent heartbeat.",
            value=figures["stuck"],
        )

    def _search_retry_queue(self):
        if not settings.ELASTICSEARCH_URL:
            return  # no engine, no changes waiting for it
        figures = health.search_retry_figures()
        yield GaugeMetricFamily(
            "portal_search_retry_queue_waiting",
            "Publication changes waiting to reach Elasticsearch.",
            value=figures["waiting"],
        )
        yield GaugeMetricFamily(
            "portal_search_retry_queue_oldest_age_seconds",
            "Seconds the oldest change has waited to reach Elasticsearch.",
            value=figures["oldest_age_s"],
        )


_TASK_QUEUE = CollectorRegistry(auto_describe=False)
_TASK_QUEUE.register(TaskQueueCollector())


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def _forget_dead_processes(directory: str) -> None:
    # uvicorn restarts a worker that dies without telling anyone; its open-socket count
    # would stay in the sum. Every web worker writes to this directory on this host, so a
    # process id that no longer exists is one of ours that died.
    for path in Path(directory).glob("gauge_live*_*.db"):
        pid = path.stem.rsplit("_", 1)[-1]
        if pid.isdigit() and not _process_alive(int(pid)):
            multiprocess.mark_process_dead(int(pid), directory)


def exposition() -> bytes:
    """Every metric in the Prometheus text format, summed over the web processes."""
    if MULTIPROCESS_DIRECTORY:
        _forget_dead_processes(MULTIPROCESS_DIRECTORY)
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, MULTIPROCESS_DIRECTORY)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_TASK_QUEUE)


def _bearer_token_matches(request, token: str) -> bool:
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    # Constant time: how much of a guess matched must not show in the answer's timing.
    return scheme.lower() == "bearer" and hmac.compare_digest(
        offered.strip().encode(), token.encode()
    )


@never_cache
@require_GET
def metrics(request):
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    if not _bearer_token_matches(request, token):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
