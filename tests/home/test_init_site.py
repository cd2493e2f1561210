"""`manage.py init_site` makes a fresh production site usable, without demo content."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from knowledge.models import LibraryIndexPage, PublicationPage, SpaArea
from meetings.models import MeetingIndexPage, MeetingPage
from portal.models import Country, Organisation, StakeholderGroup, User
from results.models import ResultsIndexPage

pytestmark = pytest.mark.django_db

COMMIT_COUNTRIES = {"KH", "CN", "LA", "MM", "TH", "VN"}


def init_site() -> str:
    out = io.StringIO()
    call_command("init_site", stdout=out)
    return out.getvalue()


def test_a_fresh_site_gets_countries_groups_taxonomy_and_section_pages(client):
    output = init_site()

    members = set(Country.objects.filter(is_commit_member=True).values_list("code", flat=True))
    assert members == COMMIT_COUNTRIES
    roles = set(StakeholderGroup.objects.values_list("role", flat=True))
    assert {"secretariat", "government", "cso", "youth", "moderator", "safeguarding"} <= roles
    assert StakeholderGroup.objects.filter(role="government").count() == 6
    assert SpaArea.objects.exists()  # the taxonomy (data migrations)
    for model in (LibraryIndexPage, MeetingIndexPage, ResultsIndexPage):
        assert model.objects.live().filter(locale__language_code="en").count() == 1, model
    assert "6 COMMIT countries" in output
    # The pages answer, in English and in Thai.
    assert client.get("/").status_code == 200
    assert client.get("/library/").status_code == 200
    assert client.get("/th/meetings/").status_code == 200


def test_no_demo_content_is_created():
    init_site()

    assert not User.objects.exists()
    assert not Organisation.objects.exists()
    assert not PublicationPage.objects.exists()
    assert not MeetingPage.objects.exists()


def test_running_it_again_changes_nothing_and_keeps_editors_work():
    init_site()
    library = LibraryIndexPage.objects.get(locale__language_code="en")
    library.title = "COMMIT research library"
    library.save_revision().publish()
    counts = (Page.objects.count(), StakeholderGroup.objects.count(), Country.objects.count())

    init_site()

    assert (Page.objects.count(), StakeholderGroup.objects.count(), Country.objects.count()) == (
        counts
    )
    assert LibraryIndexPage.objects.get(locale__language_code="en").title == (
        "COMMIT research library"
    )
    assert Site.objects.filter(is_default_site=True).count() == 1
