"""The results framework in the Wagtail admin: the secretariat edits it as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from results.admin_forms import IndicatorLinkForm
from results.models import (
    Area,
    CooperationAgreement,
    Disaggregation,
    Indicator,
    IndicatorLink,
    Output,
    PolicyImprovement,
    ReportingPeriod,
)


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "folder-open-inverse"
    list_display = ["code", "title", "sort_order"]


class OutputViewSet(SnippetViewSet):
    model = Output
    icon = "folder-inverse"
    list_display = ["code", "title", "area"]
    list_filter = ["area"]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    list_display = ["code", "title", "unit", "target", "target_year", "scope"]
    list_filter = ["unit", "scope", "output__area"]
    search_fields = ["code", "title"]


class DisaggregationViewSet(SnippetViewSet):
    model = Disaggregation
    icon = "list-ul"
    list_display = ["code", "title"]


class ReportingPeriodViewSet(SnippetViewSet):
    model = ReportingPeriod
    icon = "date"
    list_display = ["label", "starts_on", "ends_on", "deadline", "is_open"]
    list_filter = ["is_open"]


class PolicyImprovementViewSet(SnippetViewSet):
    model = PolicyImprovement
    icon = "doc-full"
    list_display = ["country", "instrument", "stage", "date"]
    list_filter = ["stage", "country"]


class CooperationAgreementViewSet(SnippetViewSet):
    model = CooperationAgreement
    icon = "group"
    list_display = ["title", "type", "status", "date"]
    list_filter = ["type", "status"]


class IndicatorLinkViewSet(SnippetViewSet):
    model = IndicatorLink
    icon = "link"
    list_display = ["indicator", "content_type", "object_id", "note"]
    # A publication is chosen with the page chooser, not typed as an id.
    edit_handler = ObjectList(
        [
            FieldPanel("indicator"),
            FieldPanel("publication"),
            FieldPanel("content_type"),
            FieldPanel("object_id"),
            FieldPanel("note"),
        ],
        base_form_class=IndicatorLinkForm,
    )


class ResultsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Results framework")
    menu_icon = "table"
    items = (
        AreaViewSet,
        OutputViewSet,
        IndicatorViewSet,
        DisaggregationViewSet,
        ReportingPeriodViewSet,
        PolicyImprovementViewSet,
        CooperationAgreementViewSet,
        IndicatorLinkViewSet,
    )


register_snippet(ResultsViewSetGroup)
