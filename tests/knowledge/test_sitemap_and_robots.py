"""/sitemap.xml lists every public page in every language; robots.txt points at it."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale, PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ROOT = "http://127.0.0.1:8000"


def sitemap(client, **headers):
    response = client.get("/sitemap.xml", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in root.iter(f"{SITEMAP}url")
    }


def test_public_pages_and_language_editions_with_hreflang(client, publications, publish):
    thai = publish(
        "fishing-report-th",
        title="การค้ามนุษย์ในภาคประมง",
        language="th",
        edition_of=publications["public"],
    )
    urls = sitemap(client, HTTP_HOST="localhost")
    english = f"{ROOT}/library/fishing-report/"
    thai_url = f"{ROOT}{thai.url}"
    assert f"{ROOT}/library/" in urls
    assert urls[english] == {"en": english, "th": thai_url}
    assert urls[thai_url] == {"en": english, "th": thai_url}
    assert all(url.startswith(f"{ROOT}/") for url in urls)


def test_restricted_pages_are_never_listed(client, publications, library):
    private = library.get_parent().add_child(
        instance=StandardPage(title="Task force workspace", slug="task-force")
    )
    private.save_revision().publish()
    below = private.add_child(instance=StandardPage(title="Draft plan", slug="draft-plan"))
    below.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    listed = "\n".join(sitemap(client))
    assert "fishing-report" in listed
    for hidden in ("members-brief", "government-paper", "task-force", "draft-plan"):
        assert hidden not in listed


def test_robots_txt_points_at_the_sitemap_and_keeps_private_paths_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {ROOT}/sitemap.xml" in lines
    for path in ("/admin/", "/me/", "/accounts/", "/th/me/", "/my/accounts/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /forums/moderation/" in lines
    assert "Disallow: /meetings/calendar/" in lines
    assert "Disallow: /library/" not in lines


def test_translations_of_a_page_are_alternates_of_each_other(client, home, library):
    thai_locale = Locale.objects.get_or_create(language_code="th")[0]
    thai_home = home.copy_for_translation(thai_locale)
    thai_home.save_revision().publish()
    urls = sitemap(client)
    expected = {"en": f"{ROOT}/", "th": f"{ROOT}/th/"}
    assert urls[f"{ROOT}/"] == expected
    assert urls[f"{ROOT}/th/"] == expected
