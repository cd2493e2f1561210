from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """The research library: publications, documents and their search."""

    name = "knowledge"
    verbose_name = _("Research library")

    def ready(self):
        from knowledge import signals  # noqa: F401 - connects the receivers
        from knowledge.access import can_see_publication
        from knowledge.actions import LibraryVerb
        from knowledge.models import PublicationPage
        from knowledge.search.signals import connect_search_signals
        from knowledge.sections import LIBRARY_URL, latest_research
        from portal.audit import register_verbs
        from portal.permissions import register_visibility_rule
        from portal.sections import register_home_section

        register_home_section("research", latest_research, more_url=LIBRARY_URL)
        # Other apps reference publications (an indicator's page lists them): a draft is
        # the secretariat's, a restricted one its audience's, as on the publication's page.
        register_visibility_rule(PublicationPage, can_see_publication)
        connect_search_signals()
        register_verbs(LibraryVerb)
