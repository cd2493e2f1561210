"""
Decisions and actions created or edited in the Wagtail admin go through the meetings
actions: audited both times, and an edited action tells its owners as a new one does.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import actions
from meetings.models import ActionItem, Decision
from portal.audit import events_about
from portal.models import AuditEvent, Country, Notification
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

pytestmark = pytest.mark.django_db

ADD_ACTION = "/admin/snippets/meetings/actionitem/add/"


@pytest.fixture
def admin_secretariat(people):
    """The secretariat with the admin rights the snippets need (a superuser here)."""
    people.secretariat.is_superuser = True
    people.secretariat.save(update_fields=["is_superuser"])
    return client_for(people, "secretariat")


def _action_form(meeting, *, title, due_date, country, status="open"):
    return {
        "meeting": meeting.pk,
        "decision": "",
        "title": title,
        "owner_organisation": "",
        "owner_country": country.pk,
        "due_date": due_date.isoformat(),
        "status": status,
        "due_reminder_sent_on": "",
    }


def test_an_action_added_in_the_admin_is_audited_and_notified(admin_secretariat, meetings, people):
    thailand = Country.objects.get(code="TH")
    due = timezone.localdate() + timedelta(days=7)

    response = admin_secretariat.post(
        ADD_ACTION,
        _action_form(meetings.public, title="Share figures", due_date=due, country=thailand),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    action = ActionItem.objects.get()
    assert [e.verb for e in events_about(action)] == ["action.assigned"]
    assert Notification.objects.filter(user=people.gov_th, kind="meetings.action_assigned").exists()


def test_an_action_edited_in_the_admin_is_audited_and_its_owners_told(
    admin_secretariat, meetings, people
):
    thailand = Country.objects.get(code="TH")
    secretariat = viewer_for_user(people.secretariat, mfa_ok=True)
    action = actions.do_assign_action(
        secretariat,
        meetings.public,
        title="Share figures",
        due_date=timezone.localdate() + timedelta(days=7),
        owner_country=thailand,
    )
    Notification.objects.all().delete()
    later = timezone.localdate() + timedelta(days=30)

    response = admin_secretariat.post(
        f"/admin/snippets/meetings/actionitem/edit/{action.pk}/",
        _action_form(meetings.public, title="Share figures", due_date=later, country=thailand),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    edited = events_about(action).get(verb="action.edited")
    assert edited.actor == people.secretariat
    assert edited.changes == {"due_date": later.isoformat()}
    told = Notification.objects.get(user=people.gov_th)
    assert told.kind == "meetings.action_changed"
    assert "Share figures" in told.title


def test_a_decision_edited_in_the_admin_is_audited(admin_secretariat, meetings, people):
    secretariat = viewer_for_user(people.secretariat, mfa_ok=True)
    decision = actions.do_record_decision(secretariat, meetings.public, "Adopt the protocol.")

    response = admin_secretariat.post(
        f"/admin/snippets/meetings/decision/edit/{decision.pk}/",
        {"meeting": meetings.public.pk, "number": 1, "text": "Adopt it.", "public": "on"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert [e.verb for e in events_about(decision)] == ["decision.edited", "decision.recorded"]
    assert events_about(decision).first().changes == {
        "meeting": meetings.public.title,
        "public": "True",
        "text": "Adopt it.",
    }


def test_an_admin_who_is_not_secretariat_is_told_and_nothing_is_saved(meetings, people):
    people.gov_th.is_superuser = True
    people.gov_th.save(update_fields=["is_superuser"])
    thailand = Country.objects.get(code="TH")
    earlier = AuditEvent.objects.count()  # the fixtures' own (memberships granted)

    response = client_for(people, "gov_th").post(
        ADD_ACTION,
        _action_form(
            meetings.public,
            title="Typed by a superuser",
            due_date=timezone.localdate() + timedelta(days=7),
            country=thailand,
        ),
    )

    assert response.status_code == 200
    assert "Only the secretariat can do this." in response.content.decode()
    assert "Typed by a superuser" in response.content.decode()
    assert not ActionItem.objects.exists()
    assert not Decision.objects.exists()
    assert AuditEvent.objects.count() == earlier
