"""
Notifications: the infrastructure every app uses to tell a member something.

`notify()` stores the notification (listed at /me/notifications/) and, for members
who want email immediately, sends it once the transaction commits. Daily and weekly
digests are sent by `manage.py send_notification_digests`, run by the scheduler.
Emails are written in the member's preferred language.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.models import Notification, NotificationFrequency, User

DIGEST_PERIODS = {
    NotificationFrequency.DAILY: timedelta(days=1),
    NotificationFrequency.WEEKLY: timedelta(days=7),
}


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")) or not path:
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_portal_email(user: User, subject: str, template: str, context: dict) -> None:
    """Email `user` in their preferred language, rendering `template` (a .txt template)."""
    with translation.override(user.preferred_language):
        body = render_to_string(template, {"user": user, **context})
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )


def notify(user: User, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    """Tell `user` something. Email follows their notification frequency."""
    notification = Notification.objects.create(
        user=user, kind=kind, title=title, body=body, url=url
    )
    if user.notification_frequency == NotificationFrequency.IMMEDIATELY and user.is_active:
        transaction.on_commit(lambda: _email_immediately(notification.pk))
    return notification


def _email_immediately(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    send_portal_email(
        notification.user,
        notification.title,
        "portal/email/notification.txt",
        {"notification": notification, "link": absolute_url(notification.url)},
    )
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


def send_digests(frequency: str, now=None) -> int:
    """Email each member with this digest frequency their notifications not yet emailed."""
    if frequency not in DIGEST_PERIODS:
        raise ValueError(f"No digest for frequency {frequency!r}; use daily or weekly.")
    now = now or timezone.now()
    sent = 0
    users = User.objects.filter(
        is_active=True,
        notification_frequency=frequency,
        notifications__emailed_at__isnull=True,
    ).distinct()
    for user in users:
        pending = list(user.notifications.filter(emailed_at__isnull=True).order_by("created_at"))
        with translation.override(user.preferred_language):
            subject = _("Your COMMIT Portal digest")
        send_portal_email(
            user,
            subject,
            "portal/email/digest.txt",
            {
                "notifications": [(item, absolute_url(item.url)) for item in pending],
                "my_url": absolute_url("/me/notifications/"),
            },
        )
        Notification.objects.filter(pk__in=[item.pk for item in pending]).update(emailed_at=now)
        sent += 1
    return sent
