"""Each meeting action writes exactly one event in the one audit trail, with its request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import actions
from meetings.models import AgendaItem
from portal.audit import events_about
from portal.models import AuditEvent, Organisation
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

pytestmark = pytest.mark.django_db


def test_setting_the_current_agenda_item_is_one_event_about_the_meeting(meetings, people):
    item = AgendaItem.objects.get(meeting=meetings.public, number="2")
    earlier = set(AuditEvent.objects.values_list("pk", flat=True))  # the fixtures' own

    response = client_for(people, "secretariat").post(
        f"/meetings/{meetings.public.pk}/agenda/current/",
        {"item": item.pk},
        headers={"X-Request-ID": "agenda-request-42"},
    )

    assert response.status_code == 302
    event = AuditEvent.objects.exclude(pk__in=earlier).get()
    assert (event.verb, event.actor, event.request_id) == (
        "agenda.current",
        people.secretariat,
        "agenda-request-42",
    )
    assert list(events_about(meetings.public)) == [event]
    assert event.get_verb_display() == "Current agenda item set"


def test_recording_a_decision_and_assigning_an_action_name_them(meetings, people):
    secretariat = viewer_for_user(people.secretariat, mfa_ok=True)
    earlier = AuditEvent.objects.count()  # the fixtures' own (memberships granted)

    decision = actions.do_record_decision(secretariat, meetings.public, "Adopt the protocol.")
    action = actions.do_assign_action(
        secretariat,
        meetings.public,
        title="Translate the protocol",
        due_date=timezone.localdate() + timedelta(days=5),
        owner_organisation=Organisation.objects.create(name="Mekong CSO", type="cso"),
        decision=decision,
    )

    assert [e.verb for e in events_about(decision)] == ["decision.recorded"]
    assert events_about(decision).get().changes["text"] == "Adopt the protocol."
    assert [e.verb for e in events_about(action)] == ["action.assigned"]
    assert events_about(action).get().changes["owner"] == "Mekong CSO"
    assert events_about(action).get().target_label == "Translate the protocol"
    assert AuditEvent.objects.count() == earlier + 2


def test_invitations_go_out_once_because_the_trail_remembers_them(meetings, people):
    assert actions.do_send_meeting_invitations(meetings.public) > 0
    assert actions.do_send_meeting_invitations(meetings.public) == 0
    assert events_about(meetings.public).filter(verb="invitations.sent").count() == 1
