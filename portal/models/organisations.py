from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.cldr import country_name


class Country(models.Model):
    """A country by ISO 3166-1 alpha-2 code; the six COMMIT members are flagged."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_commit_member = models.BooleanField(_("COMMIT member"), default=False)

    class Meta:
        ordering = ["-is_commit_member", "name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.localized_name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)

    @property
    def localized_name(self) -> str:
        """
        The name editors gave in English ("Lao PDR", "Viet Nam": COMMIT's official names);
        in the other languages CLDR's name of the ISO code, which covers every country.
        """
        if (get_language() or "en") == "en":
            return self.name
        return country_name(self.code, default=self.name)


class Organisation(models.Model):
    class Type(models.TextChoices):
        GOVERNMENT = "government", _("Government agency")
        CSO = "cso", _("Civil society organisation")
        YOUTH = "youth", _("Youth group")
        UN = "un", _("UN agency")
        ACADEMIC = "academic", _("University or research institute")
        PRIVATE = "private", _("Private sector")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked by the secretariat. Proposed organisations start unverified."),
    )
    proposed_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"),
                "country",
                name="organisation_unique_name_per_country",
            )
        ]

    def __str__(self):
        return self.name
