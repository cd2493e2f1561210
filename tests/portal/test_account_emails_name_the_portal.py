"""
Account emails (sign-up, password reset) are signed with the portal's name and address and
link to its canonical root, PORTAL_BASE_URL — never Django's "example.com", and never the
Host header a request happened to carry.
"""

import re

import pytest
from django.contrib.sites.models import Site
from django.core import mail

from portal.actions import do_sync_sites_record
from tests.portal.test_accounts import SIGNUP

pytestmark = pytest.mark.django_db

ROOT = "https://commit.example.net:8443"


def test_the_sites_record_names_the_portal_after_migrate(settings):
    site = Site.objects.get(pk=settings.SITE_ID)

    assert site.domain != "example.com"
    assert site.name == "COMMIT Portal"


def test_the_sites_record_follows_the_base_url(settings):
    settings.PORTAL_BASE_URL = ROOT

    do_sync_sites_record()

    assert Site.objects.get_current().domain == "commit.example.net:8443"


def test_the_sign_up_email_is_signed_by_the_portal_and_links_to_its_root(
    client, portal_demo_data, settings
):
    settings.PORTAL_BASE_URL = ROOT

    client.post("/accounts/signup/", SIGNUP)

    body = mail.outbox[0].body
    assert "example.com" not in body
    assert "COMMIT Portal" in body
    assert "commit.example.net:8443" in body
    assert re.search(rf"{re.escape(ROOT)}/accounts/confirm-email/\S+/", body)
    assert "testserver" not in body


def test_the_password_reset_email_links_to_the_portal_root(client, portal_demo_data, settings):
    settings.PORTAL_BASE_URL = ROOT

    client.post("/accounts/password/reset/", {"email": "cso@example.org"})

    body = mail.outbox[0].body
    assert f"{ROOT}/accounts/password/reset/key/" in body
    assert "example.com" not in body
