"""
Circulated minutes have a sign-off deadline (two weeks unless the secretariat picks a day);
`manage.py notify_sign_offs_due` tells the secretariat, once, which delegations are still
missing when it has passed.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings import actions
from portal.models import Notification
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

pytestmark = pytest.mark.django_db

TH = "Government delegates — Thailand"
KIND = "meetings.sign_off_missing"


@pytest.fixture
def secretariat(people):
    return viewer_for_user(people.secretariat, mfa_ok=True)


@pytest.fixture
def draft(meetings, secretariat):
    return actions.do_save_minutes(secretariat, meetings.public, "1. Opening.\n2. Protocol.")


def _run_command() -> str:
    out = StringIO()
    call_command("notify_sign_offs_due", stdout=out)
    return out.getvalue()


def _pass_deadline(minutes):
    minutes.sign_off_deadline = timezone.now() - timedelta(minutes=1)
    minutes.save(update_fields=["sign_off_deadline"])


def test_circulated_minutes_are_due_in_two_weeks_and_the_page_says_so(
    people, meetings, secretariat, draft
):
    before = timezone.now()
    actions.do_circulate_minutes(secretariat, draft)

    draft.refresh_from_db()
    assert before + timedelta(days=14) <= draft.sign_off_deadline
    assert draft.sign_off_deadline <= timezone.now() + timedelta(days=14)
    page = client_for(people, "gov_th").get(meetings.public.url).content.decode()
    assert "Sign-off due by" in page


def test_the_secretariat_picks_the_deadline_when_circulating(people, meetings, draft):
    day = (timezone.now() + timedelta(days=30)).date()

    client_for(people, "secretariat").post(
        f"/meetings/{meetings.public.pk}/minutes/circulate/",
        {"sign_off_deadline": day.isoformat()},
    )

    draft.refresh_from_db()
    assert draft.state == "circulated"
    assert timezone.localtime(draft.sign_off_deadline, meetings.public.venue_zone).date() == day


@pytest.mark.parametrize("typed", ["2001-01-01", "next Tuesday"])
def test_a_bad_deadline_is_refused_and_kept_on_the_page(people, meetings, draft, typed):
    response = client_for(people, "secretariat").post(
        f"/meetings/{meetings.public.pk}/minutes/circulate/", {"sign_off_deadline": typed}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "sign-off deadline" in page
    assert f'value="{typed}"' in page
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_nothing_is_sent_before_the_deadline(people, secretariat, draft):
    actions.do_circulate_minutes(secretariat, draft)

    _run_command()

    assert not Notification.objects.filter(kind=KIND).exists()


def test_at_the_deadline_the_secretariat_is_told_who_is_missing_once(
    people, meetings, secretariat, draft
):
    actions.do_circulate_minutes(secretariat, draft)
    actions.do_sign_off_minutes(
        viewer_for_user(people.gov_th, mfa_ok=True), draft, meetings.groups[TH]
    )
    _pass_deadline(draft)

    assert "Reported 1 " in _run_command()

    notification = Notification.objects.get(kind=KIND)
    assert notification.user == people.secretariat
    assert "Cambodia" in notification.title
    assert "Thailand" not in notification.title
    assert notification.url.endswith("#minutes")
    # A delegate is no staff: nothing for them.
    assert not Notification.objects.filter(kind=KIND, user=people.gov_th).exists()

    assert "Reported 0 " in _run_command()
    assert Notification.objects.filter(kind=KIND).count() == 1


def test_nothing_is_sent_when_every_delegation_signed(people, meetings, secretariat, draft):
    actions.do_circulate_minutes(secretariat, draft)
    actions.do_sign_off_minutes(
        viewer_for_user(people.gov_th, mfa_ok=True), draft, meetings.groups[TH]
    )
    actions.do_sign_off_minutes(
        viewer_for_user(people.gov_kh, mfa_ok=True),
        draft,
        meetings.groups["Government delegates — Cambodia"],
    )
    _pass_deadline(draft)

    _run_command()

    assert not Notification.objects.filter(kind=KIND).exists()
