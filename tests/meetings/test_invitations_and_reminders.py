"""Invitations on a meeting's first publication and reminders before it starts."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.models import MeetingPage, Registration
from portal.models import AccessLevel, Notification
from tests.meetings.conftest import _meeting


def _notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


@pytest.mark.django_db
def test_first_publication_invites_the_audience_who_may_see_it(
    meetings, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(
            meetings.index,
            "new-thai-task-force",
            AccessLevel.GROUPS,
            groups=[meetings.groups["Government delegates — Thailand"]],
        )
    # The Thai delegate without a second factor may not see a government-only meeting.
    assert _notified("meetings.invitation") == {people.gov_th.pk}


@pytest.mark.django_db
def test_members_meeting_invites_approved_members_only(
    meetings, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(meetings.index, "new-cso-platform", AccessLevel.MEMBERS)
    invited = _notified("meetings.invitation")
    assert {people.cso.pk, people.youth.pk, people.gov_th.pk, people.secretariat.pk} <= invited
    assert people.pending.pk not in invited
    assert people.suspended.pk not in invited
    notification = Notification.objects.get(kind="meetings.invitation", user=people.cso)
    assert "New Cso Platform" in notification.title
    assert notification.url == MeetingPage.objects.get(slug="new-cso-platform").url


@pytest.mark.django_db
def test_republishing_sends_no_second_invitation(
    meetings, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _meeting(meetings.index, "new-members-meeting", AccessLevel.MEMBERS)
    first = Notification.objects.filter(kind="meetings.invitation").count()
    assert first > 0
    meeting.title = "Renamed meeting"
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    assert Notification.objects.filter(kind="meetings.invitation").count() == first


@pytest.mark.django_db
def test_a_meeting_published_after_it_ended_invites_no_one(
    meetings, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(meetings.index, "past-members-meeting", AccessLevel.MEMBERS, days=-30)
    assert _notified("meetings.invitation") == set()


def _register(meeting, user, response):
    return Registration.objects.create(meeting=meeting, user=user, response=response)


def _starting_in(meeting, hours):
    meeting.start = timezone.now() + timedelta(hours=hours)
    meeting.end = meeting.start + timedelta(hours=6)
    meeting.save()


@pytest.mark.django_db
def test_reminders_go_to_participants_of_meetings_within_the_window_once(meetings, people):
    _starting_in(meetings.members, 24)
    _starting_in(meetings.public, 24 * 10)
    _register(meetings.members, people.cso, Registration.Response.ATTENDING)
    _register(meetings.members, people.youth, Registration.Response.ONLINE)
    _register(meetings.members, people.gov_th, Registration.Response.NOT_ATTENDING)
    _register(meetings.public, people.gov_kh, Registration.Response.ATTENDING)

    call_command("notify_meeting_reminders", "--hours", "48")

    assert _notified("meetings.reminder") == {people.cso.pk, people.youth.pk}
    assert Registration.objects.filter(reminded_at__isnull=False).count() == 2
    call_command("notify_meeting_reminders", "--hours", "48")
    assert Notification.objects.filter(kind="meetings.reminder").count() == 2


@pytest.mark.django_db
def test_no_reminder_for_a_meeting_the_person_can_no_longer_see(meetings, people):
    _starting_in(meetings.thai, 12)
    registration = _register(meetings.thai, people.gov_th, Registration.Response.ATTENDING)
    meetings.thai.allowed_groups = [meetings.groups["Government delegates — Cambodia"]]
    meetings.thai.save()

    call_command("notify_meeting_reminders", "--hours", "48")

    assert _notified("meetings.reminder") == set()
    registration.refresh_from_db()
    assert registration.reminded_at is None


@pytest.mark.django_db
def test_no_reminder_for_a_suspended_member(meetings, people):
    _starting_in(meetings.members, 12)
    _register(meetings.members, people.suspended, Registration.Response.ATTENDING)
    call_command("notify_meeting_reminders", "--hours", "48")
    assert _notified("meetings.reminder") == set()


def _invitation_queries(meetings, slug: str, members: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings import actions
    from tests.portal.factories import member_of

    for _ in range(members):
        member_of(meetings.groups["CSO members"])
    # Published inside the test's transaction: its invitations wait for a commit.
    meeting = _meeting(meetings.index, slug, AccessLevel.MEMBERS)
    with CaptureQueriesContext(connection) as queries:
        invited = actions.do_send_meeting_invitations(meeting)
    assert invited == Notification.objects.filter(about_id=str(meeting.pk)).count() > 0
    return len(queries)


@pytest.mark.django_db
def test_inviting_many_members_costs_no_query_a_member(meetings):
    """
    The invited members' rights are read together, the meeting's rules asked once for
    each set of rights, and the invitations written in one insert (6 queries a member
    before).
    """
    few = _invitation_queries(meetings, "few-invited", 2)
    many = _invitation_queries(meetings, "many-invited", 10)  # 12 members by then
    assert many <= few  # the first pays for a few look-ups cached after it
