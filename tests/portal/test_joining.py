"""A member asks to join a group; the secretariat decides; the member is told either way."""

import pytest
from django.core import mail

from portal.actions import ActionRefused, do_decide_membership, do_request_membership
from portal.audit import PortalVerb
from portal.models import AuditEvent, Membership, Organisation
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(portal_demo_data):
    return UserFactory(email="new.member@cso.example.org")


@pytest.fixture
def secretariat(demo_user):
    return viewer_for_user(demo_user("secretariat@example.org"), mfa_ok=True)


def sign_in_as_secretariat(client, demo_user):
    """The secretariat, signed in with its second factor used in the session."""
    secretariat = demo_user("secretariat@example.org")
    client.force_login(secretariat)
    session = client.session
    session[MFA_SESSION_KEY] = secretariat.pk
    session.save()
    return secretariat


def join_form(group, **overrides):
    return {"group": group.pk, "reason": "We run shelters in Battambang.", **overrides}


def test_a_member_asks_to_join_with_an_existing_organisation(client, member, group):
    client.force_login(member)
    organisation = Organisation.objects.get(name="Mekong Migrant Rights Network (demo)")

    response = client.post(
        "/me/join/", join_form(group("CSO members"), organisation=organisation.pk)
    )

    assert response.status_code == 302
    membership = Membership.objects.get(user=member)
    assert membership.status == Membership.Status.PENDING
    assert membership.organisation == organisation
    assert "CSO members" in client.get("/me/").content.decode()


def test_proposing_an_organisation_that_exists_suggests_the_match(client, member, group):
    client.force_login(member)

    response = client.post(
        "/me/join/",
        join_form(
            group("CSO members"),
            new_organisation_name="  mekong migrant RIGHTS network (demo) ",
            new_organisation_type="cso",
        ),
    )

    assert response.status_code == 400
    assert "is already registered" in response.content.decode()
    assert "Mekong Migrant Rights Network (demo)" in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


def test_a_proposed_organisation_is_created_unverified(client, member, group):
    client.force_login(member)

    client.post(
        "/me/join/",
        join_form(
            group("CSO members"),
            new_organisation_name="Lao Youth Safe Migration Club",
            new_organisation_type="youth",
        ),
    )

    organisation = Organisation.objects.get(name="Lao Youth Safe Migration Club")
    assert organisation.verified is False
    assert organisation.proposed_by == member
    assert Membership.objects.get(user=member).organisation == organisation


def test_government_and_cso_requests_need_an_organisation(client, member, group):
    client.force_login(member)

    response = client.post("/me/join/", join_form(group("Government delegates — Thailand")))

    assert response.status_code == 400
    assert "join for an organisation" in response.content.decode()


def test_asking_twice_is_refused_with_a_clear_message(client, member, group):
    do_request_membership(member, group("Youth delegates"), organisation=None, reason="Hi")
    client.force_login(member)

    response = client.post("/me/join/", join_form(group("Youth delegates")))

    assert response.status_code == 400
    assert "already asked to join" in response.content.decode()


def test_members_cannot_ask_for_invitation_only_groups(client, member, group):
    client.force_login(member)

    response = client.post("/me/join/", join_form(group("Secretariat")))

    assert response.status_code == 400
    assert not Membership.objects.filter(user=member).exists()


def test_approval_grants_access_and_emails_the_member(
    member, group, secretariat, django_capture_on_commit_callbacks
):
    membership = do_request_membership(
        member, group("Youth delegates"), organisation=None, reason="Campaigns"
    )

    with django_capture_on_commit_callbacks(execute=True):
        do_decide_membership(secretariat, membership, approve=True, message="Welcome!")

    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert membership.decided_by == secretariat.user
    assert membership.decided_at is not None
    assert viewer_for_user(member, mfa_ok=False).is_member
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "approved" in mail.outbox[0].body
    assert "Welcome!" in mail.outbox[0].body
    assert AuditEvent.objects.filter(
        verb=PortalVerb.MEMBERSHIP_APPROVED, subject=member, actor=secretariat.user
    ).exists()


def test_a_decline_needs_a_message_and_the_member_is_told(
    member, group, secretariat, django_capture_on_commit_callbacks
):
    membership = do_request_membership(
        member, group("Youth delegates"), organisation=None, reason="x"
    )

    with pytest.raises(ActionRefused, match="why"):
        do_decide_membership(secretariat, membership, approve=False, message="  ")

    with django_capture_on_commit_callbacks(execute=True):
        do_decide_membership(
            secretariat, membership, approve=False, message="Please apply through your CSO."
        )

    assert mail.outbox[0].to == [member.email]
    assert "not approved" in mail.outbox[0].body
    assert not viewer_for_user(member, mfa_ok=False).is_member


def test_only_the_secretariat_decides(member, group, demo_user):
    membership = do_request_membership(
        member, group("Youth delegates"), organisation=None, reason="x"
    )
    moderator = viewer_for_user(demo_user("moderator@example.org"), mfa_ok=True)

    with pytest.raises(ActionRefused):
        do_decide_membership(moderator, membership, approve=True)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_government_delegate_approval_through_the_admin_screen(
    client, member, group, demo_user, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.get(name__startswith="Thailand Ministry")
    membership = do_request_membership(
        member, group("Government delegates — Thailand"), organisation=organisation, reason="TF"
    )
    sign_in_as_secretariat(client, demo_user)

    listing = client.get("/admin/membership/requests/")
    assert member.email in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/membership/requests/{membership.pk}/",
            {"decision": "approve", "message": ""},
        )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert mail.outbox[0].to == [member.email]


def test_the_secretariat_verifies_a_proposed_organisation_on_the_request_page(
    client, member, group, demo_user
):
    client.force_login(member)
    client.post(
        "/me/join/",
        join_form(
            group("CSO members"),
            new_organisation_name="Lao Youth Safe Migration Club",
            new_organisation_type="youth",
        ),
    )
    membership = Membership.objects.get(user=member)
    secretariat = sign_in_as_secretariat(client, demo_user)

    page = client.get(f"/admin/membership/requests/{membership.pk}/").content.decode()
    assert "Verify the organisation the member proposed" in page
    response = client.post(
        f"/admin/membership/requests/{membership.pk}/",
        {"decision": "approve", "message": "", "verify_organisation": "on"},
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Lao Youth Safe Migration Club")
    assert organisation.verified is True
    assert AuditEvent.objects.filter(
        verb=PortalVerb.ORGANISATION_VERIFIED, actor=secretariat, target_id=str(organisation.pk)
    ).exists()


def test_declining_never_verifies_and_a_verified_organisation_is_not_offered(
    client, member, group, demo_user
):
    organisation = Organisation.objects.get(name="Mekong Migrant Rights Network (demo)")
    membership = do_request_membership(
        member, group("CSO members"), organisation=organisation, reason="Join"
    )
    sign_in_as_secretariat(client, demo_user)
    page = client.get(f"/admin/membership/requests/{membership.pk}/").content.decode()
    assert organisation.verified
    assert "Verify the organisation the member proposed" not in page
