"""
The registers the results framework counts from, and the links that close the loop.

Policy and legal improvements and cooperation agreements are public records the
secretariat keeps, each linked to the indicators it counts towards. `IndicatorLink`
lets a meeting decision or action, a consultation paragraph or a library publication
reference an indicator without this app importing those apps: it is a generic relation,
and an indicator page shows a linked item only to a reader who may see it (asked through
`portal.permissions.can_view_subject`, where each app registers its own rule).
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from results.models.framework import Indicator

# What may reference an indicator, by app label and model name (never imported here).
LINKABLE_MODELS = (
    ("meetings", "decision"),
    ("meetings", "actionitem"),
    ("consultations", "draftparagraph"),
    ("consultations", "commentresponse"),
    ("knowledge", "publicationpage"),
)


def linkable_content_types():
    query = models.Q(pk__in=[])
    for app_label, model in LINKABLE_MODELS:
        query |= models.Q(app_label=app_label, model=model)
    return query


class PolicyImprovement(models.Model):
    class Stage(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        UNDER_REVIEW = "review", _("Under review")
        ADOPTED = "adopted", _("Adopted")
        IN_FORCE = "in_force", _("In force")

    country = models.ForeignKey(
        "portal.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    instrument = models.CharField(_("instrument"), max_length=300)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"))
    source = models.URLField(_("source"), max_length=500, blank=True)
    description = models.TextField(_("what changed"), blank=True)
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), blank=True, related_name="policy_improvements"
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("policy or legal improvement")
        verbose_name_plural = _("policy and legal improvements")

    def __str__(self):
        return f"{self.country}: {self.instrument}"


class CooperationAgreement(models.Model):
    class Type(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        AGREEMENT = "agreement", _("Bilateral or multilateral agreement")
        PLAN = "plan", _("Joint plan of action")
        SOP = "sop", _("Standard operating procedures")

    class Status(models.TextChoices):
        NEGOTIATION = "negotiation", _("Under negotiation")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")

    title = models.CharField(_("title"), max_length=300)
    # Parties include countries outside COMMIT (Malaysia, Indonesia, ...).
    parties = models.ManyToManyField("portal.Country", verbose_name=_("parties"), related_name="+")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    date = models.DateField(_("date"))
    source = models.URLField(_("source"), max_length=500, blank=True)
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), blank=True, related_name="agreements"
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")

    def __str__(self):
        return self.title


class IndicatorLink(models.Model):
    """Something elsewhere in the portal (a decision, a paragraph, a publication) → an indicator."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="links"
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind"),
        on_delete=models.CASCADE,
        limit_choices_to=linkable_content_types,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    item = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "content_type", "object_id"], name="results_link_once"
            )
        ]
        verbose_name = _("indicator link")
        verbose_name_plural = _("indicator links")

    def __str__(self):
        return f"{self.indicator.code} ← {self.content_type.name} {self.object_id}"
