"""Reference data named in every portal language (README, "Languages" › "Reference data")."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_language(translations: dict | None, language: str | None, english: str) -> str:
    """`translations[language]`, or the English text when that language has none."""
    language = (language or settings.LANGUAGE_CODE).lower()
    return (translations or {}).get(language) or english


class TranslatedName(models.Model):
    """
    A `name` in the working language (English) plus its translations, one per language.

    The English name stays the stable one (URLs use slugs, feeds and OAI-PMH the English
    name); readers see `localized_name`, and `str()` of the object is that, so choice
    lists and templates need nothing special. A missing translation shows the English.
    """

    name_translations = models.JSONField(
        _("translations of the name"),
        default=dict,
        blank=True,
        help_text=_(
            'One entry per language code, e.g. {"th": "การค้ามนุษย์", "vi": "Mua bán người"}. '
            "Missing languages show the English name."
        ),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.localized_name

    def name_in(self, language: str | None) -> str:
        return in_language(self.name_translations, language, self.name)

    @property
    def localized_name(self) -> str:
        return self.name_in(get_language())


class TranslatedTitle(models.Model):
    """
    The same for framework content whose English text is a `title` (the results
    framework): `title_translations` beside it, `localized_title` for readers. Machine
    formats (CSV, JSON, SDMX) keep `title`, the English.
    """

    title_translations = models.JSONField(
        _("translations of the title"),
        default=dict,
        blank=True,
        help_text=_(
            'One entry per language code, e.g. {"th": "...", "vi": "..."}. '
            "Missing languages show the English title."
        ),
    )

    class Meta:
        abstract = True

    def title_in(self, language: str | None) -> str:
        return in_language(self.title_translations, language, self.title)

    @property
    def localized_title(self) -> str:
        return self.title_in(get_language())
