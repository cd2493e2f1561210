"""
The Wagtail admin shows every page, document and member whatever their privacy, so
anyone who may enter it needs their second factor used in this session — not only the
stakeholder roles that require one, but staff and superuser accounts and anyone given
admin access directly.
"""

import pytest
from django.contrib.auth.models import Permission

from portal.actions import do_grant_membership, do_reinstate_user, do_suspend_user
from portal.models import StakeholderGroup
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user, *, second_factor: bool):
    client.force_login(user)
    if second_factor:
        session = client.session
        session[MFA_SESSION_KEY] = user.pk
        session.save()
    return client


@pytest.mark.parametrize(
    "account",
    ["superuser", "admin access granted directly"],
)
def test_an_admin_account_without_a_stakeholder_role_needs_the_second_factor(
    client, portal_demo_data, account
):
    if account == "superuser":
        user = UserFactory(is_superuser=True, is_staff=True)
    else:
        user = UserFactory()
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    signed_in(client, user, second_factor=False)

    for path in ("/admin/", "/admin/pages/", "/admin/membership/audit/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/2fa/"), path


def test_with_the_second_factor_a_superuser_reaches_the_admin(client, portal_demo_data):
    user = UserFactory(is_superuser=True, is_staff=True)
    signed_in(client, user, second_factor=True)

    assert client.get("/admin/").status_code == 200


def test_a_member_without_admin_access_is_not_asked_for_a_factor_they_do_not_need(
    client, portal_demo_data
):
    member = UserFactory()
    signed_in(client, member, second_factor=False)

    response = client.get("/admin/")

    # Wagtail's own answer: sign in as someone who may use the admin.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_suspended_secretariat_member_loses_the_admin_and_gets_it_back_when_reinstated(
    client, demo_user
):
    secretariat = demo_user("secretariat@example.org")
    colleague = UserFactory()
    do_grant_membership(secretariat, colleague, StakeholderGroup.objects.get(name="Secretariat"))
    manager = viewer_for_user(secretariat, mfa_ok=True)
    do_suspend_user(manager, colleague, reason="Under review")
    signed_in(client, colleague, second_factor=True)

    assert client.get("/admin/").status_code == 302  # Wagtail: sign in as someone else

    do_reinstate_user(manager, colleague)
    assert client.get("/admin/").status_code == 200
