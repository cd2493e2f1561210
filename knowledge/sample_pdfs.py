"""
Small PDFs generated on the fly, for the demo library and the tests.

Latin text goes through reportlab. Other scripts (Thai, Khmer, Lao, Burmese, Chinese)
would need their fonts installed to be drawn; `text_layer_pdf` writes the text layer
directly instead (a Type0 font with a ToUnicode map and no embedded glyphs), which is
what text extraction and search read. Viewers show placeholder glyphs for such pages.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PAGE_WIDTH, PAGE_HEIGHT = A4


def latin_pdf(pages: list[str], *, title: str = "", encrypt_with: str | None = None) -> bytes:
    """A PDF with one page per string, drawn in Helvetica (Latin script only)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt_with)
    pdf.setTitle(title)
    for text in pages:
        y = PAGE_HEIGHT - 72
        for line in _wrap(text, 90):
            pdf.setFont("Helvetica", 11)
            pdf.drawString(72, y, line)
            y -= 15
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scanned_pdf(page_count: int = 1) -> bytes:
    """A PDF with shapes and no text layer, as a scanner without OCR makes them."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(page_count):
        pdf.rect(72, 72, PAGE_WIDTH - 144, PAGE_HEIGHT - 144, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def text_layer_pdf(pages: list[str]) -> bytes:
    """A PDF whose text layer holds `pages` in any script (see the module docstring)."""
    characters = sorted({char for text in pages for char in text if char != "\n"})
    codes = {char: index + 1 for index, char in enumerate(characters)}
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    catalog = add(b"")  # filled in once the page tree exists
    pages_id = add(b"")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /PortalTextLayer /Flags 4 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 "
        b"/CapHeight 700 /StemV 80 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /PortalTextLayer "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor %d 0 R /DW 1000 >>" % descriptor
    )
    cmap = (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    )
    items = list(codes.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        cmap += b"%d beginbfchar\n" % len(chunk)
        cmap += b"".join(
            b"<%04X> <%s>\n" % (code, char.encode("utf-16-be").hex().upper().encode())
            for char, code in chunk
        )
        cmap += b"endbfchar\n"
    cmap += b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    to_unicode = add(stream(cmap))
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /PortalTextLayer /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
    )
    page_ids = []
    for text in pages:
        content = b"BT /F1 12 Tf 72 770 Td 16 TL\n"
        for line in text.split("\n"):
            encoded = "".join(f"{codes[char]:04X}" for char in line)
            content += b"<%s> Tj T*\n" % encoded.encode()
        content += b"ET"
        content_id = add(stream(content))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content_id)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % page for page in page_ids),
        len(page_ids),
    )
    output = io.BytesIO()
    output.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    output.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    output.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return output.getvalue()
