"""
Liveness and readiness probes for the proxy and the orchestrator.

`live` answers as long as the process serves requests. `ready` checks every
backing service this deployment is configured to use, and answers 503 with
the failing check's name when one is down, so a load balancer stops sending
traffic to a worker that cannot serve it.

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
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import search_client

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


def readiness_checks() -> dict[str, Callable[[], None]]:
    """The checks that apply to this deployment's configuration."""
    checks: dict[str, Callable[[], None]] = {
        "database": check_database,
        "cache": check_cache,
        "channel_layer": check_channel_layer,
    }
    if settings.ELASTICSEARCH_URL:
        checks["elasticsearch"] = check_elasticsearch
    return checks


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    results = {}
    healthy = True
    for name, check in readiness_checks().items():
        try:
            check()
        except Exception:
            healthy = False
            results[name] = "fail"
            logger.exception("Readiness check %s failed", name)
        else:
            results[name] = "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
