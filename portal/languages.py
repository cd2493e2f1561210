"""
The reader's language in addresses: every page answers under every language prefix.

English is served without a prefix and the six other languages under /km/, /th/, ...
The page tree is written once, in English; a language's tree holds only the pages
someone translated (or aliased). So a Thai reader asking for /th/library/scam-compounds/
gets the Thai page where one exists, and otherwise the English page inside the Thai
interface, with a notice saying so (`fallback_page`). Links built while a reader's
language is active keep that reader's prefix (`ReaderLanguagePage`, `url_in_language`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.models import Locale, Page, Site

from portal.permissions import Viewer, viewable_pages

# Lower-case code -> Django's spelling ("zh-hans").
LANGUAGE_CODES = {code.lower(): code for code, _name in settings.LANGUAGES}


def language_of_path(path: str) -> str | None:
    """The language whose prefix `path` starts with (exact first segment), or None."""
    segment = path.lstrip("/").split("/", 1)[0].lower()
    return LANGUAGE_CODES.get(segment)


def strip_language(path: str) -> str:
    """`path` without its language prefix: /th/library/ -> /library/."""
    if language_of_path(path) is None:
        return path
    rest = path.lstrip("/").split("/", 1)
    return "/" + (rest[1] if len(rest) > 1 else "")


def is_language_independent(path: str) -> bool:
    """
    True for addresses outside the language prefixes (APIs, feeds of calendars, documents,
    the admin). Asked of the URL configuration itself: under another language than the
    default, an unprefixed path that still resolves is not one of the prefixed patterns.
    """
    other = next(code for code in LANGUAGE_CODES.values() if code != settings.LANGUAGE_CODE)
    with translation.override(other):
        try:
            resolve(path)
        except Resolver404:
            return False
    return True


def url_in_language(url: str, language: str) -> str:
    """
    The same site-internal address for a reader of `language`: /library/ -> /th/library/,
    /th/library/ -> /library/ for English. Absolute and language-independent addresses
    are returned unchanged.
    """
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    path, mark, rest = url.partition("?")
    if "#" in path:
        path, hash_mark, fragment = path.partition("#")
        rest, mark = f"{hash_mark}{fragment}", ""
    bare = strip_language(path)
    if is_language_independent(bare):
        return url
    if language != settings.LANGUAGE_CODE and language in LANGUAGE_CODES.values():
        bare = f"/{language}{bare}"
    return f"{bare}{mark}{rest}"


def in_reader_language(url: str) -> str:
    """`url_in_language` for the language of the request being answered."""
    return url_in_language(url, translation.get_language() or settings.LANGUAGE_CODE)


class ReaderLanguagePage:
    """
    Page mixin: a page of the English tree gets the reader's prefix in its address, so
    that following a link never flips the interface back to English. Pages of another
    language's tree keep their own prefix (they are that language's edition).
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        reader = translation.get_language() or settings.LANGUAGE_CODE
        prefixable = reader != settings.LANGUAGE_CODE and reader in LANGUAGE_CODES.values()
        if prefixable and language_of_path(page_path) is None:
            page_path = f"/{reader}{page_path}"
        return site_id, root_url, page_path


def route_in_default_tree(request: HttpRequest, path: str):
    """Route `path` through the English tree: (page, args, kwargs), or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.get_translation_or_none(Locale.get_default()) or site.root_page
    components = [component for component in path.split("/") if component]
    try:
        return root.specific.route(request, components)
    except Http404:
        return None


def edition_in_language(page: Page, language: str) -> Page | None:
    """The live edition of `page` in `language` (a translation or alias), or None."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    if page.locale_id == locale.pk:
        return page
    translated = page.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else None


def existing_editions(page: Page, viewer: Viewer) -> list[dict]:
    """
    The languages in which `page` is really translated (not aliases) and `viewer` may
    open it, with their links.
    """
    editions = viewable_pages(
        viewer,
        Page.objects.live()
        .filter(translation_key=page.translation_key, alias_of__isnull=True)
        .select_related("locale")
        .order_by("locale__language_code"),
    )
    names = dict(settings.LANGUAGES)
    found = []
    for edition in editions:
        code = edition.locale.language_code
        # Each edition's own address (its own prefix), not the reader's.
        with translation.override(code):
            url = edition.url
        found.append({"code": code, "name": names.get(code, code), "url": url})
    return found


def content_language(page: Page) -> str:
    """The language a page's text is written in: an alias shows its source's text."""
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code
