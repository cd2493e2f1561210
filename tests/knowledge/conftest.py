"""A small library: a home page, the library index, taxonomy, one person per role."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from knowledge.models import PublicationType, SpaArea
from knowledge.sample_pdfs import latin_pdf
from portal.models import AccessLevel, Membership, Role
from portal.permissions import MFA_SESSION_KEY
from tests.home.factories import HomePageFactory
from tests.knowledge.factories import LibraryIndexPageFactory, PublicationFactory
from tests.portal.factories import CountryFactory, StakeholderGroupFactory, member_of


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def publish(library, django_capture_on_commit_callbacks):
    """Create and publish a publication, then run what waits for the commit (extraction)."""

    def publish(slug, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_publication(library, slug, **fields)

    return publish


@pytest.fixture
def home(db):
    return HomePageFactory()


@pytest.fixture
def library(home):
    return LibraryIndexPageFactory(parent=home)


@pytest.fixture
def countries(db):
    return {
        code: CountryFactory(code=code, name=name, is_commit_member=False)
        for code, name in [("TH", "Thailand"), ("KH", "Cambodia"), ("VN", "Viet Nam")]
    }


@pytest.fixture
def groups(countries):
    return {
        "secretariat": StakeholderGroupFactory(name="Secretariat", role=Role.SECRETARIAT),
        "government": StakeholderGroupFactory(
            name="Government delegates — Thailand", role=Role.GOVERNMENT, country=countries["TH"]
        ),
        "cso": StakeholderGroupFactory(name="CSO members", role=Role.CSO),
    }


def make_publication(library, slug, *, access=AccessLevel.PUBLIC, groups=(), pdf=None, **fields):
    return PublicationFactory(
        library=library, slug=slug, access_level=access, allowed_groups=groups, pdf=pdf, **fields
    )


@pytest.fixture
def publications(publish, groups, countries):
    """One publication per access level, each with its own PDF file."""
    report = PublicationType.objects.get(slug="research-report")
    protection = SpaArea.objects.get(slug="protection")
    return {
        "public": publish(
            "fishing-report",
            title="Trafficking in the fishing sector",
            pdf=latin_pdf(["Fishermen stranded on remote islands."]),
            publication_type=report,
            areas=[protection],
            countries=[countries["TH"]],
            summary="Public summary of the fishing report.",
        ),
        "members": publish(
            "members-brief",
            title="Members brief on referral",
            access=AccessLevel.MEMBERS,
            pdf=latin_pdf(["Members only referral data."]),
            areas=[protection],
            countries=[countries["TH"]],
        ),
        "groups": publish(
            "government-paper",
            title="Government paper on prosecutions",
            access=AccessLevel.GROUPS,
            groups=[groups["government"]],
            pdf=latin_pdf(["Government only prosecution figures."]),
            areas=[protection],
            countries=[countries["TH"]],
        ),
    }


def member(email, group, *, status=Membership.Status.APPROVED, **fields):
    return member_of(group, email=email, status=status, **fields)


def sign_in_as(client, user, *, mfa: bool = False):
    client.force_login(user)
    if mfa:
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        session = client.session
        session[MFA_SESSION_KEY] = user.pk
        session.save()


@pytest.fixture
def people(groups):
    """Everyone in the permission matrix, as (user or None, needs MFA in the session)."""
    suspended = member("suspended@example.org", groups["cso"], suspended_at=timezone.now())
    return {
        "anonymous": (None, False),
        "pending": (member("pending@example.org", groups["cso"], status="pending"), False),
        "cso": (member("cso@example.org", groups["cso"]), False),
        "government_mfa": (member("gov.mfa@example.org", groups["government"]), True),
        "government_no_mfa": (member("gov.nomfa@example.org", groups["government"]), False),
        "secretariat": (member("secretariat@example.org", groups["secretariat"]), True),
        "suspended": (suspended, False),
    }


@pytest.fixture
def as_person(client, people):
    def sign_in(name):
        user, mfa = people[name]
        if user is not None:
            sign_in_as(client, user, mfa=mfa)
        return client

    return sign_in
