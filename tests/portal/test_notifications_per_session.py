"""
A notification is rendered for the session reading it, not for the member it was written for.

Notifications are written for a member with all their rights (background work counts a
second factor the member has). A session that signed in with the password alone must not
read what those rights reveal: the list, the data download and the dashboard show that a
notification is waiting, not what it says, until the second factor is used.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from wagtail.models import Page, PageViewRestriction

from portal.actions import do_decide_membership, do_request_membership, do_revoke_membership
from portal.demo import DEMO_TOTP_SECRET
from portal.notifications import notify, send_digests
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Invitation: SOM closed session on the Thai–Cambodian MoU"
SECRET_BODY = "Draft position paper attached"


@pytest.fixture
def delegate(demo_user):
    """A Thai government delegate who has a second factor."""
    user = demo_user("gov.th@example.org")
    TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


@pytest.fixture
def restricted_page(group):
    """A page only the Thai delegation may see (Wagtail page privacy by group)."""
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title=SECRET_TITLE, slug="som-closed-session"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group("Government delegates — Thailand").auth_group)
    return page


def password_only(client, user):
    client.force_login(user)  # signed in, the second factor not used in this session


def with_second_factor(client, user):
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()


def test_a_password_only_session_sees_that_a_notification_waits_not_what_it_says(client, delegate):
    notify(delegate, "meetings.invitation", SECRET_TITLE, SECRET_BODY, "/meetings/som/")
    password_only(client, delegate)

    page = client.get("/me/notifications/").content.decode()

    assert SECRET_TITLE not in page
    assert SECRET_BODY not in page
    assert "/meetings/som/" not in page
    assert "sign in with your second factor to read it" in page
    assert "1 unread notification" in client.get("/me/").content.decode()


def test_with_the_second_factor_the_notification_reads_in_full(client, delegate):
    notify(delegate, "meetings.invitation", SECRET_TITLE, SECRET_BODY, "/meetings/som/")
    with_second_factor(client, delegate)

    page = client.get("/me/notifications/").content.decode()

    assert SECRET_TITLE in page
    assert SECRET_BODY in page
    assert "/meetings/som/" in page


def test_a_notification_about_a_page_follows_who_may_see_the_page_now(
    client, delegate, restricted_page, group, demo_user
):
    notify(
        delegate,
        "meetings.invitation",
        SECRET_TITLE,
        url=restricted_page.url,
        about=restricted_page,
    )
    with_second_factor(client, delegate)
    assert SECRET_TITLE in client.get("/me/notifications/").content.decode()

    secretariat = viewer_for_user(demo_user("secretariat@example.org"), mfa_ok=True)
    do_revoke_membership(secretariat, delegate.memberships.get(), reason="Left the ministry.")
    page = client.get("/me/notifications/").content.decode()

    assert SECRET_TITLE not in page
    assert "something you can no longer see" in page


def test_a_notification_about_something_anyone_may_see_reads_in_full_without_the_factor(
    client, delegate, demo_user, group
):
    # The member's own membership decision reveals nothing restricted.
    secretariat = viewer_for_user(demo_user("secretariat@example.org"), mfa_ok=True)
    membership = do_request_membership(
        delegate, group("Youth delegates"), organisation=None, reason="Youth campaigns"
    )
    do_decide_membership(secretariat, membership, approve=False, message="Adults only here.")
    password_only(client, delegate)

    page = client.get("/me/notifications/").content.decode()

    assert "Adults only here." in page


def test_members_without_restricted_roles_read_their_notifications_as_before(client):
    member = UserFactory()
    notify(member, "forums.reply", "New reply in “Safe migration campaign”", url="/forums/t/1/")
    password_only(client, member)

    assert "Safe migration campaign" in client.get("/me/notifications/").content.decode()


def test_my_data_from_a_password_only_session_leaves_restricted_notifications_out(client, delegate):
    notify(delegate, "meetings.invitation", SECRET_TITLE, SECRET_BODY, "/meetings/som/")
    password_only(client, delegate)

    data = client.get("/me/data.json").json()

    assert [item["title"] for item in data["notifications"]] == [
        "A notification about restricted material — sign in with your second factor to read it."
    ]
    assert SECRET_BODY not in str(data)
    with_second_factor(client, delegate)
    assert client.get("/me/data.json").json()["notifications"][0]["title"] == SECRET_TITLE


def test_the_digest_leaves_out_a_notification_whose_subject_the_member_no_longer_sees(
    delegate, restricted_page, demo_user, mailoutbox
):
    """Between notify() and the daily digest the member lost the right to see the page."""
    delegate.notification_frequency = "daily"
    delegate.save(update_fields=["notification_frequency"])
    notify(delegate, "meetings.invitation", SECRET_TITLE, about=restricted_page)
    notify(delegate, "portal.notice", "Welcome to the portal")
    secretariat = viewer_for_user(demo_user("secretariat@example.org"), mfa_ok=True)
    do_revoke_membership(secretariat, delegate.memberships.get(), reason="Left the ministry.")
    mailoutbox.clear()

    assert send_digests("daily") == 1

    digest = mailoutbox[0].body
    assert "Welcome to the portal" in digest
    assert SECRET_TITLE not in digest
    assert not delegate.notifications.filter(emailed_at__isnull=True).exists()
