"""
The Wagtail page tree every app's demo content hangs from: the root nodes, the site's
home page and language aliases. In the core so app demos need not import `home`.
"""

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site


def ensure_wagtail_roots() -> None:
    """
    Wagtail's root page and root collection, which its migrations create. A database
    emptied by a transactional test has lost them, and demo content needs them.
    """
    default_locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=default_locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def site_home_page() -> Page:
    """The default site's home page (in the default language), under which apps add theirs."""
    return Site.objects.get(is_default_site=True).root_page.specific


def alias_in_every_language(page: Page) -> None:
    """
    Give every language this page as an alias of the English one until someone translates
    it, so /th/library/ works like /library/. For index pages whose content is queried,
    not stored on the page.
    """
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if not page.has_translation(locale):
            page.copy_for_translation(locale, alias=True)
