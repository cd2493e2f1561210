"""
The staff home: the admin dashboard and My portal show what is waiting for each staff
role, linking to where the work is done; safeguarding cases only to safeguarding leads.
"""

import pytest

from forums.models import Flag, Forum, Post, SafeguardingCase, Thread
from portal.actions import do_request_membership
from portal.models import AccessLevel, Membership
from portal.permissions import MFA_SESSION_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(client, demo_user, email):
    user = demo_user(email)
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()
    return client


@pytest.fixture
def waiting_work(portal_demo_data, group, demo_user):
    applicant = UserFactory(email="applicant@example.org", display_name="Sokha Applicant")
    do_request_membership(applicant, group("CSO members"), organisation=None, reason="CSO work")
    forum = Forum.objects.create(name="General", slug="general", access_level=AccessLevel.PUBLIC)
    author = demo_user("cso@example.org")
    thread = Thread.objects.create(forum=forum, title="Campaign ideas", author=author)
    post = Post.objects.create(thread=thread, author=author, body="Hello", body_html="<p>Hello</p>")
    reporter = demo_user("youth@example.org")
    Flag.objects.create(post=post, flagged_by=reporter, reason=Flag.Reason.SPAM)
    concern = Flag.objects.create(post=post, flagged_by=reporter, reason=Flag.Reason.SAFEGUARDING)
    case = SafeguardingCase.objects.create(flag=concern, post=post)
    return Membership.objects.get(user=applicant), case


def test_the_secretariat_dashboard_links_a_join_request_to_its_decision(
    client, demo_user, waiting_work
):
    membership, _case = waiting_work
    _signed_in(client, demo_user, "secretariat@example.org")

    page = client.get("/admin/").content.decode()

    assert "Waiting for you" in page
    assert "Sokha Applicant asks to join CSO members" in page
    assert f'href="/admin/membership/requests/{membership.pk}/"' in page


def test_a_moderator_sees_flags_but_no_safeguarding_case(client, demo_user, waiting_work):
    _signed_in(client, demo_user, "moderator@example.org")

    page = client.get("/admin/").content.decode()

    assert "1 open flags in the moderation queue" in page
    assert 'href="/forums/moderation/"' in page
    assert "Safeguarding case" not in page
    assert "asks to join" not in page


def test_a_safeguarding_lead_sees_the_case_on_the_dashboard_and_in_the_menu(
    client, demo_user, waiting_work
):
    _membership, case = waiting_work
    _signed_in(client, demo_user, "safeguarding@example.org")

    page = client.get("/admin/").content.decode()

    assert f'href="/forums/safeguarding/{case.pk}/"' in page
    assert "Safeguarding queue" in page


def test_my_portal_shows_staff_the_same_list(client, demo_user, waiting_work):
    _signed_in(client, demo_user, "secretariat@example.org")

    page = client.get("/me/").content.decode()

    assert "Sokha Applicant asks to join CSO members" in page
    assert 'href="/admin/"' in page


def test_members_see_no_staff_list(client, demo_user, waiting_work):
    client.force_login(demo_user("cso@example.org"))

    page = client.get("/me/").content.decode()

    assert "asks to join" not in page
    assert "Staff work" not in page
