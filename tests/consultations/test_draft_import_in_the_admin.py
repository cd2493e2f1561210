"""The secretariat imports a round from Word in the admin; a bad file is a form error."""

import io

import pytest
from django.contrib.auth.models import Permission
from docx import Document

from consultations.wagtail_hooks import draft_import_button


def _docx_bytes(*paragraphs, heading="Policy and cooperation"):
    document = Document()
    document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "draft.docx"
    return buffer


@pytest.fixture
def admin_url(world, people):
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for persona in ("secretariat", "cso_a"):
        getattr(people, persona).user_permissions.add(access_admin)
    return f"/admin/consultations/{world.consultation.pk}/import-draft-text/"


def test_the_secretariat_imports_a_new_round(world, people, client_for, admin_url):
    client = client_for("secretariat")
    assert client.get(admin_url).status_code == 200
    # The page's header in the admin links to it.
    buttons = draft_import_button(world.consultation.page_ptr, people.secretariat, "edit")
    assert [button.url for button in buttons] == [admin_url]

    response = client.post(
        admin_url,
        {"file": _docx_bytes("Countries review their laws by 2027."), "note": "From Word"},
    )
    assert response.status_code == 302
    new_round = world.consultation.current_round()
    assert (new_round.number, new_round.note) == (2, "From Word")
    assert new_round.paragraphs.get().text == "Countries review their laws by 2027."
    after = client.get(response["Location"]).content.decode()
    assert "Round 2 imported: 1 paragraph." in after
    assert "The draft is in round 2." in after


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7 not a word file", b"PK\x03\x04 broken", b"just text"]
)
def test_a_file_that_is_not_a_docx_is_a_form_error_not_a_500(world, client_for, admin_url, content):
    upload = io.BytesIO(content)
    upload.name = "draft.docx"
    response = client_for("secretariat").post(admin_url, {"file": upload})
    assert response.status_code == 400
    assert "cannot be read as a Word document" in response.content.decode()
    assert world.consultation.rounds.count() == 1


def test_a_member_who_is_not_the_secretariat_cannot_import(world, client_for, admin_url):
    client = client_for("cso_a")
    assert client.get(admin_url).status_code in (302, 403, 404)
    client.post(admin_url, {"file": _docx_bytes("Hijacked text.")})
    assert world.consultation.rounds.count() == 1
