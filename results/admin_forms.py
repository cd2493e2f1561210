"""
The admin form for an indicator link: a library publication is picked with Wagtail's page
chooser (search by title, browse the library) rather than by its id; a decision, action,
paragraph or response is still named by its kind and id, and an id that names nothing is
refused with a message.

The form names the publication model by string: this app never imports the library's.
"""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

PUBLICATION_MODEL = ("knowledge", "publicationpage")


def publication_type() -> ContentType:
    return ContentType.objects.get_by_natural_key(*PUBLICATION_MODEL)


class IndicatorLinkForm(WagtailAdminModelForm):
    publication = forms.ModelChoiceField(
        label=_("Library publication"),
        required=False,
        queryset=Page.objects.filter(
            content_type__app_label=PUBLICATION_MODEL[0], content_type__model=PUBLICATION_MODEL[1]
        ),
        widget=AdminPageChooser(target_models=["knowledge.PublicationPage"]),
        help_text=_(
            "Choose a publication here; for a decision, an action, a paragraph or a response, "
            "give its kind and id below instead."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in from the chosen publication when there is one (see clean).
        self.fields["content_type"].required = False
        self.fields["object_id"].required = False
        instance = self.instance
        if instance.pk and instance.content_type_id == publication_type().pk:
            self.initial["publication"] = instance.object_id

    def clean(self):
        cleaned = super().clean()
        publication = cleaned.get("publication")
        if publication is not None:
            cleaned["content_type"] = publication_type()
            cleaned["object_id"] = publication.pk
            return cleaned
        kind, object_id = cleaned.get("content_type"), cleaned.get("object_id")
        if kind is None or object_id is None:
            raise forms.ValidationError(
                _("Choose a library publication, or give the kind and the id of the item.")
            )
        if not kind.model_class()._default_manager.filter(pk=object_id).exists():
            self.add_error(
                "object_id",
                _("There is no %(kind)s with id %(id)s.") % {"kind": kind.name, "id": object_id},
            )
        return cleaned
