"""Secretariat invitations: single-use, expiring links that make the invitee a member."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from portal.actions import do_send_invitation
from portal.models import Invitation, Membership
from portal.permissions import viewer_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(demo_user, group, django_capture_on_commit_callbacks):
    secretariat = viewer_for_user(demo_user("secretariat@example.org"), mfa_ok=True)

    def send(email="researcher@university.example.org", name="CSO members"):
        with django_capture_on_commit_callbacks(execute=True):
            invitation, _token = do_send_invitation(
                secretariat, email=email, group=group(name), message="Join our network."
            )
        link = re.search(r"http://\S+/invitations/(\S+)/", mail.outbox[-1].body)
        return invitation, f"/invitations/{link.group(1)}/"

    return send


def test_the_invitation_email_carries_a_working_link(client, invite):
    invitation, path = invite()
    invitee = UserFactory(email="researcher@university.example.org")
    client.force_login(invitee)

    assert mail.outbox[0].to == ["researcher@university.example.org"]
    assert "Join our network." in mail.outbox[0].body
    assert client.get(path).status_code == 200
    response = client.post(path)

    assert response.status_code == 302
    membership = Membership.objects.get(user=invitee)
    assert membership.status == Membership.Status.APPROVED
    assert membership.group == invitation.group


def test_an_invitation_works_once(client, invite):
    _invitation, path = invite()
    client.force_login(UserFactory(email="researcher@university.example.org"))
    client.post(path)
    client.force_login(UserFactory())

    response = client.post(path)

    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_an_expired_invitation_says_so(client, invite):
    invitation, path = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(UserFactory())

    response = client.post(path)

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(
        group=invitation.group, user__email__startswith="member"
    ).exists()


def test_a_mangled_link_is_explained(client, portal_demo_data):
    response = client.get("/invitations/not-a-real-token/")

    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_an_anonymous_visitor_is_asked_to_sign_in_or_sign_up(client, invite):
    _invitation, path = invite()

    html = client.get(path).content.decode()

    assert "/accounts/login/?next=" in html
    assert "/accounts/signup/?next=" in html


def test_only_a_hash_of_the_token_is_stored(invite):
    invitation, path = invite()

    token = path.split("/")[2]
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64


def test_a_forwarded_invitation_gives_nothing_to_another_account(client, invite):
    """The link is a bearer token: only the invited address may use it."""
    invitation, path = invite(name="CSO members")
    stranger = UserFactory(email="someone.else@example.org")
    client.force_login(stranger)

    response = client.post(path)

    assert response.status_code == 410
    assert "This invitation was sent to researcher@university.example.org" in (
        response.content.decode()
    )
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_to_a_second_confirmed_address_of_the_account_works(client, invite):
    invitation, path = invite()
    member = UserFactory(email="personal@example.org")
    EmailAddress.objects.create(
        user=member, email="Researcher@University.example.org", verified=True, primary=False
    )
    unconfirmed = UserFactory(email="other@example.org")
    EmailAddress.objects.create(
        user=unconfirmed, email="researcher@university.example.org", verified=False
    )
    client.force_login(unconfirmed)
    assert client.post(path).status_code == 410

    client.force_login(member)
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user=member).group == invitation.group
