"""Attaching a file saves what was typed with it; a "PDF" must be a readable PDF."""

import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.models import Attachment, Submission
from tests.consultations.conftest import draft_post, edit_url
from tests.consultations.pdfs import tiny_pdf


def _attach(client, consultation, name, content, **fields):
    return client.post(
        f"/consultations/{consultation.pk}/input/organisation/attachments/",
        {"file": SimpleUploadedFile(name, content), **fields},
    )


def test_the_attach_button_sends_the_typed_text_with_the_file(world, client_for):
    page = client_for("cso_a").get(edit_url(world.consultation)).content.decode()
    drafting_form = re.search(r"<form[^>]*data-autosave-url.*?</form>", page, re.S).group(0)
    assert 'type="file"' in drafting_form
    assert 'enctype="multipart/form-data"' in drafting_form
    assert 'value="attach"' in drafting_form


def test_attaching_saves_the_text_typed_but_not_saved(world, client_for):
    client = client_for("cso_a")
    fields = draft_post(1, comment="Typed, never saved.", action="attach")
    response = _attach(client, world.consultation, "input.pdf", tiny_pdf(), **fields)
    assert response.status_code == 302
    page = client.get(edit_url(world.consultation)).content.decode()
    assert "Typed, never saved." in page
    assert "input.pdf" in page


def test_a_refused_file_keeps_the_typed_text(world, client_for):
    client = client_for("cso_a")
    fields = draft_post(1, comment="Typed before a bad file.", action="attach")
    response = _attach(client, world.consultation, "bad.exe", b"MZ", **fields)
    assert response.status_code == 400
    assert "Typed before a bad file." in response.content.decode()
    assert Submission.objects.get().comments.get().text == "Typed before a bad file."


def test_a_file_that_only_starts_like_a_pdf_is_refused(world, client_for):
    response = _attach(client_for("cso_a"), world.consultation, "fake.pdf", b"%PDF-1.4 junk")
    assert response.status_code == 400
    assert "not a readable PDF" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_zip_named_docx_is_refused_and_a_word_file_accepted(world, client_for):
    client = client_for("cso_a")
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("hello.txt", "not word")
    refused = _attach(client, world.consultation, "fake.docx", fake.getvalue())
    assert refused.status_code == 400
    assert "not a readable Word" in refused.content.decode()
    real = io.BytesIO()
    with zipfile.ZipFile(real, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    accepted = _attach(client, world.consultation, "input.docx", real.getvalue())
    assert accepted.status_code == 302
    assert Attachment.objects.get().original_name == "input.docx"
