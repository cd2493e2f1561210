"""Portal's own pages answer bad input (huge ids, junk, NUL bytes) with a 4xx, never a 500."""

import pytest

from portal.permissions import MFA_SESSION_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # far beyond 64 bits


@pytest.fixture
def secretariat_client(client, demo_user):
    user = demo_user("secretariat@example.org")
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()
    return client


@pytest.mark.parametrize(
    "path",
    [
        f"/admin/membership/requests/{HUGE}/",
        f"/admin/membership/members/{HUGE}/",
        f"/admin/membership/requests/?status=%00&p={HUGE}",
        f"/admin/membership/audit/?action=%00&p={HUGE}",
    ],
)
def test_membership_admin_answers_huge_ids_and_junk_with_a_4xx_or_a_page(secretariat_client, path):
    response = secretariat_client.get(path)

    assert response.status_code in (200, 404), path


@pytest.mark.parametrize("membership", [HUGE, "abc", "", "1\x00"])
def test_revoking_a_membership_that_is_not_there_is_a_404(
    secretariat_client, demo_user, membership
):
    member = demo_user("cso@example.org")

    response = secretariat_client.post(
        f"/admin/membership/members/{member.pk}/",
        {"action": "revoke", "membership": membership, "reason": "Testing"},
    )

    assert response.status_code == 404
    assert member.memberships.get().status == "approved"


@pytest.mark.parametrize("value", [HUGE, "-1", "abc", "1\x00"])
def test_joining_with_a_junk_group_or_organisation_is_a_form_error(client, group, value):
    client.force_login(UserFactory())

    by_group = client.post("/me/join/", {"group": value, "reason": "x"})
    by_organisation = client.post(
        "/me/join/", {"group": group("CSO members").pk, "organisation": value, "reason": "x"}
    )

    assert by_group.status_code == 400
    assert by_organisation.status_code == 400


@pytest.mark.parametrize("token", [HUGE, "%00", "a" * 5000, "..%2f..%2f"])
def test_a_junk_invitation_token_is_explained(client, portal_demo_data, token):
    response = client.get(f"/invitations/{token}/")

    assert response.status_code in (404, 410)


def test_a_profile_with_a_junk_country_is_a_form_error(client):
    client.force_login(UserFactory())

    response = client.post(
        "/me/profile/",
        {
            "display_name": "x",
            "preferred_language": "en",
            "country": HUGE,
            "notification_frequency": "daily",
        },
    )

    assert response.status_code == 400
