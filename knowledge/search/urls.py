"""
Search URLs. `page_urlpatterns` go inside i18n_patterns (before Wagtail's catch-all),
`api_urlpatterns` with the language-independent interfaces.
"""

from django.urls import path

from knowledge.search import views

page_urlpatterns = [
    path("library/search/", views.search_page, name="library_search"),
]

api_urlpatterns = [
    path("api/library/search", views.search_api, name="library_search_api"),
    path("api/library/autocomplete", views.autocomplete_api, name="library_autocomplete_api"),
    path("api/library/openapi.json", views.openapi_schema, name="library_search_openapi"),
]
