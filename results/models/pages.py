from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.languages import ReaderLanguagePage


class ResultsIndexPage(ReaderLanguagePage, Page):
    """
    The site menu's "Results" entry. The menu lists pages; the dashboard itself is a view
    at /results/ (before Wagtail's catch-all, so it wins at that address in each language).
    A page under another slug sends its reader there.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("results dashboard (menu entry)")

    def serve(self, request, *args, **kwargs):
        return redirect(reverse("results:dashboard"))
