from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Meetings: agendas, papers, minutes, decisions and actions."""

    name = "meetings"
    verbose_name = _("Meetings")
