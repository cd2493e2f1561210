"""The project's URLs plus the search URLs that config/urls.py will include (issue 6)."""

from django.conf.urls.i18n import i18n_patterns

from config.urls import urlpatterns as project_urlpatterns
from knowledge.search.urls import api_urlpatterns, page_urlpatterns

urlpatterns = [
    *api_urlpatterns,
    *i18n_patterns(*page_urlpatterns, prefix_default_language=False),
    *project_urlpatterns,
]
