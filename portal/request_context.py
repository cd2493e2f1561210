"""
The request id (and client address) of the work in progress, for audit entries, logs and tasks.

`RequestContextMiddleware` sets them for each HTTP request; a task or websocket consumer that
continues a request's work sets them with `bind()` from the id it was handed. Context
variables, not thread locals, so ASGI requests running in one thread do not share them.
"""

import contextvars
import re
import uuid
from contextlib import contextmanager

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_client_address: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="")

# An id handed to us by a proxy is kept only if it looks like one; anything else is replaced.
_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _request_id.get()


def current_client_address() -> str:
    return _client_address.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def bind(request_id: str, client_address: str = ""):
    """Run a block as part of the work of `request_id` (a task, a websocket event)."""
    id_token = _request_id.set(request_id or new_request_id())
    address_token = _client_address.set(client_address)
    try:
        yield
    finally:
        _request_id.reset(id_token)
        _client_address.reset(address_token)


class RequestContextMiddleware:
    """Give every request an id (the proxy's X-Request-ID when it is well formed) and echo it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _ACCEPTABLE_ID.match(offered) else new_request_id()
        request.request_id = request_id
        with bind(request_id, request.META.get("REMOTE_ADDR", "")):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
