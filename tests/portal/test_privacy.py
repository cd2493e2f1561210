import json

import pytest

from portal.actions import do_delete_account
from portal.audit import PortalVerb
from portal.models import AuditEvent, Membership, User

pytestmark = pytest.mark.django_db


def test_download_my_data_returns_my_account_and_memberships(client, demo_user):
    youth = demo_user("youth@example.org")
    client.force_login(youth)

    response = client.get("/me/data.json")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "youth@example.org"
    assert data["account"]["pseudonym"] == "MekongDreamer"
    assert [m["group"] for m in data["memberships"]] == ["Youth delegates"]


def test_deleting_an_account_needs_the_password(client, demo_user):
    client.force_login(demo_user("cso@example.org"))

    response = client.post("/me/delete/", {"password": "wrong"})

    assert response.status_code == 400
    assert User.objects.get(email="cso@example.org").is_active


def test_a_deleted_account_keeps_no_personal_data_and_shows_as_former_member(
    client, demo_user, demo_password
):
    cso = demo_user("cso@example.org")
    client.force_login(cso)

    response = client.post("/me/delete/", {"password": demo_password})

    assert response.status_code == 302
    cso.refresh_from_db()
    assert cso.email.endswith("@invalid.example")
    assert cso.display_name == ""
    assert cso.public_name == "Former member"
    assert not cso.is_active
    assert not cso.has_usable_password()
    assert not Membership.objects.filter(user=cso, status=Membership.Status.APPROVED).exists()
    assert AuditEvent.objects.filter(verb=PortalVerb.ACCOUNT_DELETED).exists()
    assert not client.login(email="cso@example.org", password=demo_password)


def test_the_organisation_stays_when_its_member_leaves(demo_user):
    cso = demo_user("cso@example.org")
    organisation = cso.organisation

    do_delete_account(cso)

    organisation.refresh_from_db()
    assert organisation.pk is not None
