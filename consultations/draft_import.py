"""
Reading a draft plan out of a Word (.docx) file into numbered sections and paragraphs.

Headings (Word's "Heading n" and "Title" styles) start sections numbered 1, 2, 3, ...;
every other non-empty paragraph becomes paragraph 1.1, 1.2, ... of the section above it.
Text before the first heading goes into a preamble section numbered 0.

A paragraph keeps the anchor of the previous round's paragraph with the same number, so
comments on round 1 can be followed into the imported round and the diff pairs them up.
"""

from __future__ import annotations

import zipfile

from django.utils.translation import gettext as _
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

DOCX_MAX_BYTES = 10 * 1024 * 1024
HEADING_MAX_CHARS = 255


class DraftImportError(ValueError):
    """The file cannot be read as draft text; the message says why, for the uploader."""


def _is_heading(paragraph) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    return style.startswith("Heading") or style == "Title"


def _read_document(source):
    try:
        return Document(source)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError):
        raise DraftImportError(
            _(
                "This file cannot be read as a Word document (.docx). "
                "Save it as .docx and try again."
            )
        ) from None


def parse_docx(source, previous_anchors: dict[str, str] | None = None):
    """
    The sections of a .docx file (a path or a binary file object) in the shape
    `actions.do_create_round` takes: [(number, heading, [(anchor, number, text), ...]), ...].
    Raises DraftImportError when the file is not a readable .docx or holds no text.
    """
    previous_anchors = previous_anchors or {}
    document = _read_document(source)
    sections: list[tuple[str, str, list]] = []
    preamble: list = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        if _is_heading(paragraph):
            if len(text) > HEADING_MAX_CHARS:
                raise DraftImportError(
                    _("A heading is longer than %(limit)d characters: “%(start)s…”")
                    % {"limit": HEADING_MAX_CHARS, "start": text[:60]}
                )
            sections.append((str(len(sections) + 1), text, []))
            continue
        section_number, paragraphs = (
            (sections[-1][0], sections[-1][2]) if sections else ("0", preamble)
        )
        number = f"{section_number}.{len(paragraphs) + 1}"
        anchor = previous_anchors.get(number, "p-" + number.replace(".", "-"))
        paragraphs.append((anchor, number, text))
    if preamble:
        sections.insert(0, ("0", _("Preamble"), preamble))
    if not any(paragraphs for _number, _heading, paragraphs in sections):
        raise DraftImportError(
            _("The document has no paragraphs of text to import (only headings, or nothing).")
        )
    return sections
