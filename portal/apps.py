from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal: accounts and access")

    def ready(self):
        from django.urls import register_converter

        from portal import signals  # noqa: F401 - connects the receivers
        from portal.params import DatabaseIdConverter

        # `<id:pk>` in every app's URLs and websocket routes: an id no database column can
        # hold does not match, so it is a 404 on every database (SQLite raised an
        # OverflowError on `<int:pk>` beyond 64 bits).
        register_converter(DatabaseIdConverter, "id")
