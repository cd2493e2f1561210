"""
PO files of content translations (wagtail-localize), for translators working outside the admin.

wagtail-localize exports a page's or snippet's strings as a PO file and imports it back, but
accepts any text: a translator who drops or mistypes a placeholder (the `<a id="a1">` of a
link in rich text, a `{name}` or `%(name)s`) breaks the page only when it is next published.
The portal checks a file before anything is imported and refuses it whole, naming each entry.
"""

from __future__ import annotations

import re
from collections import Counter

import polib
from django.utils.translation import gettext as _
from wagtail_localize.models import Translation

# Markup and interpolation a translation must keep: tags with their attributes (wagtail-localize
# numbers links and inline elements by id), {name}, %(name)s and %s.
PLACEHOLDER = re.compile(r"</?[a-zA-Z][^<>]*>|\{[A-Za-z0-9_]*\}|%\([A-Za-z0-9_]+\)[sd]|%[sd]")


class BadTranslationFile(ValueError):
    """A PO file that cannot be imported; the message says why, for the translator."""


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def parse_po(content: str) -> polib.POFile:
    # polib.pofile() reads a file when given a path: content is only ever passed as text.
    if "\n" not in content:
        raise BadTranslationFile(_("This is not a PO file."))
    try:
        return polib.pofile(content)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BadTranslationFile(_("This is not a PO file: %(error)s") % {"error": error}) from None


def broken_placeholders(po: polib.POFile) -> list[str]:
    """One line per translated entry whose placeholders differ from its source."""
    problems = []
    for entry in po:
        if not entry.msgstr:
            continue
        expected, found = placeholders(entry.msgid), placeholders(entry.msgstr)
        if expected != found:
            missing = ", ".join(sorted((expected - found).elements())) or "—"
            extra = ", ".join(sorted((found - expected).elements())) or "—"
            problems.append(
                _("Line %(line)s (%(field)s): missing %(missing)s; unexpected %(extra)s")
                % {
                    "line": entry.linenum,
                    "field": entry.msgctxt or "",
                    "missing": missing,
                    "extra": extra,
                }
            )
    return problems


def translation_of_file(po: polib.POFile) -> Translation:
    """The translation a PO file was exported for (its X-WagtailLocalize-TranslationID)."""
    key = po.metadata.get("X-WagtailLocalize-TranslationID", "")
    translation = Translation.objects.filter(uuid=key).first() if _is_uuid(key) else None
    if translation is None:
        raise BadTranslationFile(
            _("This PO file names no translation of this portal; export it again from the admin.")
        )
    return translation


def check_po(po: polib.POFile, translation: Translation) -> None:
    """Raise BadTranslationFile unless `po` can be imported into `translation` as it is."""
    if po.metadata.get("X-WagtailLocalize-TranslationID", "") != str(translation.uuid):
        raise BadTranslationFile(
            _("This PO file was exported for another translation; nothing was imported.")
        )
    problems = broken_placeholders(po)
    if problems:
        raise BadTranslationFile(
            _(
                "Placeholders were changed in %(count)s entries, so nothing was imported. "
                "Keep every tag, {name} and %%(name)s of the source text: %(problems)s"
            )
            % {"count": len(problems), "problems": "; ".join(problems)}
        )


def _is_uuid(value: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F-]{32,36}", value))
