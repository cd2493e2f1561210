"""
Who can reach what. Every role against every restricted resource of membership and access;
later issues add their resources to their own matrices.
"""

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import HomePage, StandardPage
from portal.models import Membership
from portal.permissions import MFA_SESSION_KEY
from tests.portal.factories import member_of

pytestmark = pytest.mark.django_db

# role name -> (email of a demo account or None, second factor used in the session?)
ROLES = {
    "anonymous": (None, False),
    "pending request": ("pending@example.org", False),
    "cso member": ("cso@example.org", False),
    "youth delegate": ("youth@example.org", False),
    "government TH with MFA": ("gov.th@example.org", True),
    "government TH without MFA": ("gov.th@example.org", False),
    "government KH with MFA": ("gov.kh@example.org", True),
    "moderator with MFA": ("moderator@example.org", True),
    "secretariat with MFA": ("secretariat@example.org", True),
    "secretariat without MFA": ("secretariat@example.org", False),
    "suspended cso member": ("suspended@example.org", False),
}

ALLOWED = "allowed"
LOGIN = "sent to sign in"
REFUSED = "refused"
SECOND_FACTOR = "asked for second factor"
# Staff who may enter the admin (moderators, for their queues) but not this screen.
ADMIN_HOME = "redirected to /admin/"

# resource -> expected outcome per role; a role not listed is REFUSED.
MATRIX = {
    "my portal": {
        "anonymous": LOGIN,
        **{role: ALLOWED for role in ROLES if role != "anonymous"},
    },
    # Wagtail sends anyone without admin access to sign in (as someone else), and staff
    # with admin access but not this screen back to the admin's home.
    "membership requests (admin)": {
        **dict.fromkeys(ROLES, LOGIN),
        "moderator with MFA": ADMIN_HOME,
        "government TH without MFA": SECOND_FACTOR,
        "secretariat without MFA": SECOND_FACTOR,
        "secretariat with MFA": ALLOWED,
    },
    "audit trail (admin)": {
        **dict.fromkeys(ROLES, LOGIN),
        "moderator with MFA": ADMIN_HOME,
        "government TH without MFA": SECOND_FACTOR,
        "secretariat without MFA": SECOND_FACTOR,
        "secretariat with MFA": ALLOWED,
    },
    "page private to Thailand's delegation": {
        "anonymous": LOGIN,
        "government TH with MFA": ALLOWED,
        "government TH without MFA": SECOND_FACTOR,
        "secretariat with MFA": ALLOWED,
        "secretariat without MFA": SECOND_FACTOR,
    },
    "page for signed-in members": {
        "anonymous": LOGIN,
        **{role: ALLOWED for role in ROLES if role != "anonymous"},
    },
}

URLS = {
    "my portal": "/me/",
    "membership requests (admin)": "/admin/membership/requests/",
    "audit trail (admin)": "/admin/membership/audit/",
    "page private to Thailand's delegation": "/th-delegation-briefing/",
    "page for signed-in members": "/members-handbook/",
}


@pytest.fixture
def matrix_world(portal_demo_data, group, demo_user):
    member_of(group("CSO members"), email="pending@example.org", status=Membership.Status.PENDING)
    member_of(group("Government delegates — Cambodia"), email="gov.kh@example.org")
    member_of(group("CSO members"), email="suspended@example.org", suspended_at=timezone.now())

    home = HomePage.objects.get(locale__language_code="en")
    briefing = home.add_child(
        instance=StandardPage(title="Delegation briefing", slug="th-delegation-briefing")
    )
    restriction = PageViewRestriction.objects.create(
        page=briefing, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group("Government delegates — Thailand").auth_group)
    handbook = home.add_child(instance=StandardPage(title="Handbook", slug="members-handbook"))
    PageViewRestriction.objects.create(page=handbook, restriction_type=PageViewRestriction.LOGIN)


def client_for(client, role):
    email, with_mfa = ROLES[role]
    if email is None:
        return client
    from portal.models import User

    user = User.objects.get(email=email)
    client.force_login(user)
    if with_mfa:
        session = client.session
        session[MFA_SESSION_KEY] = user.pk
        session.save()
    return client


def outcome(response):
    if response.status_code == 200:
        return ALLOWED
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith(("/accounts/2fa/", "/accounts/reauthenticate/")):
            return SECOND_FACTOR
        return f"redirected to {location}"
    if response.status_code in (403, 404):
        return REFUSED
    return f"status {response.status_code}"


CASES = [(resource, role) for resource in MATRIX for role in ROLES]


@pytest.mark.parametrize(("resource", "role"), CASES, ids=[f"{r} × {p}" for r, p in CASES])
def test_permission_matrix(client, matrix_world, resource, role):
    expected = MATRIX[resource].get(role, REFUSED)

    response = client_for(client, role).get(URLS[resource])

    assert outcome(response) == expected
