"""
A small meetings world: the portal's demo groups and accounts, a meeting index and
three meetings (public, members, Thailand government only), papers with files, and
one signed-in client per persona of the permission matrix.
"""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from home.models import HomePage
from portal.models import AccessLevel, Membership, Role
from portal.permissions import MFA_SESSION_KEY
from tests.home.factories import HomePageFactory
from tests.meetings.factories import (
    MeetingIndexPageFactory,
    MeetingPageFactory,
    MeetingPaperFactory,
)
from tests.portal.factories import CountryFactory, StakeholderGroupFactory, member_of

TOTP_SECRET = "MEETINGSTESTSECRETMEETINGSTEST23"


@pytest.fixture
def portal_world(db):
    """The English home page as the site root and the stakeholder groups used here."""
    HomePageFactory()
    groups = {}
    for code, name in (("TH", "Thailand"), ("KH", "Cambodia")):
        groups[f"Government delegates — {name}"] = StakeholderGroupFactory(
            name=f"Government delegates — {name}",
            role=Role.GOVERNMENT,
            country=CountryFactory(code=code, name=name),
        )
    for name, role in (
        ("Secretariat", Role.SECRETARIAT),
        ("CSO members", Role.CSO),
        ("Youth delegates", Role.YOUTH),
    ):
        groups[name] = StakeholderGroupFactory(name=name, role=role)
    return groups


def _member(groups, group_name, *, status=Membership.Status.APPROVED, mfa=False, **fields):
    return member_of(
        groups[group_name], status=status, totp_secret=TOTP_SECRET if mfa else None, **fields
    )


@pytest.fixture
def people(portal_world):
    groups = portal_world
    return SimpleNamespace(
        pending=_member(groups, "CSO members", status=Membership.Status.PENDING),
        cso=_member(groups, "CSO members"),
        youth=_member(groups, "Youth delegates"),
        gov_th=_member(groups, "Government delegates — Thailand", mfa=True),
        gov_th_no_mfa=_member(groups, "Government delegates — Thailand"),
        gov_kh=_member(groups, "Government delegates — Cambodia", mfa=True),
        secretariat=_member(groups, "Secretariat", mfa=True),
        suspended=_member(groups, "CSO members", suspended_at=timezone.now()),
    )


PERSONAS_WITH_MFA = {"gov_th", "gov_kh", "secretariat"}
PERSONAS = [
    "anonymous",
    "pending",
    "cso",
    "youth",
    "gov_th",
    "gov_th_no_mfa",
    "gov_kh",
    "secretariat",
    "suspended",
]


def client_for(people, persona: str) -> Client:
    """A client signed in as the persona; MFA personas have used their second factor."""
    client = Client()
    if persona == "anonymous":
        return client
    user = getattr(people, persona)
    client.force_login(user)
    if persona in PERSONAS_WITH_MFA:
        session = client.session
        session[MFA_SESSION_KEY] = user.pk
        session.save()
    return client


def _meeting(index, slug, access_level, groups=(), **fields):
    return MeetingPageFactory(
        parent=index,
        title=slug.replace("-", " ").title(),
        slug=slug,
        access_level=access_level,
        allowed_groups=list(groups),
        **fields,
    )


@pytest.fixture
def meetings(portal_world):
    groups = portal_world
    home = HomePage.objects.get(locale__language_code="en")
    index = MeetingIndexPageFactory(parent=home)
    public = _meeting(
        index,
        "public-som",
        AccessLevel.PUBLIC,
        delegations=[
            groups["Government delegates — Thailand"],
            groups["Government delegates — Cambodia"],
        ],
    )
    members = _meeting(index, "members-cso", AccessLevel.MEMBERS, meeting_type="cso_platform")
    thai = _meeting(
        index,
        "thai-task-force",
        AccessLevel.GROUPS,
        groups=[groups["Government delegates — Thailand"]],
        meeting_type="task_force",
    )
    public_paper = MeetingPaperFactory(
        meeting=public, agenda_number="1", title="Public progress summary"
    )
    government_paper = MeetingPaperFactory(
        meeting=public,
        agenda_number="2",
        title="Secret repatriation protocol",
        access_level=AccessLevel.GROUPS,
        allowed_groups=[
            groups["Government delegates — Thailand"],
            groups["Government delegates — Cambodia"],
        ],
    )
    return SimpleNamespace(
        index=index,
        public=public,
        members=members,
        thai=thai,
        public_paper=public_paper,
        government_paper=government_paper,
        groups=groups,
    )
