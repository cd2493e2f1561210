"""A file is accepted as a PDF only when it parses as one, not when it merely starts with %PDF-."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

from knowledge.actions import do_store_document_bytes
from knowledge.sample_pdfs import latin_pdf
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOT_A_PDF = "is named .pdf but is not a PDF file"


def pdf_bytes(*, password: str = "", pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _number in range(pages):
        writer.add_blank_page(200, 200)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


FAKES = {
    "signature only": b"%PDF-1.7\n<script>alert(1)</script>",
    "signature and padding": b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n",
    "truncated": latin_pdf(["A real report."])[:400],
    "no pages": pdf_bytes(pages=0),
}


def upload(name: str, data: bytes):
    user = UserFactory(is_superuser=True)
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": name, "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
        user=user,
    )


@pytest.mark.parametrize("data", FAKES.values(), ids=FAKES.keys())
def test_the_admin_upload_form_refuses_a_file_that_only_looks_like_a_pdf(data):
    form = upload("report.pdf", data)
    assert not form.is_valid()
    assert NOT_A_PDF in str(form.errors["file"])


@pytest.mark.parametrize("data", FAKES.values(), ids=FAKES.keys())
def test_the_import_refuses_a_file_that_only_looks_like_a_pdf(data):
    with pytest.raises(ValidationError, match=NOT_A_PDF):
        do_store_document_bytes("report.pdf", data)


@pytest.mark.parametrize(
    "data",
    [latin_pdf(["A real report."]), pdf_bytes(), pdf_bytes(password="secret")],
    ids=["report", "blank page", "password protected"],
)
def test_real_pdfs_are_accepted(data):
    form = upload("report.pdf", data)
    assert form.is_valid(), form.errors
