from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """A member's answer to a meeting invitation (RSVP)."""

    class Response(models.TextChoices):
        ATTENDING = "attending", _("Attending in person")
        ONLINE = "online", _("Attending online")
        NOT_ATTENDING = "not_attending", _("Not attending")

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
    )
    response = models.CharField(_("response"), max_length=20, choices=Response.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # Set when the reminder before the meeting was sent, so it goes out once only.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="registration_one_per_member")
        ]

    def __str__(self):
        return f"{self.user} · {self.meeting} ({self.get_response_display()})"

    @property
    def is_participating(self) -> bool:
        return self.response in (self.Response.ATTENDING, self.Response.ONLINE)
