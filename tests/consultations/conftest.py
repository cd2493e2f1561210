"""
A small consultations world: the stakeholder groups, two CSOs in different countries,
one person per persona of the permission matrix, and an open consultation whose
draft has one round and one guiding question.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from consultations import actions
from consultations.models import ConsultationPage, GuidingQuestion
from home.models import HomePage
from portal.models import Country, Membership, Organisation, Role, StakeholderGroup
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.factories import UserFactory

TOTP_SECRET = "CONSULTATIONSTESTSECRETCONSULT23"

ROUND_ONE = [
    (
        "1",
        "Policy and cooperation",
        [
            ("policy-laws", "1.1", "Member countries review their anti-trafficking laws."),
            ("policy-mou", "1.2", "Bilateral MoUs cover the return of victims."),
        ],
    ),
    (
        "2",
        "Victim protection",
        [("protection-referral", "2.1", "National referral mechanisms identify victims.")],
    ),
]


@pytest.fixture
def world(db):
    locale = Locale.objects.get_or_create(language_code="en")[0]
    Site.objects.all().delete()
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="COMMIT Portal", slug="commit-home", locale=locale, hero_title="Hi")
    )
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    thailand = Country.objects.create(code="TH", name="Thailand", is_commit_member=True)
    cambodia = Country.objects.create(code="KH", name="Cambodia", is_commit_member=True)
    groups = {
        "secretariat": StakeholderGroup.objects.create(name="Secretariat", role=Role.SECRETARIAT),
        "cso": StakeholderGroup.objects.create(name="CSO members", role=Role.CSO),
        "youth": StakeholderGroup.objects.create(name="Youth delegates", role=Role.YOUTH),
        "gov": StakeholderGroup.objects.create(
            name="Government delegates — Thailand", role=Role.GOVERNMENT, country=thailand
        ),
    }
    organisations = SimpleNamespace(
        a=Organisation.objects.create(name="Org A", type=Organisation.Type.CSO, country=thailand),
        b=Organisation.objects.create(name="Org B", type=Organisation.Type.CSO, country=cambodia),
        youth=Organisation.objects.create(
            name="Youth Voices", type=Organisation.Type.YOUTH, country=cambodia
        ),
    )
    now = timezone.now()
    consultation = home.add_child(
        instance=ConsultationPage(
            title="SPA IV draft consultation",
            slug="spa-iv-draft",
            locale=locale,
            introduction="Tell us what you think of the draft.",
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=7),
            time_zone="Asia/Bangkok",
            allows_individual_youth_submissions=True,
        )
    )
    consultation.eligible_groups.set([groups["cso"], groups["youth"]])
    consultation.save_revision().publish()
    GuidingQuestion.objects.create(page=consultation, text="What is missing on prevention?")
    actions.do_create_round(None, consultation, ROUND_ONE)
    return SimpleNamespace(
        home=home, groups=groups, organisations=organisations, consultation=consultation
    )


def _member(world, group_key, organisation=None, *, status=Membership.Status.APPROVED, mfa=False):
    user = UserFactory(organisation=organisation)
    if group_key:
        group = world.groups[group_key]
        Membership.objects.create(user=user, group=group, status=status, organisation=organisation)
        if status == Membership.Status.APPROVED:
            user.groups.add(group.auth_group)
    if mfa:
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def people(world):
    orgs = world.organisations
    return SimpleNamespace(
        anonymous=None,
        pending=_member(world, "cso", orgs.a, status=Membership.Status.PENDING),
        cso_a=_member(world, "cso", orgs.a),
        cso_a2=_member(world, "cso", orgs.a),
        cso_b=_member(world, "cso", orgs.b),
        youth=_member(world, "youth", orgs.youth),
        gov=_member(world, "gov", mfa=True),
        secretariat=_member(world, "secretariat", mfa=True),
    )


PERSONAS_WITH_MFA = {"gov", "secretariat"}


@pytest.fixture
def client_for(people):
    """A signed-in client per persona (with the second factor used, where the role has one)."""

    def make(persona):
        client = Client()
        user = getattr(people, persona)
        if user is not None:
            client.force_login(user)
            if persona in PERSONAS_WITH_MFA:
                session = client.session
                session[MFA_SESSION_KEY] = user.pk
                session.save()
        return client

    return make


@pytest.fixture
def viewer(people):
    def make(persona):
        return viewer_for_user(getattr(people, persona), mfa_ok=persona in PERSONAS_WITH_MFA)

    return make


def edit_url(consultation, kind="organisation"):
    return f"/consultations/{consultation.pk}/input/{kind}/"


def draft_post(version, *, comment="", suggestion="", answer=None, question=None, **extra):
    data = {
        "version": str(version),
        "confidentiality": extra.pop("confidentiality", "secretariat"),
        "comment-policy-laws": comment,
        "suggestion-policy-laws": suggestion,
        "action": extra.pop("action", "save"),
    }
    if question is not None:
        data[f"answer-{question.pk}"] = answer or ""
    data.update(extra)
    return data
