"""Draft text in the admin: rounds, sections and paragraphs as snippets for the secretariat."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.models import DraftParagraph, DraftRound, DraftSection


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
