"""
What the library accepts as a file: the checks every upload path shares (the admin's
document form, the publication's file list, the import command).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from portal.uploads import is_readable_pdf

# 50 MB: the largest COMMIT report with images is about 30 MB; anything bigger is
# better split into volumes, and is slow for readers on mobile links anyway.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


def allowed_extensions() -> list[str]:
    return [extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS]


def check_upload(name: str, size: int, content: BinaryIO) -> None:
    """
    Raise ValidationError with a message for the editor when the file is not acceptable.
    `content` is the file opened for binary reading and seekable; it is left where it was.
    """
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in allowed_extensions():
        raise ValidationError(
            _("“%(name)s” is not a file type the library accepts. Accepted types: %(types)s.")
            % {"name": name, "types": ", ".join(allowed_extensions())}
        )
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the limit is %(limit)s. Split it or compress it.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(MAX_DOCUMENT_BYTES),
            }
        )
    if extension == "pdf":
        position = content.tell()
        try:
            readable = is_readable_pdf(content, accept_encrypted=True)
        finally:
            content.seek(position)
        if not readable:
            raise ValidationError(
                _(
                    "“%(name)s” is named .pdf but is not a PDF file that can be opened "
                    "(it may be damaged or incomplete). Save or export it as PDF again."
                )
                % {"name": name}
            )


def check_library_document(document) -> None:
    """The checks for a Wagtail document already stored (chosen in a publication's file list)."""
    try:
        with document.file.open("rb") as handle:
            check_upload(document.file.name, document.file.size, handle)
    except (FileNotFoundError, OSError) as error:
        raise ValidationError(
            _("The file of “%(title)s” cannot be read. Upload it again.") % {"title": document}
        ) from error
