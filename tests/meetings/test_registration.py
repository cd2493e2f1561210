"""RSVP with capacity and deadline; the secretariat's list and exports."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from meetings.models import Registration
from tests.meetings.conftest import client_for


def _rsvp(client, meeting, response):
    return client.post(f"/meetings/{meeting.pk}/rsvp/", {"response": response})


@pytest.mark.django_db
def test_member_registers_and_sees_online_link(people, meetings):
    meetings.members.online_link = "https://meet.example.org/room-42"
    meetings.members.save_revision().publish()
    client = client_for(people, "cso")
    assert "room-42" not in client.get(meetings.members.url).content.decode()
    response = _rsvp(client, meetings.members, "online")
    assert response.status_code == 302
    page = client.get(meetings.members.url).content.decode()
    assert "Your answer: Attending online" in page
    assert "https://meet.example.org/room-42" in page
    # Someone who has not registered does not get the link.
    assert "room-42" not in client_for(people, "youth").get(meetings.members.url).content.decode()


@pytest.mark.django_db
def test_capacity_is_enforced_with_a_clear_message(people, meetings):
    meetings.public.capacity = 1
    meetings.public.save_revision().publish()
    assert _rsvp(client_for(people, "cso"), meetings.public, "attending").status_code == 302
    full = _rsvp(client_for(people, "youth"), meetings.public, "attending")
    assert full.status_code == 400
    assert (
        "All 1 seats in the room are taken. You can still attend online." in full.content.decode()
    )
    assert _rsvp(client_for(people, "youth"), meetings.public, "online").status_code == 302
    assert Registration.objects.filter(meeting=meetings.public).count() == 2


@pytest.mark.django_db
def test_deadline_is_enforced(people, meetings):
    meetings.public.registration_deadline = timezone.now() - timedelta(hours=1)
    meetings.public.save_revision().publish()
    response = _rsvp(client_for(people, "cso"), meetings.public, "attending")
    assert response.status_code == 400
    assert "Registration closed on" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("suspended", 400), ("pending", 302), ("cso", 404)],
)
def test_who_may_register_for_the_thai_or_public_meeting(persona, expected, people, meetings):
    meeting = meetings.thai if persona == "cso" else meetings.public
    response = _rsvp(client_for(people, persona), meeting, "attending")
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    registered = Registration.objects.filter(meeting=meeting).exists()
    assert registered is (persona == "pending")


@pytest.mark.django_db
def test_bad_response_value_is_refused(people, meetings):
    response = _rsvp(client_for(people, "cso"), meetings.public, "maybe")
    assert response.status_code == 400
    assert "Choose whether you attend" in response.content.decode()


@pytest.mark.django_db
def test_secretariat_lists_and_exports_registrations(people, meetings):
    _rsvp(client_for(people, "cso"), meetings.public, "attending")
    secretariat = client_for(people, "secretariat")
    listing = secretariat.get(f"/meetings/{meetings.public.pk}/registrations/")
    assert people.cso.email in listing.content.decode()
    csv = secretariat.get(f"/meetings/{meetings.public.pk}/registrations.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert people.cso.email in csv.content.decode()
    xlsx = secretariat.get(f"/meetings/{meetings.public.pk}/registrations.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=2).value == people.cso.email
    for persona in ("cso", "gov_th"):
        other = client_for(people, persona)
        assert other.get(f"/meetings/{meetings.public.pk}/registrations/").status_code == 404
        assert other.get(f"/meetings/{meetings.public.pk}/registrations.csv").status_code == 404


@pytest.mark.django_db
def test_registration_exports_neutralise_formulas_in_names(people, meetings):
    """A display name like "=cmd|..." is a classic CSV-injection payload (OWASP)."""
    people.cso.display_name = "=1+2"
    people.cso.save(update_fields=["display_name"])
    _rsvp(client_for(people, "cso"), meetings.public, "attending")
    secretariat = client_for(people, "secretariat")
    text = secretariat.get(f"/meetings/{meetings.public.pk}/registrations.csv").content
    assert "'=1+2" in text.decode("utf-8-sig")
    xlsx = secretariat.get(f"/meetings/{meetings.public.pk}/registrations.xlsx")
    name = load_workbook(io.BytesIO(xlsx.content)).active.cell(row=2, column=1)
    assert name.value == "=1+2"
    assert name.data_type == "s"
