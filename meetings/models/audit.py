from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingAuditEntry(models.Model):
    """Who did what to a meeting's minutes, decisions, actions or registrations, and why."""

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="audit_entries",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=40)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("meeting audit entry")
        verbose_name_plural = _("meeting audit trail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
