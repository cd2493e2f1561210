"""The library's taxonomy (DOMAIN.md): editors extend these terms in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.translated import TranslatedName


class TaxonomyTerm(TranslatedName):
    """A named term with a stable slug, used in URLs, feeds, OAI sets and imports."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = ["name", "name_translations", "slug", "sort_order"]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]


class SpaArea(TaxonomyTerm):
    """An area of the SPA IV results framework (policy, protection, justice, prevention...)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("SPA IV area")
        verbose_name_plural = _("SPA IV areas")


class ExploitationForm(TaxonomyTerm):
    """A form of exploitation the research covers (forced labour, forced marriage...)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("form of exploitation")
        verbose_name_plural = _("forms of exploitation")


class PublicationType(TaxonomyTerm):
    """What kind of publication it is (research report, policy brief...)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("publication type")
        verbose_name_plural = _("publication types")
