"""
What search engines and scholarly indexes are told: /sitemap.xml and /robots.txt.

The sitemap lists every live page that an anonymous reader may open, in every language,
at its canonical URL (portal.site_root), with hreflang alternates for its other language
versions (Wagtail translations, or a page's own `alternate_group`, as publications' language
editions). robots.txt points at it and keeps crawlers out of the private paths.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page

from portal.permissions import ANONYMOUS, can_view_page
from portal.site_root import absolute_url, page_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("xhtml", XHTML_NS)

# Paths with a language prefix (i18n_patterns) that are one person's or staff's only.
PRIVATE_LOCALISED_PATHS = [
    "/me/",
    "/accounts/",
    "/invitations/",
    "/forums/moderation/",
    "/forums/safeguarding/",
    "/forums/*/new/",
    "/consultations/*/input/",
    "/consultations/*/inbox/",
    "/consultations/*/export.",
    # Meetings now answer under every language prefix too.
    "/meetings/calendar/",
    "/meetings/actions/",
    "/meetings/*/registrations/",
    "/meetings/*/minutes/edit/",
    # A country's reports, their review and evidence (the public dashboard stays open).
    "/results/reports/",
    "/results/review/",
    "/results/history/",
    "/results/correct/",
    "/results/evidence/",
]
# Paths without a language prefix: the admin.
PRIVATE_PATHS = [
    "/admin/",
]


def alternate_group(page: Page) -> tuple[str, str]:
    """(the key the language versions of `page` share, the language of this one)."""
    own = getattr(page, "alternate_group", None)
    if own is not None:
        return own()
    return f"translation-{page.translation_key}", page.locale.language_code


def public_pages() -> list[Page]:
    """Live pages an anonymous reader may open, none below a page they may not open."""
    closed: list[str] = []
    pages = []
    candidates = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    for page in candidates.select_related("locale"):
        if any(page.path.startswith(path) for path in closed):
            continue
        if not can_view_page(ANONYMOUS, page):
            closed.append(page.path)
            continue
        pages.append(page)
    return pages


def sitemap_document() -> bytes:
    entries = []
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for page in public_pages():
        url = page_url(page)
        if not url:
            continue
        key, language = alternate_group(page)
        groups[key].append((language, url))
        entries.append((page, url, key))
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page, url, key in entries:
        element = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(element, f"{{{SITEMAP_NS}}}loc").text = url
        if page.last_published_at:
            ET.SubElement(
                element, f"{{{SITEMAP_NS}}}lastmod"
            ).text = page.last_published_at.date().isoformat()
        alternates = groups[key]
        # Each version lists all versions, itself included (Google's hreflang rules).
        if len(alternates) > 1:
            for language, href in alternates:
                ET.SubElement(
                    element,
                    f"{{{XHTML_NS}}}link",
                    {"rel": "alternate", "hreflang": language, "href": href},
                )
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


@require_GET
def sitemap_xml(request):
    return HttpResponse(sitemap_document(), content_type="application/xml; charset=utf-8")


def robots_lines() -> list[str]:
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES[1:]]
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in PRIVATE_PATHS]
    lines += [
        f"Disallow: {prefix}{path}" for prefix in prefixes for path in PRIVATE_LOCALISED_PATHS
    ]
    lines += ["", f"Sitemap: {absolute_url('/sitemap.xml')}"]
    return lines


@require_GET
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines()) + "\n", content_type="text/plain; charset=utf-8")


# Browsers ask for /favicon.ico on a first visit whatever the page links: served from the
# source file (not collected static files, which tests and `make run` do not build), so
# the answer is 2 KB of icon, cached for a day, instead of a 21 KB "not found" page.
FAVICON_ICO = (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()


@require_GET
def favicon_ico(request):
    response = HttpResponse(FAVICON_ICO, content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
