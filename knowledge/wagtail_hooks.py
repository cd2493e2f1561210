"""Admin and serving hooks: taxonomy snippets, need-to-know on files, extraction messages."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge.access import can_see_publication
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
