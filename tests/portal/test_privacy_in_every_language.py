"""Page privacy set on one language edition holds for every edition, set before or after it."""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_restricted_later(portal_demo_data):
    """The about page, translated into Thai first, then restricted to members in English."""
    english = Page.objects.get(slug="about", locale=Locale.get_default())
    thai = Locale.objects.get(language_code="th")
    if not english.has_translation(thai):
        english.copy_for_translation(thai, alias=True)
    PageViewRestriction.objects.create(page=english, restriction_type=PageViewRestriction.LOGIN)
    return english


def test_a_section_restricted_in_english_is_closed_under_every_prefix(
    client, about_restricted_later
):
    for address in ("/about/", "/th/about/"):
        response = client.get(address)
        assert response.status_code != 200, address


def test_the_sitemap_lists_no_edition_of_a_restricted_page(client, about_restricted_later):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/about/" not in sitemap
