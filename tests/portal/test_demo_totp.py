"""`manage.py demo_totp`: the demo secretariat's current second-factor code, in development only."""

import io

import pytest
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.demo import DEMO_TOTP_SECRET
from tests.factories import UserFactory


def demo_totp(*args) -> str:
    out = io.StringIO()
    call_command("demo_totp", *args, stdout=out)
    return out.getvalue().strip()


def test_the_printed_code_passes_the_secretariats_second_factor(
    portal_demo_data, client, demo_password
):
    code = demo_totp()
    assert validate_totp_code(DEMO_TOTP_SECRET, code)
    client.post("/accounts/login/", {"login": "secretariat@example.org", "password": demo_password})
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert not response["Location"].startswith("/accounts/2fa/")


def test_an_email_names_another_account(portal_demo_data):
    assert validate_totp_code(DEMO_TOTP_SECRET, demo_totp("SECRETARIAT@example.org"))


def test_an_account_without_totp_is_told_so(portal_demo_data):
    with pytest.raises(CommandError, match="has no TOTP authenticator"):
        demo_totp("cso@example.org")


def test_an_unknown_email_is_told_so(db):
    with pytest.raises(CommandError, match="No account with the email"):
        demo_totp("nobody@example.org")


def test_it_refuses_under_production_settings(settings, db):
    UserFactory(email="secretariat@example.org")
    settings.ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="refuses to run with these settings"):
        demo_totp()
