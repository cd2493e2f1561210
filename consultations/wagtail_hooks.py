"""
Draft text in the admin: rounds, sections and paragraphs as snippets for the secretariat,
and a screen to import a round from a Word document.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations import admin_views
from consultations.models import ConsultationPage, DraftParagraph, DraftRound, DraftSection


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
        )
    ]


@hooks.register("register_page_header_buttons")
def draft_import_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ConsultationPage):
        yield Button(
            _("Import draft text (.docx)"),
            reverse("consultations_import_draft_text", args=[page.pk]),
            icon_name="doc-full",
            priority=70,
        )
