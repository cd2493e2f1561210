import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarToken(models.Model):
    """
    The secret in a member's private calendar feed URL. Only its hash is stored, so a
    database leak does not leak working feed URLs; revoking it makes the URL answer 404.

    A calendar app reads the feed without a session, so the token carries what the
    session that made it had proved: roles that need a second factor count in the feed
    only when it was used in that session (see `meetings.access.viewer_for_calendar`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    second_factor_used = models.BooleanField(
        _("made after using the second factor"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


def hash_calendar_token(token: str) -> str:
    """What is stored of a token: its SHA-256, so the table holds no working feed URL."""
    return hashlib.sha256(token.encode()).hexdigest()
