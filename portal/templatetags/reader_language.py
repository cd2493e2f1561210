import unicodedata

from django import template
from django.conf import settings
from django.utils import translation

from portal.languages import content_language, existing_editions, in_reader_language
from portal.permissions import ANONYMOUS, viewer_for_request

register = template.Library()


@register.filter
def in_language(url: str) -> str:
    """A site address stored without a prefix (search hits, notifications), in the reader's."""
    return in_reader_language(url or "")


@register.filter
def composed(text: str) -> str:
    """
    Text in Unicode's composed form (NFC), as HTML expects. Django's own name for
    Vietnamese, "Tiếng Việt", is stored decomposed: shown as it is, a search for it in the
    page, or a screen reader's pronunciation, can miss it.
    """
    return unicodedata.normalize("NFC", str(text))


@register.inclusion_tag("includes/language_fallback.html", takes_context=True)
def language_fallback_notice(context):
    """
    Says so when a page is shown in English (or another language) because the reader's
    language has no edition of it, and links the editions that exist. Publications say
    their own language and editions on their page, so they are left out here.
    """
    page = context.get("page")
    reader = translation.get_language() or settings.LANGUAGE_CODE
    if page is None or not hasattr(page, "translation_key") or hasattr(page, "edition_of_id"):
        return {"shown_in": None}
    shown_in = content_language(page)
    if shown_in == reader:
        return {"shown_in": None}
    request = context.get("request")
    viewer = viewer_for_request(request) if request is not None else ANONYMOUS
    return {
        "shown_in": dict(settings.LANGUAGES).get(shown_in, shown_in),
        "reader_language": dict(settings.LANGUAGES).get(reader, reader),
        "editions": existing_editions(page, viewer),
    }
