"""Websocket routes of every app, collected in one list for config.asgi."""

from django.urls import re_path

from forums.routing import websocket_urlpatterns as forum_routes
from meetings.routing import websocket_urlpatterns as meeting_routes
from portal.consumers import UnknownRouteConsumer
from portal.routing import websocket_urlpatterns as portal_routes

websocket_urlpatterns = [
    *portal_routes,
    *forum_routes,
    *meeting_routes,
    # Last: anything else is closed with 4404.
    re_path(r"", UnknownRouteConsumer.as_asgi()),
]
