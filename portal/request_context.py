"""
The request id (and client address) of the work in progress, for audit entries, logs and tasks.

`RequestContextMiddleware` sets them for each HTTP request and
`WebsocketRequestContextMiddleware` for each websocket connection; a task that continues a
request's work sets them with `bind()` from the id it was handed (portal/background.py). Context
variables, not thread locals, so ASGI requests running in one thread do not share them.
"""

import contextvars
import logging
import re
import uuid
from contextlib import contextmanager

logger = logging.getLogger(__name__)

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


def _handshake_request_id(scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            offered = value.decode("latin-1")
            return offered if _ACCEPTABLE_ID.match(offered) else new_request_id()
    return new_request_id()


class WebsocketRequestContextMiddleware:
    """
    The websocket counterpart of `RequestContextMiddleware`, an ASGI middleware.

    A connection is one call of the consumer, and every event it handles (a frame from the
    browser, a message from the channel layer) runs inside that call: binding the id for the
    call gives every log line of the connection the id of its handshake, which is the proxy's
    X-Request-ID when well formed, as for HTTP. The id is echoed on the accept.
    """

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        request_id = _handshake_request_id(scope)
        client = scope.get("client") or ("", 0)
        where = {"path": scope.get("path", "")}
        accepted = False

        async def send_with_id(message):
            nonlocal accepted
            if message["type"] == "websocket.accept":
                accepted = True
                logger.info("Websocket opened", extra=where)
                headers = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            elif message["type"] == "websocket.close" and not accepted:
                # By the origin check, or a consumer's (a thread the visitor may not read).
                logger.info("Websocket refused", extra={**where, "code": message.get("code")})
            await send(message)

        with bind(request_id, client[0] or ""):
            try:
                return await self.inner(scope, receive, send_with_id)
            finally:
                if accepted:
                    logger.info("Websocket closed", extra=where)
