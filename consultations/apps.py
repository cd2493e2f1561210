from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """SPA IV consultations: structured input on the draft plan and what became of it."""

    name = "consultations"
    verbose_name = _("Consultations")
