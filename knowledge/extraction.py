"""
Text from PDF files, page by page, with the problems an editor must hear about.

Pure functions over bytes: the task in `knowledge.tasks` stores what they return.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from myanmartools import ZawgyiDetector
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from knowledge.models.extraction import ExtractionStatus
from knowledge.uploads import MAX_DOCUMENT_BYTES
from portal.uploads import PDF_SIGNATURE

logger = logging.getLogger(__name__)

MAX_EXTRACT_BYTES = MAX_DOCUMENT_BYTES
# Beyond this a file is a book scan or an archive; extraction would hold a worker for minutes.
MAX_EXTRACT_PAGES = 1500
MYANMAR_LETTERS = re.compile("[\u1000-\u109f]")
# myanmartools' probability is close to 0 or 1 for real text; 0.95 leaves no doubt.
ZAWGYI_THRESHOLD = 0.95

_zawgyi_detector = ZawgyiDetector()


@dataclass
class PdfText:
    status: str
    message: str = ""
    pages: list[str] = field(default_factory=list)
    zawgyi_pages: set[int] = field(default_factory=set)

    @property
    def zawgyi_detected(self) -> bool:
        return bool(self.zawgyi_pages)


def is_zawgyi(text: str) -> bool:
    """Whether Burmese `text` is in the legacy Zawgyi encoding rather than Unicode."""
    if not MYANMAR_LETTERS.search(text):
        return False
    return _zawgyi_detector.get_zawgyi_probability(text) > ZAWGYI_THRESHOLD


def extract_pdf_text(data: bytes) -> PdfText:
    """The text of each page of the PDF in `data`, or a status saying why there is none."""
    if len(data) > MAX_EXTRACT_BYTES:
        return PdfText(
            ExtractionStatus.TOO_LARGE,
            _("The file is larger than %(limit)d MB; its text was not extracted.")
            % {"limit": MAX_EXTRACT_BYTES // (1024 * 1024)},
        )
    if PDF_SIGNATURE not in data[:1024]:
        return PdfText(ExtractionStatus.CORRUPT, _("The file is not a readable PDF."))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted only against editing and open with an empty password.
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError):
                opened = 0
            if not opened:
                return PdfText(
                    ExtractionStatus.ENCRYPTED,
                    _(
                        "The PDF is protected by a password, so its text cannot be searched. "
                        "Upload a copy without a password."
                    ),
                )
        page_count = len(reader.pages)
        if page_count > MAX_EXTRACT_PAGES:
            return PdfText(
                ExtractionStatus.TOO_LARGE,
                _("The PDF has %(count)d pages; text is extracted from up to %(limit)d.")
                % {"count": page_count, "limit": MAX_EXTRACT_PAGES},
            )
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except FileNotDecryptedError:
        return PdfText(ExtractionStatus.ENCRYPTED, _("The PDF is protected by a password."))
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        # pypdf raises a variety of errors on damaged files; none must stop the publication.
        logger.info("PDF text extraction failed: %s", error)
        return PdfText(
            ExtractionStatus.CORRUPT,
            _("The PDF is damaged and its text could not be read. Try saving it again."),
        )
    if not any(pages):
        return PdfText(
            ExtractionStatus.NO_TEXT,
            _(
                "The PDF has no text layer (it looks scanned), so it cannot be searched. "
                "Upload a version with text (OCR)."
            ),
            pages=pages,
        )
    zawgyi_pages = {number for number, text in enumerate(pages, start=1) if is_zawgyi(text)}
    message = ""
    if zawgyi_pages:
        message = _(
            "Burmese text in the legacy Zawgyi encoding was found on %(count)d page(s). It was "
            "detected but not converted to Unicode, so search may miss it: upload a Unicode "
            "edition if you have one."
        ) % {"count": len(zawgyi_pages)}
    return PdfText(ExtractionStatus.EXTRACTED, message, pages=pages, zawgyi_pages=zawgyi_pages)
