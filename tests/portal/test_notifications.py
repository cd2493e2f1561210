import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.models import Notification, NotificationFrequency
from portal.notifications import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_immediate_members_are_emailed_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(notification_frequency=NotificationFrequency.IMMEDIATELY)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(user, "test", "New reply in Safe migration campaign", url="/forums/t/1/")
    assert mail.outbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()

    assert mail.outbox[0].to == [user.email]
    assert "New reply in Safe migration campaign" in mail.outbox[0].subject
    assert "/forums/t/1/" in mail.outbox[0].body
    assert Notification.objects.get(user=user).emailed_at is not None


def test_emails_are_written_in_the_members_language(django_capture_on_commit_callbacks):
    user = UserFactory(
        notification_frequency=NotificationFrequency.IMMEDIATELY, preferred_language="th"
    )

    with django_capture_on_commit_callbacks(execute=True):
        notify(user, "test", "ข่าว")

    greeting = mail.outbox[0].body.splitlines()[0]
    assert "Hello" not in greeting
    assert re.search("[\u0e00-\u0e7f]", greeting)  # written in Thai script


def test_daily_digest_collects_unsent_notifications_once():
    daily = UserFactory(notification_frequency=NotificationFrequency.DAILY)
    weekly = UserFactory(notification_frequency=NotificationFrequency.WEEKLY)
    off = UserFactory(notification_frequency=NotificationFrequency.OFF)
    for user in (daily, weekly, off):
        notify(user, "test", f"Decision recorded for {user.email}")
        notify(user, "test", "Minutes circulated")

    call_command("send_notification_digests", "daily")
    call_command("send_notification_digests", "daily")

    assert [message.to for message in mail.outbox] == [[daily.email]]
    assert "Decision recorded" in mail.outbox[0].body
    assert "Minutes circulated" in mail.outbox[0].body
    assert not Notification.objects.filter(user=daily, emailed_at__isnull=True).exists()
    assert Notification.objects.filter(user=weekly, emailed_at__isnull=True).count() == 2


def test_notifications_page_lists_and_marks_read(client):
    user = UserFactory()
    notify(user, "test", "Your request was approved")
    client.force_login(user)

    assert "Your request was approved" in client.get("/me/notifications/").content.decode()
    client.post("/me/notifications/read/")

    assert Notification.objects.get(user=user).read_at <= timezone.now() + timedelta(seconds=1)
