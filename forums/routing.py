"""Websocket routes of the discussion forums (included by config.routing)."""

websocket_urlpatterns = []
