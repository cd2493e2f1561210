"""
Draft text in the admin: rounds, sections and paragraphs as snippets for the secretariat,
a screen to import a round from a Word document, and the consultation inboxes' menu entry.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations import admin_views
from consultations.access import can_run_consultations
from consultations.models import ConsultationPage, DraftParagraph, DraftRound, DraftSection
from portal.permissions import viewer_for_request


class DraftRoundViewSet(SnippetViewSet):
    model = DraftRound
    icon = "doc-full"
    list_display = ["consultation", "number", "created_at"]
    add_to_admin_menu = False


class DraftSectionViewSet(SnippetViewSet):
    model = DraftSection
    list_display = ["round", "number", "heading"]


class DraftParagraphViewSet(SnippetViewSet):
    model = DraftParagraph
    list_display = ["round", "number", "anchor"]
    list_filter = ["round"]


register_snippet(DraftRoundViewSet)
register_snippet(DraftSectionViewSet)
register_snippet(DraftParagraphViewSet)


@hooks.register("register_admin_urls")
def register_draft_import_url():
    return [
        path(
            "consultations/<id:page_id>/import-draft-text/",
            admin_views.import_draft_text,
            name="consultations_import_draft_text",
        ),
        path(
            "consultations/inboxes/",
            admin_views.consultation_inboxes,
            name="consultations_admin_inboxes",
        ),
    ]


class ConsultationInboxesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_run_consultations(viewer_for_request(request))


@hooks.register("register_admin_menu_item")
def register_inboxes_menu_item():
    return ConsultationInboxesMenuItem(
        _("Consultation inboxes"),
        reverse("consultations_admin_inboxes"),
        icon_name="mail",
        order=255,
    )


@hooks.register("register_page_header_buttons")
def draft_import_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ConsultationPage):
        yield Button(
            _("Import draft text (.docx)"),
            reverse("consultations_import_draft_text", args=[page.pk]),
            icon_name="doc-full",
            priority=70,
        )
