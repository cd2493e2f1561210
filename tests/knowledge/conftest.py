"""A small library: a home page, the library index, taxonomy, one person per role."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from knowledge.actions import PublicationData, do_save_publication, do_store_document_bytes
from knowledge.models import LibraryIndexPage, PublicationType, SpaArea
from knowledge.sample_pdfs import latin_pdf
from portal.actions import do_grant_membership
from portal.models import AccessLevel, Country, Membership, Role, StakeholderGroup
from portal.permissions import MFA_SESSION_KEY
from tests.factories import UserFactory


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
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="COMMIT Portal", slug="commit-home", locale=locale, hero_title="Hi")
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def library(home):
    index = home.add_child(instance=LibraryIndexPage(title="Research library", slug="library"))
    index.save_revision().publish()
    return index


@pytest.fixture
def countries(db):
    return {
        code: Country.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [("TH", "Thailand"), ("KH", "Cambodia"), ("VN", "Viet Nam")]
    }


@pytest.fixture
def groups(countries):
    specs = {
        "secretariat": ("Secretariat", Role.SECRETARIAT, None),
        "government": ("Government delegates — Thailand", Role.GOVERNMENT, countries["TH"]),
        "cso": ("CSO members", Role.CSO, None),
    }
    return {
        key: StakeholderGroup.objects.get_or_create(
            name=name, defaults={"role": role, "country": country}
        )[0]
        for key, (name, role, country) in specs.items()
    }


def make_publication(library, slug, *, access=AccessLevel.PUBLIC, groups=(), pdf=None, **fields):
    document = None
    if pdf is not None:
        document = do_store_document_bytes(f"{slug}.pdf", pdf, title=fields.get("title", slug))
    data = PublicationData(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        access_level=access,
        allowed_groups=list(groups),
        documents=[(document, "Full report", fields.get("language", "en"))] if document else [],
        **fields,
    )
    page, _created = do_save_publication(None, library, data)
    return page


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


def member(email, group, *, status=Membership.Status.APPROVED):
    user = UserFactory(email=email)
    if status == Membership.Status.APPROVED:
        do_grant_membership(None, user, group)
    else:
        Membership.objects.create(user=user, group=group, status=status)
    return user


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
    suspended = member("suspended@example.org", groups["cso"])
    suspended.suspended_at = timezone.now()
    suspended.save()
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
