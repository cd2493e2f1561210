"""The publications endpoint of the Wagtail API: only what the caller may see."""

from wagtail.api.v2.views import PagesAPIViewSet

from knowledge.models import PublicationPage, publications_for
from portal.permissions import viewer_for_request


class PublicationsAPIViewSet(PagesAPIViewSet):
    model = PublicationPage
    body_fields = [*PagesAPIViewSet.body_fields]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "subtitle",
        "publication_date",
        "language",
        "author_names",
    ]
    # Filters for the listing beyond Wagtail's own (type, child_of, search...).
    known_query_parameters = PagesAPIViewSet.known_query_parameters

    def get_queryset(self):
        # The caller's rights (session sign-in, with its second factor) decide, as on pages.
        viewer = viewer_for_request(self.request)
        return publications_for(viewer).order_by("-first_published_at")

    def get_base_queryset(self):
        return self.get_queryset()
