"""Accounts through django-allauth: sign-up with email verification, sign-in, limits."""

import re

import pytest
from django.core import mail

from portal.models import User
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new.member@example.org",
    "password1": "a-long-pass-phrase-2026",
    "password2": "a-long-pass-phrase-2026",
}


def test_the_youth_demo_account_signs_in_and_sees_my_portal(
    client, portal_demo_data, demo_password
):
    response = sign_in(client, "youth@example.org", demo_password)

    assert response.status_code == 302
    my_portal = client.get("/me/")
    assert my_portal.status_code == 200
    assert "Youth delegates" in my_portal.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in_from_my_portal(client, portal_demo_data):
    response = client.get("/me/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/me/"


def test_sign_up_needs_a_verified_email_address(client, portal_demo_data):
    response = client.post("/accounts/signup/", SIGNUP)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm-email/")
    assert client.get("/me/").status_code == 302  # not signed in before verifying
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    confirm_path = link.split("://", 1)[1].split("/", 1)[1]
    client.post(f"/{confirm_path}")

    assert client.get("/me/").status_code == 200


def test_signing_up_takes_the_language_of_the_page(client, portal_demo_data):
    client.post("/th/accounts/signup/", SIGNUP)

    assert User.objects.get(email="new.member@example.org").preferred_language == "th"


def test_an_email_address_already_in_use_does_not_create_a_second_account(client, portal_demo_data):
    client.post("/accounts/signup/", {**SIGNUP, "email": "cso@example.org"})

    assert User.objects.filter(email="cso@example.org").count() == 1


def test_repeated_wrong_passwords_are_rate_limited_with_a_message(client, portal_demo_data):
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": "cso@example.org", "password": "wrong"})

    response = client.post("/accounts/login/", {"login": "cso@example.org", "password": "wrong"})

    assert (
        response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    )


def test_account_pages_use_the_portal_layout_and_the_readers_language(client, portal_demo_data):
    html = client.get("/th/accounts/login/").content.decode()

    assert '<html lang="th"' in html
    assert 'class="skip-link"' in html
    assert "ลงชื่อเข้าใช้" in html  # allauth's own Thai catalog: "Sign In"


def test_wagtail_admin_sign_in_goes_through_the_portal(client, portal_demo_data):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
