import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from home.models import HomePage
from portal.demo import DEMO_TOTP_SECRET
from portal.models import User
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "secretariat@example.org",
    "gov.th@example.org",
    "cso@example.org",
    "youth@example.org",
    "moderator@example.org",
]


def test_seed_demo_is_idempotent(demo_site):
    pages_before = Page.objects.count()
    users_before = User.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    assert Page.objects.count() == pages_before
    assert User.objects.count() == users_before
    assert HomePage.objects.count() == 7


def test_every_role_has_a_demo_account_with_the_demo_password(client, demo_site, demo_password):
    for email in DEMO_EMAILS:
        assert client.login(email=email, password=demo_password), email
        client.logout()


def test_secretariat_reaches_the_wagtail_admin_with_its_second_factor(
    client, demo_site, demo_password
):
    sign_in(client, "secretariat@example.org", demo_password, totp_secret=DEMO_TOTP_SECRET)

    assert client.get("/admin/").status_code == 200


def test_other_roles_do_not_reach_the_wagtail_admin(client, demo_site, demo_password):
    sign_in(client, "cso@example.org", demo_password)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_seed_demo_refuses_where_demo_data_is_not_allowed(settings, db):
    settings.ALLOW_DEMO_DATA = False
    # (Other tests of this module share one seeded demo: count, rather than look for none.)
    accounts = User.objects.count()

    with pytest.raises(CommandError, match="refuses"):
        call_command("seed_demo", stdout=io.StringIO())

    assert User.objects.count() == accounts
