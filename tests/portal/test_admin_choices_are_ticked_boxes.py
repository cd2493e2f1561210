"""Every many-to-many choice in the admin's page and snippet forms is a list of ticked boxes."""

from django import forms
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models


def _plain_multi_selects(form_class) -> list[str]:
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field.widget, forms.SelectMultiple)
        and not isinstance(field.widget, forms.CheckboxSelectMultiple)
    ]


def test_no_admin_form_needs_ctrl_click():
    found = {}
    for model in get_page_models():
        plain = _plain_multi_selects(model.get_edit_handler().get_form_class())
        if plain:
            found[model.__name__] = plain
    for model in get_snippet_models():
        plain = _plain_multi_selects(model.snippet_viewset.get_edit_handler().get_form_class())
        if plain:
            found[model.__name__] = plain
    assert found == {}


def test_the_forms_checked_include_the_ones_staff_use_for_access():
    # The test above would pass vacuously if no form had a many-to-many field.
    paper = next(m for m in get_snippet_models() if m.__name__ == "MeetingPaper")
    fields = paper.snippet_viewset.get_edit_handler().get_form_class().base_fields
    assert isinstance(fields["allowed_groups"].widget, forms.CheckboxSelectMultiple)


def _tab_holding(edit_handler, field_name: str) -> str:
    def holds(panel) -> bool:
        if getattr(panel, "field_name", None) == field_name:
            return True
        return any(holds(child) for child in getattr(panel, "children", ()))

    return next(str(tab.heading) for tab in edit_handler.children if holds(tab))


def test_who_can_see_this_is_on_the_same_tab_for_every_restricted_page_type():
    page_types = [
        m
        for m in get_page_models()
        if m.__name__ in {"PublicationPage", "MeetingPage", "ConsultationPage"}
    ]
    assert len(page_types) == 3
    tabs = {m.__name__: _tab_holding(m.get_edit_handler(), "access_level") for m in page_types}
    assert set(tabs.values()) == {"Content"}, tabs
