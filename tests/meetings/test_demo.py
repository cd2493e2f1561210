"""The meetings demo content is complete and idempotent."""

import io

import pytest

from home import demo as home_demo
from meetings import demo as meetings_demo
from meetings.models import (
    ActionItem,
    Decision,
    DelegationSignOff,
    MeetingPage,
    MeetingPaper,
    Minutes,
    MinutesRevision,
)
from portal import demo as portal_demo
from portal.models import AccessLevel


class _Command:
    stdout = io.StringIO()


@pytest.mark.django_db
def test_demo_meetings_seed_twice_without_changes():
    portal_demo.seed(_Command())
    home_demo.seed(_Command())
    meetings_demo.seed(_Command())
    models = (
        MeetingPage,
        MeetingPaper,
        Decision,
        ActionItem,
        Minutes,
        MinutesRevision,
        DelegationSignOff,
    )
    counts = [m.objects.count() for m in models]
    states = dict(Minutes.objects.values_list("meeting__slug", "state"))
    meetings_demo.seed(_Command())
    assert [m.objects.count() for m in models] == counts
    assert dict(Minutes.objects.values_list("meeting__slug", "state")) == states
    assert counts[0] == 7
    # Minutes at every stage of the workflow.
    assert states == {
        "cso-platform-mid-term-review": Minutes.State.DRAFT,
        "thailand-task-force-q1": Minutes.State.CIRCULATED,
        "som-19": Minutes.State.ADOPTED,
        "som-18": Minutes.State.PUBLISHED,
    }
    published = Minutes.objects.get(meeting__slug="som-18")
    assert published.published_at is not None
    assert published.sign_offs.count() == 1
    paper = MeetingPaper.objects.get(access_level=AccessLevel.GROUPS)
    assert paper.meeting.access_level == AccessLevel.PUBLIC
    assert paper.allowed_groups.count() == 6
