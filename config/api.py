"""
The Wagtail API v2 router (/api/v2/). Only endpoints that apply the portal's
permissions are registered: Wagtail's generic pages and documents endpoints would
list restricted pages and file URLs, so they are left out.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from knowledge.api import PublicationsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("publications", PublicationsAPIViewSet)
