"""An admin panel telling editors what happened to the text of each file."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from knowledge.models.extraction import DocumentExtraction


class ExtractionStatusPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Text of the files (for search)"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "knowledge/admin/extraction_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["extractions"] = (
                DocumentExtraction.objects.filter(publication_id=self.instance.pk)
                .select_related("document")
                .order_by("document__title")
                if self.instance.pk
                else []
            )
            return context
