from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Meetings: agendas, papers, minutes, decisions and actions."""

    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from home.sections import register_home_section
        from meetings.sections import my_meetings, upcoming_meetings
        from portal.dashboard import register_dashboard_slot

        register_home_section("meetings", upcoming_meetings, more_url="/meetings/")
        register_dashboard_slot("meetings", my_meetings)
