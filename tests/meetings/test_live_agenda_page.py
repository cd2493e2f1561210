"""The live agenda without JavaScript: the secretariat's forms and the page after reload."""

import pytest

from portal.models import AuditEvent
from tests.meetings.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_secretariat_marks_the_current_item_and_members_see_it_on_reload(meetings, people):
    meeting = meetings.members
    protocol = meeting.agenda_items.get(number="2")
    secretariat = client_for(people, "secretariat")

    response = secretariat.post(f"/meetings/{meeting.pk}/agenda/current/", {"item": protocol.pk})
    assert response.status_code == 302

    page = client_for(people, "cso").get(meeting.url).content.decode()
    assert (
        f'id="agenda-item-{protocol.pk}" data-agenda-item="{protocol.pk}" aria-current="true"'
        in page
    )
    assert "Mark as current item" not in page
    assert AuditEvent.objects.filter(verb="agenda.current", actor=people.secretariat).exists()


def test_the_secretariat_records_an_outcome_shown_to_readers(meetings, people):
    meeting = meetings.public
    opening = meeting.agenda_items.get(number="1")
    response = client_for(people, "secretariat").post(
        f"/meetings/{meeting.pk}/agenda/{opening.pk}/outcome/",
        {"outcome": "Chair welcomed <b>all</b> delegations."},
    )
    assert response.status_code == 302
    page = client_for(people, "anonymous").get(meeting.url).content.decode()
    assert "Chair welcomed &lt;b&gt;all&lt;/b&gt; delegations." in page


def test_a_member_cannot_move_the_agenda(meetings, people):
    meeting = meetings.members
    item = meeting.agenda_items.get(number="1")
    cso = client_for(people, "cso")
    assert cso.post(f"/meetings/{meeting.pk}/agenda/current/", {"item": item.pk}).status_code == 404
    assert (
        cso.post(f"/meetings/{meeting.pk}/agenda/{item.pk}/outcome/", {"outcome": "x"}).status_code
        == 404
    )
    assert not AuditEvent.objects.filter(verb__startswith="agenda.").exists()


def test_an_unknown_item_re_renders_the_page_with_a_message(meetings, people):
    meeting = meetings.members
    other = meetings.public.agenda_items.get(number="1")
    response = client_for(people, "secretariat").post(
        f"/meetings/{meeting.pk}/agenda/current/", {"item": other.pk}
    )
    assert response.status_code == 400
    assert "Choose an item of this meeting" in response.content.decode()


def test_an_overlong_outcome_is_refused_with_a_message(meetings, people):
    meeting = meetings.members
    item = meeting.agenda_items.get(number="1")
    response = client_for(people, "secretariat").post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/outcome/", {"outcome": "x" * 6000}
    )
    assert response.status_code == 400
    assert "too long" in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == ""
