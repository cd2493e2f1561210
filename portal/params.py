"""
Values from the outside world (query strings, form fields, URL segments, websocket
frames, API parameters, OAI-PMH arguments and tokens), read the one way every app uses.

`int()` is too generous for a boundary: it accepts non-ASCII digits ("٣"), spaces,
underscores and signs, and numbers beyond what a database column holds, which then fail
deep inside a query as a server error. Here a value is ASCII digits (with a leading "-"
only when negatives are allowed) within explicit bounds, or it is not a value at all.
"""

from __future__ import annotations

import re

# The largest value of a PostgreSQL bigint, and so of any primary key here.
MAX_DATABASE_ID = 2**63 - 1

_DIGITS = re.compile(r"-?[0-9]{1,20}")
# ASCII digits only, for parse_int: int() also accepts "١٢" (Arabic-Indic digits) and
# str.isdigit() accepts "²", which int() then refuses; neither is what a link sends.
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
# Characters XML 1.0 cannot carry (and PostgreSQL refuses NUL in text): C0 controls
# other than tab, newline and carriage return, and the two non-characters U+FFFE/U+FFFF.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class BadParameter(ValueError):
    """A value from outside that cannot be used; the message says why, for the caller."""


def parse_bounded_int(raw: object, *, minimum: int, maximum: int) -> int | None:
    """
    `raw` as an int when it is one (an int, not a bool, or a string of ASCII digits)
    and lies within [minimum, maximum]; None otherwise. Never raises.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and _DIGITS.fullmatch(raw):
        value = int(raw)
    else:
        return None
    return value if minimum <= value <= maximum else None


def parse_int(raw: str | None, *, minimum: int = 0, maximum: int = MAX_DATABASE_ID) -> int:
    """
    `raw` as an int in [minimum, maximum]; BadParameter (with a message for the caller)
    for anything else. For callers that answer a bad value with a 400 rather than
    ignoring it (parse_bounded_int).
    """
    text = (raw or "").strip()
    if not _INTEGER.fullmatch(text):
        raise BadParameter(f"{raw!r} is not a whole number.")
    value = int(text)
    if not minimum <= value <= maximum:
        raise BadParameter(f"{value} is not between {minimum} and {maximum}.")
    return value


def has_control_characters(text: str) -> bool:
    """True when `text` holds a character that neither PostgreSQL text nor XML can carry."""
    return bool(_CONTROL_CHARACTERS.search(text))


def without_control_characters(text: str) -> str:
    """`text` with those characters turned into spaces (words either side stay apart)."""
    return _CONTROL_CHARACTERS.sub(" ", text)


def parse_database_id(raw: object) -> int | None:
    """A primary key (1 to the bigint maximum) from untrusted input, or None."""
    return parse_bounded_int(raw, minimum=1, maximum=MAX_DATABASE_ID)


class DatabaseIdConverter:
    """
    The URL converter for primary keys: `<id:pk>` (registered by portal's AppConfig). An
    id a database column cannot hold does not match, so the URL answers 404 instead of
    failing in the query.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        parsed = parse_database_id(value)
        if parsed is None:
            # ValueError tells Django's resolver that this pattern does not match.
            raise ValueError(f"{value!r} is not a database id")
        return parsed

    def to_url(self, value: int) -> str:
        return str(value)
