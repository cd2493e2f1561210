from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Discussion threads for the Youth Forum and the Civil Society Platform."""

    name = "forums"
    verbose_name = _("Discussions")

    def ready(self):
        from forums.sections import active_threads, watched_threads
        from home.sections import register_home_section
        from portal.dashboard import register_dashboard_slot

        register_home_section("discussions", active_threads, more_url="/forums/")
        register_dashboard_slot("threads", watched_threads)
