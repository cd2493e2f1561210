"""Websocket routes of the discussion forums (included by config.routing)."""

from django.urls import path

from forums.consumers import ThreadConsumer

websocket_urlpatterns = [
    path("ws/forums/threads/<id:thread_id>/", ThreadConsumer.as_asgi()),
]
