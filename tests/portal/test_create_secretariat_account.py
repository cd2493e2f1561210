"""The first secretariat account is created only with a working second factor."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import Membership, Role, User

pytestmark = pytest.mark.django_db

EMAIL = "officer@commit.example.org"
PASSWORD = "Mekong-river-2026-secretariat"


@pytest.fixture(autouse=True)
def site(monkeypatch):
    call_command("init_site", stdout=io.StringIO())
    monkeypatch.setenv("SECRETARIAT_PASSWORD", PASSWORD)


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_secretariat_account", EMAIL, *args, stdout=out)
    return out.getvalue()


def current_code(secret: str) -> str:
    # What an authenticator app shows now: RFC 6238 from the shared secret and the clock.
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_the_first_step_shows_a_secret_and_creates_nothing():
    output = run()

    assert re.search(r"secret: [A-Z2-7]{32}", output)
    assert "otpauth://totp/" in output
    assert not User.objects.exists()


def test_with_the_apps_code_the_account_exists_with_its_second_factor(client):
    secret = re.search(r"secret: (\S+)", run()).group(1)

    run("--secret", secret, "--code", current_code(secret))

    user = User.objects.get(email=EMAIL)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert Membership.objects.get(user=user).group.role == Role.SECRETARIAT
    assert user.check_password(PASSWORD)
    # Signing in asks for the second factor, not straight into the portal.
    response = client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert "/accounts/2fa/authenticate/" in response.url


def test_a_wrong_code_creates_nothing():
    secret = re.search(r"secret: (\S+)", run()).group(1)
    wrong = f"{(int(current_code(secret)) + 1) % 1_000_000:06d}"

    with pytest.raises(CommandError, match="does not match"):
        run("--secret", secret, "--code", wrong)
    with pytest.raises(CommandError, match="does not match"):
        run("--secret", secret)

    assert not User.objects.exists()


def test_a_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("SECRETARIAT_PASSWORD", "password")
    secret = re.search(r"secret: (\S+)", run()).group(1)

    with pytest.raises(CommandError, match="too common"):
        run("--secret", secret, "--code", current_code(secret))

    assert not User.objects.exists()
