"""
An organisation counts for a member only through an approved membership that names it.

Asking to join names an organisation, but until the secretariat approves, the member
neither speaks for it nor appears as one of its people. Declining or revoking takes back
whatever the membership gave.
"""

import re

import pytest
from django.core import mail

from portal.actions import (
    do_decide_membership,
    do_grant_membership,
    do_revoke_membership,
    do_send_invitation,
)
from portal.models import Membership, Organisation
from portal.permissions import viewer_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CSO_NAME = "Mekong Migrant Rights Network (demo)"


@pytest.fixture
def secretariat(demo_user):
    return viewer_for_user(demo_user("secretariat@example.org"), mfa_ok=True)


@pytest.fixture
def youth_delegate(group, secretariat):
    """An approved youth delegate with no organisation, as in the issue's reproduction."""
    user = UserFactory(email="delegate@youth.example.org")
    do_grant_membership(secretariat.user, user, group("Youth delegates"))
    return user


def my_organisation(client) -> str | None:
    """The organisation the member sees in their own data download."""
    return client.get("/me/data.json").json()["account"]["organisation"]


def ask_to_join_the_cso(client, group):
    organisation = Organisation.objects.get(name=CSO_NAME)
    response = client.post(
        "/me/join/",
        {"group": group("CSO members").pk, "organisation": organisation.pk, "reason": "Hi"},
    )
    assert response.status_code == 302
    return Membership.objects.get(group=group("CSO members"), user__email__startswith="delegate")


def test_a_pending_request_leaves_the_profile_organisation_unchanged(client, youth_delegate, group):
    client.force_login(youth_delegate)

    membership = ask_to_join_the_cso(client, group)

    assert membership.status == Membership.Status.PENDING
    assert membership.organisation.name == CSO_NAME  # what the secretariat decides on
    assert my_organisation(client) is None
    youth_delegate.refresh_from_db()
    assert youth_delegate.organisation is None


def test_approval_gives_the_organisation_through_the_membership(
    client, youth_delegate, group, secretariat
):
    client.force_login(youth_delegate)
    membership = ask_to_join_the_cso(client, group)

    do_decide_membership(secretariat, membership, approve=True)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert membership.organisation.name == CSO_NAME
    assert my_organisation(client) == CSO_NAME


def test_a_declined_request_gives_nothing(client, youth_delegate, group, secretariat):
    client.force_login(youth_delegate)
    membership = ask_to_join_the_cso(client, group)

    do_decide_membership(secretariat, membership, approve=False, message="Not a CSO member.")

    assert my_organisation(client) is None
    assert not viewer_for_user(youth_delegate, mfa_ok=True).group_ids & {group("CSO members").pk}


def test_revoking_the_membership_takes_the_organisation_back(
    client, youth_delegate, group, secretariat
):
    client.force_login(youth_delegate)
    membership = ask_to_join_the_cso(client, group)
    do_decide_membership(secretariat, membership, approve=True)

    do_revoke_membership(secretariat, membership, reason="Left the network.")

    assert my_organisation(client) is None
    assert "CSO members" not in {g.name for g in youth_delegate.groups.all()}


def test_asking_again_after_revocation_gives_nothing_until_approved(
    client, youth_delegate, group, secretariat
):
    client.force_login(youth_delegate)
    membership = ask_to_join_the_cso(client, group)
    do_decide_membership(secretariat, membership, approve=True)
    do_revoke_membership(secretariat, membership, reason="Left the network.")

    membership = ask_to_join_the_cso(client, group)

    assert membership.status == Membership.Status.PENDING
    assert my_organisation(client) is None


def test_another_approved_membership_keeps_its_organisation_after_a_revocation(
    client, group, secretariat
):
    cso = Organisation.objects.get(name=CSO_NAME)
    youth_group = Organisation.objects.get(name="Mekong Youth Voices (demo)")
    member = UserFactory()
    youth = group("Youth delegates")
    do_grant_membership(secretariat.user, member, youth, organisation=youth_group)
    cso_membership = do_grant_membership(
        secretariat.user, member, group("CSO members"), organisation=cso
    )
    client.force_login(member)
    assert my_organisation(client) == youth_group.name  # the first one stays

    do_revoke_membership(secretariat, Membership.objects.get(user=member, group=youth), reason="x")

    assert my_organisation(client) == CSO_NAME  # what the remaining membership names
    do_revoke_membership(secretariat, cso_membership, reason="x")
    assert my_organisation(client) is None


def test_an_accepted_invitation_gives_the_organisation_and_revocation_takes_it_back(
    client, group, secretariat, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.get(name=CSO_NAME)
    with django_capture_on_commit_callbacks(execute=True):
        do_send_invitation(
            secretariat,
            email="invitee@cso.example.org",
            group=group("CSO members"),
            organisation=organisation,
        )
    path = re.search(r"http://\S+(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    invitee = UserFactory(email="invitee@cso.example.org")
    client.force_login(invitee)

    client.post(path)

    assert my_organisation(client) == CSO_NAME
    membership = Membership.objects.get(user=invitee)
    do_revoke_membership(secretariat, membership, reason="Left the network.")
    assert my_organisation(client) is None
