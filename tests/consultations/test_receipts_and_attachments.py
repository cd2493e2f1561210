"""Submitting sends a receipt with a copy; re-submitting sends another; attachments are checked."""

from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import actions
from consultations.models import Attachment, Submission
from tests.consultations.conftest import draft_post, edit_url
from tests.consultations.pdfs import tiny_pdf


def _submit(client, consultation, version, capture, **fields):
    with capture(execute=True):
        return client.post(edit_url(consultation), draft_post(version, action="submit", **fields))


def test_receipt_email_carries_a_copy_of_the_submission(
    world, people, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    question = world.consultation.guiding_questions.get()
    response = _submit(
        client_for("cso_a"),
        world.consultation,
        1,
        django_capture_on_commit_callbacks,
        comment="Include men in the victim definition.",
        suggestion="…all persons, including men and boys…",
        question=question,
        answer="Online recruitment.",
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [people.cso_a.email]
    assert "Receipt" in email.subject
    assert "Include men in the victim definition." in email.body
    assert "…all persons, including men and boys…" in email.body
    assert "Online recruitment." in email.body
    assert "Org A" in email.body
    assert Submission.objects.get().status == Submission.Status.SUBMITTED


def test_resubmitting_before_the_deadline_sends_a_new_receipt(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("cso_a")
    _submit(client, world.consultation, 1, django_capture_on_commit_callbacks, comment="First.")
    # Submitted input is locked: the focal point reopens it to change it.
    assert client.post(edit_url(world.consultation), {"action": "reopen"}).status_code == 302
    _submit(client, world.consultation, 2, django_capture_on_commit_callbacks, comment="Second.")
    assert len(mailoutbox) == 2
    assert "Second." in mailoutbox[1].body
    assert Submission.objects.get().comments.get().text == "Second."


def test_an_empty_submission_is_refused(world, client_for, mailoutbox):
    response = client_for("cso_a").post(
        edit_url(world.consultation), draft_post(1, action="submit")
    )
    assert response.status_code == 400
    assert "nothing to submit" in response.content.decode()
    assert mailoutbox == []


def _upload(client, consultation, name, content):
    return client.post(
        f"/consultations/{consultation.pk}/input/organisation/attachments/",
        {"file": SimpleUploadedFile(name, content)},
    )


def test_a_pdf_attachment_is_accepted(world, client_for):
    client = client_for("cso_a")
    response = _upload(client, world.consultation, "input.pdf", tiny_pdf())
    assert response.status_code == 302
    page = client.get(edit_url(world.consultation)).content.decode()
    assert "input.pdf" in page


def test_wrong_type_disguised_type_and_oversized_attachments_are_refused(world, client_for):
    client = client_for("cso_a")
    wrong = _upload(client, world.consultation, "script.exe", b"MZ")
    assert wrong.status_code == 400
    assert "PDF or a Word" in wrong.content.decode()
    disguised = _upload(client, world.consultation, "fake.pdf", b"<html>not a pdf</html>")
    assert disguised.status_code == 400
    too_big = b"%PDF-" + b"0" * (actions.ATTACHMENT_MAX_BYTES + 1)
    oversized = _upload(client, world.consultation, "big.pdf", too_big)
    assert oversized.status_code == 400
    assert "too large" in oversized.content.decode()
    assert Attachment.objects.count() == 0


def test_another_organisation_cannot_download_an_attachment(world, client_for):
    _upload(client_for("cso_a"), world.consultation, "input.pdf", tiny_pdf("secret"))
    attachment = Attachment.objects.get()
    url = f"/consultations/{world.consultation.pk}/attachments/{attachment.pk}/"
    assert client_for("cso_a2").get(url).status_code == 200
    assert client_for("cso_b").get(url).status_code == 404
    assert client_for("secretariat").get(url).status_code == 200
