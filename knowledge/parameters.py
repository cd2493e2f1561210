"""
How the library reads values that come from outside (query strings, API parameters,
OAI-PMH arguments and tokens): one parser for numbers and one cleaner for text, so
that a NUL byte, a superscript digit or a number beyond 64 bits is a clear "bad
request" (or is ignored) everywhere instead of an error deep in PostgreSQL or the
XML writer.

portal may grow a shared parser for the other apps; the library keeps its own so
that it does not depend on when that lands.
"""

from __future__ import annotations

import re

# The largest value a PostgreSQL bigint (and so any id or OFFSET) holds.
MAX_BIGINT = 2**63 - 1
MAX_INT = 2**31 - 1

# ASCII digits only: int() also accepts "١٢" (Arabic-Indic digits) and str.isdigit()
# accepts "²", which int() then refuses; neither is what a link or a harvester sends.
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
# Characters XML 1.0 cannot carry (and PostgreSQL refuses NUL in text): C0 controls
# other than tab, newline and carriage return, and the two non-characters U+FFFE/U+FFFF.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class BadParameter(ValueError):
    """A value from outside that the library cannot use; the message says why, for the caller."""


def parse_int(raw: str | None, *, minimum: int = 0, maximum: int = MAX_BIGINT) -> int:
    """`raw` as an int in [minimum, maximum]; BadParameter for anything else."""
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
