"""
ASGI entry point: HTTP goes to Django, websockets to the Channels router.

Websockets pass the allowed-hosts origin check, then session authentication,
then the URL router; each app contributes its routes through its own
`routing.websocket_urlpatterns`.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

# Django must be set up before anything imports models (consumers do).
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from config import heap  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402
from portal.metrics import WebsocketMetricsMiddleware  # noqa: E402
from portal.request_context import WebsocketRequestContextMiddleware  # noqa: E402
from portal.websocket_auth import WebsocketAuthMiddlewareStack  # noqa: E402

# Start-up objects out of the collector's sight, and fewer collections (config/heap.py).
heap.settle()

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Outermost, so even a socket the origin check refuses logs under a request id.
        "websocket": WebsocketRequestContextMiddleware(
            WebsocketMetricsMiddleware(
                AllowedHostsOriginValidator(
                    WebsocketAuthMiddlewareStack(URLRouter(websocket_urlpatterns))
                )
            )
        ),
    }
)
