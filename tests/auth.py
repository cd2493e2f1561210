"""Signing in as a person does: through allauth's forms, with a second factor when needed."""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from portal.demo import DEMO_TOTP_SECRET


def current_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in(client, email: str, password: str, *, totp_secret: str | None = None):
    """Sign in through /accounts/login/ (and the second-factor step). Returns the last response."""
    response = client.post("/accounts/login/", {"login": email, "password": password})
    if totp_secret is not None:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"].startswith("/accounts/2fa/authenticate/")
        response = client.post(
            "/accounts/2fa/authenticate/", {"code": current_totp_code(totp_secret)}
        )
    return response
