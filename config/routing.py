"""Websocket routes of every app, collected in one list for config.asgi."""

from django.urls import re_path

from portal.consumers import UnknownRouteConsumer
from portal.routing import websocket_urlpatterns as portal_routes

websocket_urlpatterns = [
    *portal_routes,
    # Last: anything else is closed with 4404.
    re_path(r"", UnknownRouteConsumer.as_asgi()),
]
