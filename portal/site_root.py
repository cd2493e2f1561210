"""
Absolute URLs from the one canonical site root, settings.PORTAL_BASE_URL.

Everything the portal hands to another program or inbox (feeds, JSON-LD, Open Graph, the
API's html_url, calendar files, emails, OAI-PMH identifiers, the sitemap) is built here, so
a record has one address whatever Host header a request came with and whatever hostname
the Wagtail Site record holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page

from portal.languages import url_in_language


def site_root() -> str:
    """The canonical scheme://host[:port], without a trailing slash."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def site_host() -> str:
    """The canonical host name (no port): the repository identifier of OAI-PMH."""
    return urlsplit(site_root()).hostname or "localhost"


@dataclass(frozen=True)
class PortalSite:
    """
    The portal as the Sites framework names it (allauth signs its emails with it): the
    host[:port] of PORTAL_BASE_URL and the site's name, never Django's "example.com".
    """

    domain: str
    name: str

    def __str__(self) -> str:
        return self.domain


def portal_site() -> PortalSite:
    return PortalSite(domain=urlsplit(site_root()).netloc, name=settings.WAGTAIL_SITE_NAME)


def on_site_root(url: str) -> str:
    """`url` (built from a request's Host) moved onto the canonical root, path and query kept."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


def absolute_url(path: str, language: str = "") -> str:
    """
    `path` (absolute or site-relative) on the canonical root; absolute URLs pass through.
    With `language`, the path is put under that language's prefix (emails to a member).
    """
    if not path or path.startswith(("http://", "https://")):
        return path
    if language:
        path = url_in_language(path, language)
    if not path.startswith("/"):
        path = "/" + path
    return site_root() + path


def page_url(page: Page) -> str:
    """A page's canonical absolute URL ("" for a page that has no URL)."""
    parts = page.get_url_parts()
    if not parts or parts[2] is None:
        return ""
    return absolute_url(parts[2])
