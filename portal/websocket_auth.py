"""
Channels' session and user middleware for websockets, without a wrapper around every
frame the server sends.

Channels' `SessionMiddleware` hands the application a `send` that, on every message, asks
the lazy session whether it was modified or is empty before passing the message on, so it
can save the session and set its cookie on `http.response.start`. A websocket never sends
that message (its handshake answer is `websocket.accept`, which cannot set a cookie), so
for a websocket the wrapper never saves anything: it only costs time on each frame. On a
forum thread with 1,000 open sockets that was a fifth of the time spent handing a post to
its readers (profiled with py-spy, bench/ws_fanout.py; bench/README.md, "Forum fan-out:
where a post's time goes"). Here the session is resolved the same way and the server's
own `send` is passed on unchanged.
"""

from channels.auth import AuthMiddleware
from channels.sessions import CookieMiddleware, InstanceSessionWrapper


class WebsocketSessionMiddleware:
    """Puts the cookie's session in the scope, as Channels' `SessionMiddleware` does."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            raise ValueError("WebsocketSessionMiddleware serves websockets only.")
        wrapper = InstanceSessionWrapper(scope, send)
        await wrapper.resolve_session()
        return await self.inner(wrapper.scope, receive, send)


def WebsocketAuthMiddlewareStack(inner):  # noqa: N802 (named like Channels' AuthMiddlewareStack)
    """Cookies, then the session, then the signed-in user (`scope["user"]`)."""
    return CookieMiddleware(WebsocketSessionMiddleware(AuthMiddleware(inner)))
