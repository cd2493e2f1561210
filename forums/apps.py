from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Discussion threads for the Youth Forum and the Civil Society Platform."""

    name = "forums"
    verbose_name = _("Discussions")
