"""The library listing's and feed's filters, read from GET parameters."""

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from knowledge.models.taxonomy import ExploitationForm, PublicationType, SpaArea
from portal.cldr import language_name
from portal.models import Country


def language_choices() -> list[tuple[str, str]]:
    """The seven languages named in the reader's language, chosen when the form is built."""
    return [
        ("", _("All languages")),
        *((code, language_name(code)) for code, _n in settings.LANGUAGES),
    ]


class LibraryFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All countries"),
    )
    area = forms.ModelChoiceField(
        label=_("SPA IV area"),
        queryset=SpaArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All areas"),
    )
    form = forms.ModelChoiceField(
        label=_("Form of exploitation"),
        queryset=ExploitationForm.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All forms"),
    )
    type = forms.ModelChoiceField(
        label=_("Type"),
        queryset=PublicationType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All types"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices,
        required=False,
    )

    def __init__(self, data=None, *args, **kwargs):
        # Codes arrive in any case from hand-written feed URLs (?country=th).
        if data is not None and data.get("country"):
            data = data.copy()
            data["country"] = data["country"].upper()
        super().__init__(data, *args, **kwargs)

    def filter(self, publications: QuerySet) -> QuerySet:
        """Narrow `publications` (a PublicationPage queryset) by the valid filters."""
        data = self.cleaned_data
        if data.get("country"):
            publications = publications.filter(countries=data["country"])
        if data.get("area"):
            publications = publications.filter(areas=data["area"])
        if data.get("form"):
            publications = publications.filter(forms=data["form"])
        if data.get("type"):
            publications = publications.filter(publication_type=data["type"])
        if data.get("language"):
            publications = publications.filter(language=data["language"])
        return publications.distinct()
