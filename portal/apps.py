from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal: accounts and access")

    def ready(self):
        from portal import signals  # noqa: F401 - connects the receivers
