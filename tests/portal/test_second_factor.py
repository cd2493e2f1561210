"""Secretariat, government, moderator and safeguarding roles count only after a second factor."""

import pytest
from allauth.mfa.models import Authenticator

from portal.audit import PortalVerb
from portal.demo import DEMO_TOTP_SECRET
from portal.models import AuditEvent
from portal.permissions import viewer_for_user
from tests.auth import current_totp_code, sign_in

pytestmark = pytest.mark.django_db


def test_secretariat_sign_in_asks_for_the_second_factor(client, portal_demo_data, demo_password):
    response = sign_in(client, "secretariat@example.org", demo_password)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/me/").status_code == 302  # not signed in until the code is given


def test_a_wrong_code_is_refused_with_a_message(client, portal_demo_data, demo_password):
    sign_in(client, "secretariat@example.org", demo_password)

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()


def test_with_the_code_the_secretariat_reaches_the_admin(client, portal_demo_data, demo_password):
    sign_in(client, "secretariat@example.org", demo_password, totp_secret=DEMO_TOTP_SECRET)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/membership/requests/").status_code == 200


def test_a_delegate_without_a_second_factor_is_asked_to_set_one_up(
    client, portal_demo_data, demo_password
):
    sign_in(client, "gov.th@example.org", demo_password)

    my_portal = client.get("/me/").content.decode()
    response = client.get("/admin/")

    assert "Set up two-factor authentication" in my_portal
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


# allauth announces a new authenticator after commit: a transactional test lets it fire
# inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_setting_up_totp_counts_for_the_session_and_is_audited(
    client, portal_demo_data, demo_password, demo_user
):
    sign_in(client, "gov.th@example.org", demo_password)
    # allauth asks for the password again before a second factor is added.
    client.post("/accounts/reauthenticate/", {"password": demo_password})
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret

    response = client.post("/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})

    assert response.status_code == 302
    delegate = demo_user("gov.th@example.org")
    assert Authenticator.objects.filter(user=delegate, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(verb=PortalVerb.MFA_ADDED, subject=delegate).exists()
    assert "Set up two-factor authentication" not in client.get("/me/").content.decode()


def test_background_work_counts_roles_only_for_accounts_with_a_second_factor(demo_user):
    delegate = viewer_for_user(demo_user("gov.th@example.org"), mfa_ok=False)

    assert delegate.needs_mfa
    assert "TH" not in delegate.government_countries
