"""
Error reports to Sentry (or a service speaking its protocol), only where SENTRY_DSN is set.

config/settings/production.py imports this module and calls `start()` only then: without a
DSN the SDK is never imported, so nothing of it runs or hooks into Django. Reports leave out
personal data (no cookies, user, address, request body or local variables); each carries the
request id as a tag, the same id as the JSON log lines (portal/log_format.py), so a report
leads to every line of the request, and of the task or websocket connection it belonged to.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from portal.request_context import current_request_id


def tag_request_id(event, hint):
    # Runs where the error is captured, inside the request, task or connection that failed.
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def start(dsn: str, *, environment: str, release: str | None, traces_sample_rate: float) -> None:
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        # Beyond what send_default_pii covers: a frame's local variables and a request's
        # body can hold a post, a consultation answer or a safeguarding report.
        include_local_variables=False,
        max_request_body_size="never",
        before_send=tag_request_id,
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
    )
