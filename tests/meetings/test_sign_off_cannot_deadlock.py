"""
Minutes sign-off cannot wait for ever: circulation is refused while a ticked delegation
has nobody able to sign, a delegate without a second factor is told what to do, the
sign-off button goes once signed, and a refused step sends the browser back to the page.
"""

import pytest

from meetings import actions
from meetings.models import Minutes
from portal.models import Country, Role, StakeholderGroup
from portal.permissions import viewer_for_user
from tests.meetings.conftest import _member, client_for

pytestmark = pytest.mark.django_db

TH = "Government delegates — Thailand"


@pytest.fixture
def secretariat(people):
    return viewer_for_user(people.secretariat, mfa_ok=True)


@pytest.fixture
def draft(meetings, secretariat):
    return actions.do_save_minutes(secretariat, meetings.public, "1. Opening.\n2. Protocol.")


def test_circulation_is_refused_for_a_delegation_with_no_delegate(meetings, secretariat, draft):
    laos = StakeholderGroup.objects.create(
        name="Government delegates — Lao PDR",
        role=Role.GOVERNMENT,
        country=Country.objects.create(code="LA", name="Lao PDR", is_commit_member=True),
    )
    meetings.public.delegations.add(laos)
    meetings.public.save()

    with pytest.raises(actions.ActionRefused, match=r"Lao PDR \(it has no approved delegate\)"):
        actions.do_circulate_minutes(secretariat, draft)

    draft.refresh_from_db()
    assert draft.state == Minutes.State.DRAFT


def test_circulation_is_refused_when_no_delegate_has_a_second_factor(
    portal_world, meetings, secretariat, draft
):
    laos = StakeholderGroup.objects.create(
        name="Government delegates — Lao PDR",
        role=Role.GOVERNMENT,
        country=Country.objects.create(code="LA", name="Lao PDR", is_commit_member=True),
    )
    _member({"LA": laos}, "LA")
    meetings.public.delegations.add(laos)
    meetings.public.save()

    with pytest.raises(actions.ActionRefused, match="two-factor authentication"):
        actions.do_circulate_minutes(secretariat, draft)


def test_the_refusal_is_said_on_the_page_and_the_browser_is_sent_back(
    people, meetings, secretariat, draft
):
    laos = StakeholderGroup.objects.create(
        name="Government delegates — Lao PDR",
        role=Role.GOVERNMENT,
        country=Country.objects.create(code="LA", name="Lao PDR", is_commit_member=True),
    )
    meetings.public.delegations.add(laos)
    meetings.public.save()
    client = client_for(people, "secretariat")

    response = client.post(f"/meetings/{meetings.public.pk}/minutes/circulate/", follow=True)

    assert response.redirect_chain[0][0].endswith("#minutes")
    assert "it has no approved delegate" in response.content.decode()


def test_a_refused_adopt_redirects_back_to_the_meeting(people, meetings, secretariat, draft):
    actions.do_circulate_minutes(secretariat, draft)
    client = client_for(people, "secretariat")

    response = client.post(f"/meetings/{meetings.public.pk}/minutes/adopt/")

    assert response.status_code == 302
    assert response["Location"].startswith(meetings.public.url)
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the sign-off of" in page


def test_the_sign_off_button_goes_once_signed(people, meetings, secretariat, draft):
    actions.do_circulate_minutes(secretariat, draft)
    client = client_for(people, "gov_th")
    assert "Sign off for" in client.get(meetings.public.url).content.decode()

    client.post(
        f"/meetings/{meetings.public.pk}/minutes/sign_off/",
        {"delegation": meetings.groups[TH].pk},
    )

    page = client.get(meetings.public.url).content.decode()
    assert "Sign off for" not in page
    assert "has signed off revision" in page


def test_a_delegate_without_a_second_factor_is_told_how_to_sign(
    people, meetings, secretariat, draft
):
    actions.do_circulate_minutes(secretariat, draft)

    page = client_for(people, "gov_th_no_mfa").get(meetings.public.url).content.decode()

    assert "To sign off or comment, set up two-factor authentication" in page
