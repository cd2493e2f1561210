"""The meetings demo content is complete and idempotent."""

import io

import pytest

from home import demo as home_demo
from meetings import demo as meetings_demo
from meetings.models import ActionItem, Decision, MeetingPage, MeetingPaper, Minutes
from portal import demo as portal_demo
from portal.models import AccessLevel


class _Command:
    stdout = io.StringIO()


@pytest.mark.django_db
def test_demo_meetings_seed_twice_without_changes():
    portal_demo.seed(_Command())
    home_demo.seed(_Command())
    meetings_demo.seed(_Command())
    counts = [m.objects.count() for m in (MeetingPage, MeetingPaper, Decision, ActionItem)]
    meetings_demo.seed(_Command())
    assert [m.objects.count() for m in (MeetingPage, MeetingPaper, Decision, ActionItem)] == counts
    assert counts[0] == 5
    assert Minutes.objects.get(meeting__slug="som-19").state == Minutes.State.ADOPTED
    assert Minutes.objects.get(meeting__slug="thailand-task-force-q1").state == "circulated"
    paper = MeetingPaper.objects.get(access_level=AccessLevel.GROUPS)
    assert paper.meeting.access_level == AccessLevel.PUBLIC
    assert paper.allowed_groups.count() == 6
