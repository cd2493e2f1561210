"""
Notifications: the infrastructure every app uses to tell a member something.

`notify()` stores the notification (listed at /me/notifications/) and, for members
who want email immediately, sends it once the transaction commits. Daily and weekly
digests are sent by `manage.py send_notification_digests`, run by the scheduler.
Emails are written in the member's preferred language.

A notification's title and text are written for its member with all their rights. The
portal shows them to a session only through `notifications_for()`, which asks
`portal.permissions.can_read_notification` for each one at view time: a session that has
not used its second factor, or that may no longer see what a notification is about, is
told that a notification waits, not what it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.models import Membership, Notification, NotificationFrequency, User
from portal.permissions import (
    Viewer,
    can_read_notification,
    can_view_subject,
    subject_querysets,
    viewer_for_background,
)
from portal.site_root import absolute_url

DIGEST_PERIODS = {
    NotificationFrequency.DAILY: timedelta(days=1),
    NotificationFrequency.WEEKLY: timedelta(days=7),
}


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


def notify(
    user: User,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    *,
    about=None,
    email_now: bool = False,
) -> Notification:
    """
    Tell `user` something. Email follows their notification frequency.

    Pass `about`, the object the notification is about (a meeting, a thread, a
    membership), so that the portal shows it only while the reader may see that object.
    A notification without it is shown only to a session holding all the member's
    rights. `email_now` emails it at once whatever the member's frequency (a child at risk
    does not wait for a digest).
    """
    notification = _notification(user, kind, title, body, url, about)
    notification.save(force_insert=True)
    _email_if_due(notification, email_now=email_now)
    return notification


def notify_each(
    users: list[User], kind: str, title: str, body: str = "", url: str = "", *, about=None
) -> list[Notification]:
    """
    `notify` each of `users` of the same thing, in one query (a post's watchers, a
    meeting's invited members).
    """
    notifications = Notification.objects.bulk_create(
        [_notification(user, kind, title, body, url, about) for user in users]
    )
    for notification in notifications:
        _email_if_due(notification, email_now=False)
    return notifications


def told_about(about, kinds) -> QuerySet:
    """
    The ids of the members told about `about` in a notification of one of `kinds` (so that
    a task run again tells nobody twice). Found through the index on what notifications
    are about, whatever the number of notifications.
    """
    return (
        Notification.objects.filter(
            kind__in=kinds,
            about_type=ContentType.objects.get_for_model(about),
            about_id=str(about.pk),
        )
        .order_by()
        .values_list("user_id", flat=True)
    )


def _notification(user: User, kind: str, title: str, body: str, url: str, about) -> Notification:
    return Notification(
        user=user,
        kind=kind,
        title=title,
        body=body,
        url=url or "",  # a page not yet routable has no URL
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=str(about.pk) if about is not None else "",
    )


def _email_if_due(notification: Notification, *, email_now: bool) -> None:
    user = notification.user
    immediately = email_now or user.notification_frequency == NotificationFrequency.IMMEDIATELY
    if immediately and user.is_active:
        pk = notification.pk
        transaction.on_commit(lambda: _email_immediately(pk))


@dataclass(frozen=True)
class NotificationView:
    """A notification as one session may read it."""

    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None
    withheld: bool


def notifications_for(viewer: Viewer, notifications: QuerySet) -> list[NotificationView]:
    """
    `notifications` (the viewer's own) as this session may read them. One it may not is
    listed without its title, text or link: it says a second factor opens it, or that
    its subject can no longer be seen.
    """
    views = []
    for notification in notifications.prefetch_related(
        GenericPrefetch("about", subject_querysets())
    ):
        if can_read_notification(viewer, notification):
            views.append(
                NotificationView(
                    title=notification.title,
                    body=notification.body,
                    url=notification.url,
                    created_at=notification.created_at,
                    read_at=notification.read_at,
                    withheld=False,
                )
            )
        elif viewer.needs_mfa:
            views.append(
                NotificationView(
                    title=_(
                        "A notification about restricted material — sign in with your "
                        "second factor to read it."
                    ),
                    body="",
                    url=reverse("mfa_reauthenticate")
                    + "?"
                    + urlencode({"next": reverse("my_notifications")}),
                    created_at=notification.created_at,
                    read_at=notification.read_at,
                    withheld=True,
                )
            )
        else:
            views.append(
                NotificationView(
                    title=_("A notification about something you can no longer see."),
                    body="",
                    url="",
                    created_at=notification.created_at,
                    read_at=notification.read_at,
                    withheld=True,
                )
            )
    return views


def still_for_the_mailbox(notification: Notification) -> bool:
    """
    May the notification still be emailed? An email goes to the member's own mailbox, so
    the session question does not arise; but when the member can no longer see what the
    notification is about (rights revoked, post hidden, minutes withdrawn since it was
    written), its title and text are not sent.
    """
    if notification.about_type_id is None:
        return True
    subject = notification.about
    if subject is None:
        return False
    allowed = can_view_subject(viewer_for_background(notification.user), subject)
    return allowed is not False


def _email_immediately(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    if not still_for_the_mailbox(notification):
        Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
        return
    send_portal_email(
        notification.user,
        notification.title,
        "portal/email/notification.txt",
        {
            "notification": notification,
            "link": absolute_url(notification.url, notification.user.preferred_language),
        },
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
        Notification.objects.filter(pk__in=[item.pk for item in pending]).update(emailed_at=now)
        pending = [item for item in pending if still_for_the_mailbox(item)]
        if not pending:
            continue
        with translation.override(user.preferred_language):
            subject = _("Your COMMIT Portal digest")
        send_portal_email(
            user,
            subject,
            "portal/email/digest.txt",
            {
                "notifications": [
                    (item, absolute_url(item.url, user.preferred_language)) for item in pending
                ],
                "my_url": absolute_url("/me/notifications/", user.preferred_language),
            },
        )
        sent += 1
    return sent


def notify_staff(
    role: str, kind: str, title: str, url: str = "", *, about=None, email_now: bool = False
) -> int:
    """
    Tell every approved, active member of the staff groups of `role` (the secretariat,
    moderators, safeguarding leads) that work is waiting. Titles name the work, never
    restricted content: the link leads to where their rights are checked.
    """
    staff = User.objects.filter(
        memberships__group__role=role,
        memberships__status=Membership.Status.APPROVED,
        is_active=True,
        suspended_at__isnull=True,
    ).distinct()
    count = 0
    for user in staff:
        notify(user, kind, title, "", url, about=about, email_now=email_now)
        count += 1
    return count
