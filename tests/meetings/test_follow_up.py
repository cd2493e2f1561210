"""Decisions, actions, the open-actions view and due reminders."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings import actions
from portal.models import Country, Notification, Organisation
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for


@pytest.fixture
def secretariat(people):
    return viewer_for_user(people.secretariat, mfa_ok=True)


@pytest.mark.django_db
def test_decisions_are_numbered_per_meeting(meetings, secretariat):
    first = actions.do_record_decision(secretariat, meetings.public, "Adopt the protocol.")
    second = actions.do_record_decision(secretariat, meetings.public, "Meet again.")
    other = actions.do_record_decision(secretariat, meetings.thai, "Review figures.")
    assert (first.number, second.number, other.number) == (1, 2, 1)


@pytest.mark.django_db
def test_assignment_notifies_owners_who_may_see_the_meeting(people, meetings, secretariat):
    thailand = Country.objects.get(code="TH")
    actions.do_assign_action(
        secretariat,
        meetings.thai,
        title="Send referral figures",
        due_date=timezone.localdate() + timedelta(days=3),
        owner_country=thailand,
    )
    notified = set(
        Notification.objects.filter(kind="meetings.action_assigned").values_list("user", flat=True)
    )
    # The delegate without a second factor may not see the Thai meeting in the background.
    assert notified == {people.gov_th.pk}


@pytest.mark.django_db
def test_action_needs_exactly_one_owner(meetings, secretariat):
    with pytest.raises(actions.ActionRefused, match="one owner"):
        actions.do_assign_action(
            secretariat, meetings.public, title="x", due_date=timezone.localdate()
        )


@pytest.mark.django_db
def test_open_actions_view_filters_and_highlights_overdue(people, meetings, secretariat):
    organisation = Organisation.objects.create(name="Mekong CSO", type="cso")
    announced = actions.do_record_decision(secretariat, meetings.public, "Act now.", public=True)
    actions.do_assign_action(
        secretariat,
        meetings.public,
        title="Public overdue action",
        due_date=timezone.localdate() - timedelta(days=2),
        owner_organisation=organisation,
        decision=announced,
    )
    actions.do_assign_action(
        secretariat,
        meetings.thai,
        title="Thai confidential action",
        due_date=timezone.localdate() + timedelta(days=20),
        owner_country=Country.objects.get(code="TH"),
    )
    anonymous = client_for(people, "anonymous").get("/meetings/actions/").content.decode()
    assert "Public overdue action" in anonymous
    assert 'class="overdue"' in anonymous
    assert "Thai confidential action" not in anonymous
    assert (
        "Thai confidential action"
        not in client_for(people, "gov_kh").get("/meetings/actions/").content.decode()
    )
    assert (
        "Thai confidential action"
        in client_for(people, "gov_th").get("/meetings/actions/").content.decode()
    )


@pytest.mark.django_db
def test_notify_due_actions_reminds_once(people, meetings, secretariat):
    people.cso.organisation = Organisation.objects.create(name="Mekong CSO", type="cso")
    people.cso.save()
    actions.do_assign_action(
        secretariat,
        meetings.public,
        title="Due soon",
        due_date=timezone.localdate() + timedelta(days=2),
        owner_organisation=people.cso.organisation,
    )
    actions.do_assign_action(
        secretariat,
        meetings.public,
        title="Due much later",
        due_date=timezone.localdate() + timedelta(days=60),
        owner_organisation=people.cso.organisation,
    )
    out = io.StringIO()
    call_command("notify_due_actions", stdout=out)
    assert "1 action(s)" in out.getvalue()
    call_command("notify_due_actions", stdout=io.StringIO())
    reminders = Notification.objects.filter(user=people.cso, kind="meetings.action_due")
    assert [n.body for n in reminders] == ["Due soon"]
