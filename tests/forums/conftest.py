"""People, groups and forums for the forum tests."""

import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from forums import rate_limits
from forums.models import Forum
from portal.models import AccessLevel, Membership, Role, StakeholderGroup
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.forums.factories import ForumFactory
from tests.portal.factories import StakeholderGroupFactory, member_of  # member_of: for the tests

ORIGIN_HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


@pytest.fixture(autouse=True)
def separate_rate_limits(monkeypatch):
    """Each test counts posts under its own cache keys (the Redis cache outlives a test)."""
    monkeypatch.setattr(rate_limits, "KEY_PREFIX", f"test-forums:{uuid.uuid4()}")


@dataclass
class Groups:
    youth: StakeholderGroup
    cso: StakeholderGroup
    moderators: StakeholderGroup
    safeguarding: StakeholderGroup


@pytest.fixture
def groups(db):
    return Groups(
        youth=StakeholderGroupFactory(name="Youth delegates", role=Role.YOUTH),
        cso=StakeholderGroupFactory(name="CSO members", role=Role.CSO),
        moderators=StakeholderGroupFactory(name="Moderators", role=Role.MODERATOR),
        safeguarding=StakeholderGroupFactory(name="Safeguarding leads", role=Role.SAFEGUARDING),
    )


@dataclass
class People:
    pending: object
    youth: object
    youth_friend: object
    cso: object
    moderator: object
    safeguarding: object
    suspended: object


@pytest.fixture
def people(groups):
    pending = member_of(
        groups.youth, display_name="Pending Person", status=Membership.Status.PENDING
    )
    suspended = member_of(
        groups.youth,
        display_name="Suspended Sam",
        pseudonym="QuietOne",
        suspended_at=timezone.now(),
    )
    return People(
        pending=pending,
        youth=member_of(groups.youth, display_name="Linh Nguyen", pseudonym="MekongDreamer"),
        youth_friend=member_of(groups.youth, display_name="Dara Sok", pseudonym="RiverKite"),
        cso=member_of(groups.cso, display_name="CSO Focal Point"),
        moderator=member_of(groups.moderators, display_name="Forum Moderator"),
        safeguarding=member_of(groups.safeguarding, display_name="Safeguarding Lead"),
        suspended=suspended,
    )


@dataclass
class Forums:
    general: Forum
    youth: Forum
    cso: Forum


def make_forum(slug, access_level, groups=(), premoderate=False):
    return ForumFactory(
        name=slug.title(),
        slug=slug,
        access_level=access_level,
        allowed_groups=list(groups),
        premoderate_new_members=premoderate,
    )


@pytest.fixture
def forums(groups):
    return Forums(
        general=make_forum("general", AccessLevel.PUBLIC),
        youth=make_forum("youth-forum", AccessLevel.GROUPS, [groups.youth], premoderate=True),
        cso=make_forum("cso-platform", AccessLevel.GROUPS, [groups.cso]),
    )


def viewer(user):
    """Rights as they count after signing in with a second factor."""
    return viewer_for_user(user, mfa_ok=True)


def signed_in_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        session = client.session
        session[MFA_SESSION_KEY] = user.pk
        session.save()
    return client


def session_headers(client: Client) -> list[tuple[bytes, bytes]]:
    cookie = client.cookies.get("sessionid")
    headers = list(ORIGIN_HEADERS)
    if cookie is not None:
        headers.append((b"cookie", f"sessionid={cookie.value}".encode()))
    return headers
