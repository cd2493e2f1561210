"""Websocket routes of the meetings (included by config.routing)."""

from django.urls import path

from meetings.consumers import AgendaConsumer

websocket_urlpatterns = [
    path("ws/meetings/<id:meeting_id>/agenda/", AgendaConsumer.as_asgi()),
]
