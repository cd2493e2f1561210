"""People, groups and forums for the forum tests."""

import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from forums import rate_limits
from forums.models import Forum
from portal.actions import do_grant_membership
from portal.models import AccessLevel, Membership, Role, StakeholderGroup
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.factories import UserFactory

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
        youth=StakeholderGroup.objects.create(name="Youth delegates", role=Role.YOUTH),
        cso=StakeholderGroup.objects.create(name="CSO members", role=Role.CSO),
        moderators=StakeholderGroup.objects.create(name="Moderators", role=Role.MODERATOR),
        safeguarding=StakeholderGroup.objects.create(
            name="Safeguarding leads", role=Role.SAFEGUARDING
        ),
    )


def member_of(group, **fields):
    user = UserFactory(**fields)
    do_grant_membership(None, user, group)
    return user


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
    pending = UserFactory(display_name="Pending Person")
    Membership.objects.create(user=pending, group=groups.youth, status=Membership.Status.PENDING)
    suspended = member_of(groups.youth, display_name="Suspended Sam", pseudonym="QuietOne")
    suspended.suspended_at = timezone.now()
    suspended.save()
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
    forum = Forum.objects.create(
        name=slug.title(), slug=slug, access_level=access_level,
        premoderate_new_members=premoderate,
    )  # fmt: skip
    forum.allowed_groups.set(groups)
    forum.save()
    return forum


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
