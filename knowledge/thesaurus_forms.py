"""The admin's form for a concept of the search thesaurus, with the thesaurus's checks."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from knowledge.actions import check_thesaurus_concept
from knowledge.models import ThesaurusConcept
from knowledge.search.models import LANGUAGE_FIELDS


class ThesaurusConceptForm(WagtailAdminModelForm):
    """
    Refuses, field by field, a term with no letters, one too long, or one another concept
    already has (as the index reads them): nothing is saved and what was typed stays.
    """

    def clean(self):
        cleaned = super().clean()
        # The instance takes the typed values only after clean(): check them as typed.
        typed = ThesaurusConcept(
            pk=self.instance.pk,
            name=cleaned.get("name") or "",
            **{field: cleaned.get(field) or "" for field in LANGUAGE_FIELDS.values()},
        )
        try:
            check_thesaurus_concept(typed)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned
