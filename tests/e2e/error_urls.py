"""
A test-only URLconf: the portal's own (config.urls) and two addresses that fail, so that a
browser meets the 500 and 503 pages the way a reader does, through Django's real handler500
(portal.views.server_error) in the language of the address. Only tests name this module (with
override_settings(ROOT_URLCONF=...)); production has no address that fails on purpose.
"""

from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.urls import path

from config import urls as portal_urls

SERVER_ERROR_PATH = "/test-errors/server-error/"
DATABASE_UNAVAILABLE_PATH = "/test-errors/database-unavailable/"


def fail(request):
    raise RuntimeError("A failure the 500 page is measured on (tests only)")


def lose_the_database(request):
    # What a request meets while PostgreSQL restarts: server_error answers 503.
    raise OperationalError("The database went away (tests only)")


# Before the portal's patterns: their last one is Wagtail's catch-all.
urlpatterns = [
    *i18n_patterns(
        path(SERVER_ERROR_PATH.lstrip("/"), fail),
        path(DATABASE_UNAVAILABLE_PATH.lstrip("/"), lose_the_database),
        prefix_default_language=False,
    ),
    *portal_urls.urlpatterns,
]

handler404 = portal_urls.handler404
handler500 = portal_urls.handler500
