"""
A small consultations world: the stakeholder groups, two CSOs in different countries,
one person per persona of the permission matrix, and an open consultation whose
draft has one round and one guiding question.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from portal.models import Membership, Organisation, Role
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.consultations.factories import ConsultationPageFactory
from tests.home.factories import HomePageFactory
from tests.portal.factories import (
    CountryFactory,
    OrganisationFactory,
    StakeholderGroupFactory,
    member_of,
)

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
    home = HomePageFactory()
    thailand = CountryFactory(code="TH", name="Thailand")
    cambodia = CountryFactory(code="KH", name="Cambodia")
    groups = {
        "secretariat": StakeholderGroupFactory(name="Secretariat", role=Role.SECRETARIAT),
        "cso": StakeholderGroupFactory(name="CSO members", role=Role.CSO),
        "youth": StakeholderGroupFactory(name="Youth delegates", role=Role.YOUTH),
        "gov": StakeholderGroupFactory(
            name="Government delegates — Thailand", role=Role.GOVERNMENT, country=thailand
        ),
    }
    organisations = SimpleNamespace(
        a=OrganisationFactory(name="Org A", type=Organisation.Type.CSO, country=thailand),
        b=OrganisationFactory(name="Org B", type=Organisation.Type.CSO, country=cambodia),
        youth=OrganisationFactory(
            name="Youth Voices", type=Organisation.Type.YOUTH, country=cambodia
        ),
    )
    consultation = ConsultationPageFactory(
        parent=home,
        title="SPA IV draft consultation",
        slug="spa-iv-draft",
        allows_individual_youth_submissions=True,
        eligible_groups=[groups["cso"], groups["youth"]],
        questions=["What is missing on prevention?"],
        rounds=[ROUND_ONE],
    )
    return SimpleNamespace(
        home=home, groups=groups, organisations=organisations, consultation=consultation
    )


def _member(world, group_key, organisation=None, *, status=Membership.Status.APPROVED, mfa=False):
    return member_of(
        world.groups[group_key] if group_key else None,
        organisation=organisation,
        status=status,
        totp_secret=TOTP_SECRET if mfa else None,
    )


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
