"""Real, readable PDF files for upload tests (a `%PDF-` prefix alone is not a PDF)."""

import io

from pypdf import PdfWriter


def tiny_pdf(title: str = "Input") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": title})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
