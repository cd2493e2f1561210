"""
The secretariat may adopt minutes a delegation never signed off only by saying why: the
reason is kept per missing delegation, audited, and shown with the minutes to their
readers. Without a reason the adoption is refused and what was typed stays on the page.
"""

import pytest

from meetings import actions
from meetings.models import Minutes
from portal.audit import events_about
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

pytestmark = pytest.mark.django_db

TH = "Government delegates — Thailand"
KH = "Government delegates — Cambodia"
REASON = "Cambodia's delegation confirmed by letter; its delegate left the ministry."


@pytest.fixture
def secretariat(people):
    return viewer_for_user(people.secretariat, mfa_ok=True)


@pytest.fixture
def circulated(people, meetings, secretariat):
    """Minutes signed off by Thailand only; Cambodia's sign-off is missing."""
    minutes = actions.do_save_minutes(secretariat, meetings.public, "1. Opening.\n2. Protocol.")
    actions.do_circulate_minutes(secretariat, minutes)
    actions.do_sign_off_minutes(
        viewer_for_user(people.gov_th, mfa_ok=True), minutes, meetings.groups[TH]
    )
    return minutes


def test_adoption_without_a_reason_is_refused_and_names_the_missing_delegation(
    circulated, secretariat
):
    with pytest.raises(actions.ActionRefused, match=r"Cambodia.*give the reason"):
        actions.do_adopt_minutes(secretariat, circulated, reason="   ")

    circulated.refresh_from_db()
    assert circulated.state == Minutes.State.CIRCULATED
    assert not circulated.waivers.exists()


def test_adoption_with_a_reason_records_the_missing_delegation_and_audits_it(
    people, meetings, circulated, secretariat
):
    actions.do_adopt_minutes(secretariat, circulated, reason=REASON)

    circulated.refresh_from_db()
    assert circulated.state == Minutes.State.ADOPTED
    waiver = circulated.waivers.get()
    assert waiver.delegation == meetings.groups[KH]
    assert waiver.reason == REASON
    assert waiver.recorded_by == people.secretariat
    event = events_about(circulated).get(verb="minutes.adopted_without_sign_off")
    assert event.reason == REASON
    assert event.actor == people.secretariat
    assert event.changes["without"] == [KH]


def test_a_reason_given_when_every_delegation_signed_is_not_recorded(
    people, meetings, circulated, secretariat
):
    actions.do_sign_off_minutes(
        viewer_for_user(people.gov_kh, mfa_ok=True), circulated, meetings.groups[KH]
    )

    actions.do_adopt_minutes(secretariat, circulated, reason=REASON)

    assert not circulated.waivers.exists()
    assert not events_about(circulated).filter(verb="minutes.adopted_without_sign_off").exists()


def test_the_page_offers_adoption_with_a_reason_and_shows_it_to_readers_afterwards(
    people, meetings, circulated
):
    client = client_for(people, "secretariat")
    page = client.get(meetings.public.url).content.decode()
    assert "Still waiting for the sign-off of: Government delegates — Cambodia" in page
    assert 'name="reason"' in page

    response = client.post(
        f"/meetings/{meetings.public.pk}/minutes/adopt/", {"reason": REASON}, follow=True
    )

    assert "missing sign-offs and your reason are recorded" in response.content.decode()
    delegate_page = client_for(people, "gov_th").get(meetings.public.url).content.decode()
    assert "Adopted without the sign-off of Government delegates — Cambodia" in delegate_page
    assert "delegate left the ministry" in delegate_page


def test_a_refusal_keeps_the_typed_reason_on_the_page(people, meetings, circulated):
    client = client_for(people, "secretariat")

    response = client.post(
        f"/meetings/{meetings.public.pk}/minutes/adopt/", {"reason": "Too long " * 300}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The reason is too long" in page
    assert "Too long Too long" in page
    circulated.refresh_from_db()
    assert circulated.state == Minutes.State.CIRCULATED


def test_an_empty_reason_is_refused_with_a_clear_message(people, meetings, circulated):
    client = client_for(people, "secretariat")

    response = client.post(
        f"/meetings/{meetings.public.pk}/minutes/adopt/", {"reason": ""}, follow=True
    )

    assert "To adopt without it, give the reason" in response.content.decode()
    circulated.refresh_from_db()
    assert circulated.state == Minutes.State.CIRCULATED


def test_a_delegate_cannot_adopt_even_with_a_reason(people, meetings, circulated):
    client_for(people, "gov_th").post(
        f"/meetings/{meetings.public.pk}/minutes/adopt/", {"reason": REASON}
    )

    circulated.refresh_from_db()
    assert circulated.state == Minutes.State.CIRCULATED
    assert not circulated.waivers.exists()
