"""portal.uploads: a file is a PDF when it parses as one, whatever its first bytes say."""

import io

import pytest

from knowledge.sample_pdfs import latin_pdf
from portal.uploads import is_readable_pdf


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table around the given objects."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
CRAFTED = {
    "signature only": b"%PDF-1.7\n%%EOF\n",
    "signature then text": b"%PDF-1.4\nthis is a text file\n",
    "pages refer to themselves": _pdf([CATALOG, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]),
    "kids not an array": _pdf([CATALOG, b"<< /Type /Pages /Kids 5 /Count 1 >>"]),
    "pages not a dictionary": _pdf([b"<< /Type /Catalog /Pages 7 >>"]),
    "arrays nested 5,000 deep": _pdf(
        [
            CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /X " + b"[" * 5000 + b"]" * 5000 + b" >>",
        ]
    ),
    "a zip named pdf": b"PK\x03\x04" + b"\x00" * 100,
}


@pytest.mark.parametrize("data", CRAFTED.values(), ids=CRAFTED.keys())
@pytest.mark.parametrize("accept_encrypted", [True, False])
def test_files_that_only_look_like_pdfs_are_refused(data, accept_encrypted):
    stream = io.BytesIO(data)
    assert is_readable_pdf(stream, accept_encrypted=accept_encrypted) is False
    assert stream.tell() == 0


def test_a_real_pdf_is_accepted_and_left_at_its_start():
    stream = io.BytesIO(latin_pdf(["Recruitment fees in the fishing sector."]))
    assert is_readable_pdf(stream, accept_encrypted=False) is True
    assert stream.tell() == 0


def test_a_password_protected_pdf_counts_only_where_the_caller_accepts_one():
    data = latin_pdf(["Closed."], encrypt_with="secret")
    assert is_readable_pdf(io.BytesIO(data), accept_encrypted=True) is True
    assert is_readable_pdf(io.BytesIO(data), accept_encrypted=False) is False
