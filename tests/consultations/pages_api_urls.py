"""
The portal's URLs plus Wagtail's generic pages endpoint, which the portal does not
register: it lets a test look at a consultation exactly as an API client would.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from config import urls as portal_urls

pages_api = WagtailAPIRouter("consultations_pages_api")
pages_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("test-api/", pages_api.urls), *portal_urls.urlpatterns]
