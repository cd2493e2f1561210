from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """
    Something a member should know: listed in the portal and emailed per their frequency.

    `about` refers to what the notification is about, so that it is shown to each session
    only while that session may see it (`portal.notifications.notifications_for`). The
    title and text were written for the member with all their rights and are never shown
    without that check.
    """

    user = models.ForeignKey("portal.User", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "emailed_at"]),
            # Who was already told about something (a post's announcement, run again after
            # a task worker died): without it each announcement read the whole table, 30-80
            # ms at 130,000 notifications, beside every live delivery (bench/ws_fanout.py).
            models.Index(fields=["about_type", "about_id"], name="notification_about"),
        ]

    def __str__(self):
        return self.title
