"""
The draft text of a consultation, round by round.

Each round holds numbered sections and paragraphs. A paragraph's `anchor` is a stable
id that stays the same when the text is copied into the next round, so a comment made
on round 1 can be followed to the paragraph's wording in rounds 2, 3, ...
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftRound(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="rounds",
    )
    number = models.PositiveIntegerField(_("round"))
    note = models.TextField(_("what changed in this round"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["consultation", "number"]
        verbose_name = _("draft round")
        verbose_name_plural = _("draft rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultation_round_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.consultation.title} · {_('round')} {self.number}"

    def paragraphs_in_order(self):
        return self.paragraphs.select_related("section").order_by(
            "section__sort_order", "sort_order"
        )

    def previous(self):
        return (
            DraftRound.objects.filter(consultation_id=self.consultation_id, number__lt=self.number)
            .order_by("-number")
            .first()
        )


class DraftSection(models.Model):
    round = models.ForeignKey(
        DraftRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="sections"
    )
    number = models.CharField(_("number"), max_length=20)
    heading = models.CharField(_("heading"), max_length=255)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "sort_order"]
        verbose_name = _("draft section")
        verbose_name_plural = _("draft sections")

    def __str__(self):
        return f"{self.number} {self.heading}"


class DraftParagraph(models.Model):
    round = models.ForeignKey(
        DraftRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    section = models.ForeignKey(
        DraftSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="paragraphs",
    )
    # Stable across rounds: the same anchor in round 1 and round 2 is "the same paragraph".
    anchor = models.SlugField(_("anchor"), max_length=40)
    number = models.CharField(_("number"), max_length=20)
    text = models.TextField(_("text"))
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "section__sort_order", "sort_order"]
        verbose_name = _("draft paragraph")
        verbose_name_plural = _("draft paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["round", "anchor"], name="paragraph_anchor_per_round")
        ]

    def __str__(self):
        return f"¶ {self.number}"

    def get_absolute_url(self) -> str:
        """The paragraph on its consultation's page (the anchor is stable across rounds)."""
        return f"{self.round.consultation.url}#p-{self.anchor}"
