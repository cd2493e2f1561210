"""
Admin and serving hooks: taxonomy snippets, the bulk import screen, need-to-know on files,
extraction messages.
"""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge import admin_views
from knowledge.access import can_import_publications, can_see_publication
from knowledge.models import (
    DocumentExtraction,
    ExploitationForm,
    PublicationDocument,
    PublicationPage,
    PublicationType,
    SpaArea,
)
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


class LibraryTaxonomyGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Library taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (SpaAreaViewSet, ExploitationFormViewSet, PublicationTypeViewSet)


register_snippet(LibraryTaxonomyGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "library/import/",
            admin_views.import_publications,
            name="knowledge_import_publications",
        )
    ]


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
