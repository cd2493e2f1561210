"""
The Wagtail page tree every app's demo content hangs from: the root nodes, the site's
home page and language aliases. In the core so app demos need not import `home`.
"""

from django.conf import settings
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Collection, Locale, Page, Site

from portal.demo_translations import PAGE_TRANSLATIONS


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


def translate_demo_page(page) -> None:
    """
    Give the translations of `page` that are still aliases of the English page their
    drafted title and introduction (portal/demo_translations.py). A translation someone
    already edited is not an alias any more and is left alone.
    """
    drafts = PAGE_TRANSLATIONS.get(page.slug, {})
    for translation in page.get_translations().filter(locale__language_code__in=drafts):
        translation = translation.specific
        if translation.alias_of_id is None:
            continue
        ConvertAliasPageAction(translation, user=None).execute(skip_permission_checks=True)
        translation = type(translation).objects.get(pk=translation.pk)
        title, introduction = drafts[translation.locale.language_code]
        translation.title = title
        if hasattr(translation, "introduction"):  # a menu page may have a title only
            translation.introduction = introduction
        translation.save_revision().publish()
