"""
Names as CLDR knows them: languages and countries in the reader's script.

Babel carries the Unicode CLDR data for all seven portal languages, so names of countries
and languages need no catalogue entries of ours and stay right for every country an
editor adds (README, "Languages").
"""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language


@lru_cache(maxsize=16)
def _babel_locale(code: str) -> Locale:
    try:
        # Django writes "zh-hans"; CLDR "zh_Hans".
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE)


def babel_locale(language: str | None = None) -> Locale:
    """The CLDR locale of `language`, by default the active one."""
    return _babel_locale((language or get_language() or settings.LANGUAGE_CODE).lower())


def language_name(code: str, language: str | None = None) -> str:
    """`code` ("th", "zh-hans") named in `language` (default: the reader's): "ภาษาไทย"."""
    if not code:
        return ""
    locale = babel_locale(language)
    target = _babel_locale(code.lower())
    # "zh-hans" is named with its script ("简体中文"), the others by language alone.
    name = locale.languages.get(str(target)) or locale.languages.get(target.language)
    if name is None:
        return str(dict(settings.LANGUAGES).get(code, code))
    return name[:1].upper() + name[1:] if locale.language in {"en", "vi"} else name


def country_name(code: str, default: str = "", language: str | None = None) -> str:
    """The country of ISO code `code` named in `language` (default: the reader's)."""
    name = babel_locale(language).territories.get((code or "").upper())
    if not name:
        return default
    # CLDR adds an older name in brackets for some ("Myanmar (Burma)"); COMMIT uses the
    # official one alone.
    return name.split(" (")[0].split("（")[0]
