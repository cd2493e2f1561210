"""
What the library accepts as a file: the checks every upload path shares (the admin's
document form, the publication's file list, the import command).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# 50 MB: the largest COMMIT report with images is about 30 MB; anything bigger is
# better split into volumes, and is slow for readers on mobile links anyway.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"


def allowed_extensions() -> list[str]:
    return [extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS]


def check_upload(name: str, size: int, head: bytes) -> None:
    """Raise ValidationError with a message for the editor when the file is not acceptable."""
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
    # The signature may follow a few bytes of junk, which readers tolerate.
    if extension == "pdf" and PDF_SIGNATURE not in head[:1024]:
        raise ValidationError(_("“%(name)s” is named .pdf but is not a PDF file.") % {"name": name})


def check_library_document(document) -> None:
    """The checks for a Wagtail document already stored (chosen in a publication's file list)."""
    try:
        with document.file.open("rb") as handle:
            head = handle.read(1024)
        size = document.file.size
    except (FileNotFoundError, OSError) as error:
        raise ValidationError(
            _("The file of “%(title)s” cannot be read. Upload it again.") % {"title": document}
        ) from error
    check_upload(document.file.name, size, head)
