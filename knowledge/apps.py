from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """The research library: publications, documents and their search."""

    name = "knowledge"
    verbose_name = _("Research library")
