"""
A small meetings world: the portal's demo groups and accounts, a meeting index and
three meetings (public, members, Thailand government only), papers with files, and
one signed-in client per persona of the permission matrix.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from meetings.models import AgendaItem, MeetingIndexPage, MeetingPage, MeetingPaper
from portal.models import AccessLevel, Country, Membership, Role, StakeholderGroup
from portal.page_tree import ensure_wagtail_roots
from portal.permissions import MFA_SESSION_KEY
from tests.factories import UserFactory

TOTP_SECRET = "MEETINGSTESTSECRETMEETINGSTEST23"


@pytest.fixture
def portal_world(db):
    """The English home page as the site root and the stakeholder groups used here."""
    # A transactional test before this one may have flushed Wagtail's root page away.
    ensure_wagtail_roots()
    locale = Locale.objects.get_or_create(language_code="en")[0]
    Site.objects.all().delete()
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="COMMIT Portal", slug="commit-home", locale=locale, hero_title="Hi")
    )
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    groups = {}
    for code, name in (("TH", "Thailand"), ("KH", "Cambodia")):
        country = Country.objects.create(code=code, name=name, is_commit_member=True)
        groups[f"Government delegates — {name}"] = StakeholderGroup.objects.create(
            name=f"Government delegates — {name}", role=Role.GOVERNMENT, country=country
        )
    for name, role in (
        ("Secretariat", Role.SECRETARIAT),
        ("CSO members", Role.CSO),
        ("Youth delegates", Role.YOUTH),
    ):
        groups[name] = StakeholderGroup.objects.create(name=name, role=role)
    return groups


def _member(groups, group_name, *, status=Membership.Status.APPROVED, mfa=False, **fields):
    user = UserFactory(**fields)
    if group_name:
        Membership.objects.create(user=user, group=groups[group_name], status=status)
        if status == Membership.Status.APPROVED:
            user.groups.add(groups[group_name].auth_group)
    if mfa:
        TOTP.activate(user, TOTP_SECRET)
    return user


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


def _document(title: str):
    document = get_document_model()(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(b"paper"))
    document.save()
    return document


def _meeting(index, slug, access_level, groups=(), days=10, **fields):
    start = timezone.now() + timedelta(days=days)
    meeting = MeetingPage(
        title=slug.replace("-", " ").title(),
        slug=slug,
        meeting_type=fields.pop("meeting_type", "som"),
        start=start,
        end=start + timedelta(hours=6),
        venue="Bangkok",
        access_level=access_level,
        **fields,
    )
    meeting.allowed_groups = list(groups)
    meeting.agenda_items = [
        AgendaItem(number="1", title="Opening"),
        AgendaItem(number="2", title="Protocol"),
    ]
    index.add_child(instance=meeting)
    meeting.save_revision().publish()
    return meeting


@pytest.fixture
def meetings(portal_world):
    groups = portal_world
    home = HomePage.objects.get(locale__language_code="en")
    index = home.add_child(instance=MeetingIndexPage(title="Meetings", slug="meetings"))
    index.save_revision().publish()
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
    public_paper = MeetingPaper.objects.create(
        meeting=public,
        agenda_number="1",
        title="Public progress summary",
        document=_document("Public progress summary"),
    )
    government_paper = MeetingPaper.objects.create(
        meeting=public,
        agenda_number="2",
        title="Secret repatriation protocol",
        document=_document("Secret repatriation protocol"),
        access_level=AccessLevel.GROUPS,
    )
    government_paper.allowed_groups = [
        groups["Government delegates — Thailand"],
        groups["Government delegates — Cambodia"],
    ]
    government_paper.save()
    return SimpleNamespace(
        index=index,
        public=public,
        members=members,
        thai=thai,
        public_paper=public_paper,
        government_paper=government_paper,
        groups=groups,
    )
