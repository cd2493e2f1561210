"""
Admin and serving hooks: taxonomy snippets, the search thesaurus and its rebuild, the bulk
import screen, need-to-know on files, extraction messages.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from knowledge import admin_views
from knowledge.access import can_edit_thesaurus, can_import_publications, can_see_publication
from knowledge.actions import do_delete_thesaurus_concept, do_save_thesaurus_concept
from knowledge.models import (
    DocumentExtraction,
    ExploitationForm,
    PublicationDocument,
    PublicationPage,
    PublicationType,
    SpaArea,
    ThesaurusConcept,
)
from knowledge.search.models import LANGUAGE_FIELDS
from knowledge.thesaurus_forms import ThesaurusConceptForm
from portal.admin_views import SavedThroughActionMixin
from portal.permissions import viewer_for_request
from portal.refusals import refuse


class SpaAreaViewSet(SnippetViewSet):
    model = SpaArea
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class ExploitationFormViewSet(SnippetViewSet):
    model = ExploitationForm
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class PublicationTypeViewSet(SnippetViewSet):
    model = PublicationType
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


# Saved through knowledge.actions: checked, audited and put to use at once (every process
# re-reads the thesaurus; the database search re-reads the publications it touches).
class ThesaurusConceptCreateView(SavedThroughActionMixin, CreateView):
    write = staticmethod(do_save_thesaurus_concept)


class ThesaurusConceptEditView(SavedThroughActionMixin, EditView):
    write = staticmethod(do_save_thesaurus_concept)


class ThesaurusConceptDeleteView(DeleteView):
    def delete_action(self):
        log(self.object, "wagtail.delete", user=self.request.user)
        do_delete_thesaurus_concept(viewer_for_request(self.request), self.object)


class ThesaurusConceptIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_edit_thesaurus(viewer_for_request(self.request)):
            buttons.append(
                HeaderButton(
                    _("Rebuild the search index with this thesaurus"),
                    url=reverse("knowledge_rebuild_search_index"),
                    icon_name="resubmit",
                )
            )
        return buttons


class ThesaurusConceptViewSet(SnippetViewSet):
    model = ThesaurusConcept
    icon = "doc-full"
    menu_label = gettext_lazy("Search thesaurus")
    list_display = ["name", "en", "th"]
    search_fields = ["name", *LANGUAGE_FIELDS.values()]
    index_view_class = ThesaurusConceptIndexView
    add_view_class = ThesaurusConceptCreateView
    edit_view_class = ThesaurusConceptEditView
    delete_view_class = ThesaurusConceptDeleteView
    edit_handler = ObjectList(
        [FieldPanel("name"), *(FieldPanel(field) for field in LANGUAGE_FIELDS.values())],
        base_form_class=ThesaurusConceptForm,
    )


class LibraryTaxonomyGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Library taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (
        SpaAreaViewSet,
        ExploitationFormViewSet,
        PublicationTypeViewSet,
        ThesaurusConceptViewSet,
    )


register_snippet(LibraryTaxonomyGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "library/import/",
            admin_views.import_publications,
            name="knowledge_import_publications",
        ),
        path(
            "library/thesaurus/rebuild/",
            admin_views.rebuild_search_index,
            name="knowledge_rebuild_search_index",
        ),
    ]


@hooks.register("before_bulk_action")
def delete_thesaurus_concepts_one_at_a_time(request, action_type, objects, action_class_instance):
    """
    The listing's bulk delete would bypass knowledge.actions (no audit, the thesaurus not
    re-read): concepts are deleted from their own page.
    """
    if action_type == "delete" and any(isinstance(o, ThesaurusConcept) for o in objects):
        messages.error(request, _("Delete thesaurus concepts one at a time, from their page."))
        return redirect("wagtailsnippets_knowledge_thesaurusconcept:list")
    return None


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import_publications(viewer_for_request(request))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        gettext_lazy("Import publications"),
        reverse("knowledge_import_publications"),
        icon_name="upload",
        order=301,
    )


@hooks.register("before_serve_document")
def refuse_restricted_publication_files(document, request):
    """
    A file attached to publications is served only to those who may see one of them
    (a draft's files only to the secretariat). Files of no publication are left to
    their other owners' rules.
    """
    page_ids = PublicationDocument.objects.filter(document=document).values("page_id")
    publications = list(PublicationPage.objects.filter(pk__in=page_ids))
    if not publications:
        return None
    viewer = viewer_for_request(request)
    if any(can_see_publication(viewer, publication) for publication in publications):
        return None
    return refuse(request, viewer)


def _report_extraction(request, page):
    """Tell the editor what happened to the text of each file once the page is published."""
    if not isinstance(page.specific, PublicationPage):
        return
    for extraction in DocumentExtraction.objects.filter(publication=page).select_related(
        "document"
    ):
        if extraction.needs_attention:
            messages.warning(
                request,
                _("“%(file)s”: %(status)s. %(message)s")
                % {
                    "file": extraction.document.title,
                    "status": extraction.get_status_display(),
                    "message": extraction.message,
                },
            )


@hooks.register("after_publish_page")
def report_extraction_after_publish(request, page):
    _report_extraction(request, page)
