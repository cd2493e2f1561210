"""The portal's URLs with the API router mounted, as config/urls.py will mount it."""

from django.urls import path

from config.api import api_router
from config.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("api/v2/", api_router.urls), *portal_urlpatterns]
