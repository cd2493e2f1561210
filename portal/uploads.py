"""
Is an uploaded file what its name says? The one check every app's uploads use.

A file is judged by parsing it, not by its first bytes: "%PDF-" followed by anything is
not a PDF the secretariat or a reader can open.
"""

from __future__ import annotations

import logging
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

logger = logging.getLogger(__name__)

PDF_SIGNATURE = b"%PDF-"


def is_readable_pdf(content: BinaryIO, *, accept_encrypted: bool) -> bool:
    """
    Whether `content` parses as a PDF with at least one page. A password-protected PDF
    whose structure parses counts only with `accept_encrypted` (the library accepts one
    and tells the editor it cannot be searched; a consultation attachment must open).
    The stream is left at its start.
    """
    start = content.tell()
    try:
        # The signature may follow a few bytes of junk, which readers tolerate.
        if PDF_SIGNATURE not in content.read(1024):
            return False
        content.seek(start)
        reader = PdfReader(content, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return accept_encrypted
        return len(reader.pages) > 0
    except FileNotDecryptedError:
        return accept_encrypted
    except Exception as error:
        # (ValueError, KeyError, IndexError, AttributeError, RecursionError, OSError, ...):
        # each means "not a PDF we can open", never a server error.
        logger.info("Upload refused, not a readable PDF: %r", error)
        return False
    finally:
        content.seek(start)
