"""
Submitted input is what the focal point sent: nobody changes it in place. The focal
point reopens it, changes it and submits again; only the focal point chooses who may
see it; every step is in the consultation's audit trail.
"""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import Attachment, Confidentiality, Submission
from portal.audit import events_about
from tests.consultations.conftest import draft_post, edit_url
from tests.consultations.pdfs import tiny_pdf

SECRET = "Confidential remark about a named official."


@pytest.fixture
def submitted(world, viewer):
    cso_a = viewer("cso_a")
    submission = actions.do_start_submission(cso_a, world.consultation, "organisation")
    content = DraftContent(comments={"policy-laws": (SECRET, "")}, confidentiality="secretariat")
    submission = actions.do_save_draft(cso_a, submission, version=1, content=content)
    return actions.do_submit(cso_a, submission)


def _autosave(client, consultation, payload):
    return client.post(
        f"/consultations/{consultation.pk}/input/organisation/autosave/",
        data=json.dumps(payload),
        content_type="application/json",
    )


def _publicise(version):
    return {
        "version": version,
        "confidentiality": "attributed",
        "comments": {"policy-laws": {"text": "Changed behind your back", "suggestion": ""}},
    }


@pytest.mark.parametrize("persona", ["cso_a2", "cso_a"])
def test_autosave_of_submitted_input_is_refused_with_a_reason(
    world, client_for, submitted, persona
):
    response = _autosave(client_for(persona), world.consultation, _publicise(submitted.version))
    assert response.status_code == 409
    assert "submitted" in response.json()["reason"]
    kept = Submission.objects.get(pk=submitted.pk)
    assert kept.comments.get().text == SECRET
    assert kept.confidentiality == Confidentiality.SECRETARIAT_ONLY


def test_a_colleague_cannot_publish_submitted_input_in_the_report(world, client_for, submitted):
    client = client_for("cso_a2")
    _autosave(client, world.consultation, _publicise(submitted.version))
    form = client.post(
        edit_url(world.consultation),
        draft_post(
            submitted.version, comment="Changed behind your back", confidentiality="attributed"
        ),
    )
    assert form.status_code == 409
    assert "Changed behind your back" in form.content.decode()  # their text is shown back
    world.consultation.closes_at = timezone.now() - timedelta(minutes=1)
    world.consultation.save()
    report = client_for("anonymous").get(world.consultation.url + "how-your-input-was-used/")
    assert "Changed behind your back" not in report.content.decode()
    assert "Org A" not in report.content.decode()


def test_attaching_to_submitted_input_is_refused(world, client_for, submitted):
    response = client_for("cso_a2").post(
        f"/consultations/{world.consultation.pk}/input/organisation/attachments/",
        {"file": SimpleUploadedFile("late.pdf", tiny_pdf())},
    )
    assert response.status_code == 409
    assert "submitted" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_only_the_focal_point_sees_and_uses_the_reopen_button(world, client_for, submitted):
    colleague = client_for("cso_a2")
    assert "Reopen" not in colleague.get(edit_url(world.consultation)).content.decode()
    refused = colleague.post(edit_url(world.consultation), {"action": "reopen"})
    assert refused.status_code == 403
    assert Submission.objects.get().status == Submission.Status.SUBMITTED
    focal_point = client_for("cso_a")
    assert "Reopen" in focal_point.get(edit_url(world.consultation)).content.decode()


def test_reopen_change_and_resubmit_are_audited(
    world, client_for, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("cso_a")
    response = client.post(edit_url(world.consultation), {"action": "reopen"})
    assert response.status_code == 302
    assert Submission.objects.get().status == Submission.Status.DRAFT
    version = Submission.objects.get().version
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(world.consultation),
            draft_post(version, comment="Revised.", confidentiality="anonymous", action="submit"),
        )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.confidentiality == Confidentiality.ANONYMOUS
    assert "Revised." in mailoutbox[-1].body
    actions_logged = list(events_about(submission).order_by("pk").values_list("verb", "changes"))
    names = [name for name, _ in actions_logged]
    assert names[-4:] == [
        "submission.reopened",
        "submission.saved",
        "submission.confidentiality_changed",
        "submission.resubmitted",
    ]
    assert (
        "submission.confidentiality_changed",
        {"confidentiality": ["secretariat", "anonymous"]},
    ) in actions_logged


def test_a_colleague_drafts_text_but_not_confidentiality(world, client_for, viewer):
    focal_point = viewer("cso_a")
    submission = actions.do_start_submission(focal_point, world.consultation, "organisation")
    colleague = client_for("cso_a2")
    page = colleague.get(edit_url(world.consultation)).content.decode()
    assert 'name="confidentiality"' not in page
    assert "focal point" in page
    text_only = colleague.post(
        edit_url(world.consultation),
        {"version": submission.version, "comment-policy-laws": "Mine."},
    )
    assert text_only.status_code == 302
    switched = _autosave(colleague, world.consultation, _publicise(submission.version + 1))
    assert switched.status_code == 403
    assert "focal point" in switched.json()["reason"]
    submission.refresh_from_db()
    assert submission.confidentiality == Confidentiality.SECRETARIAT_ONLY
    assert submission.comments.get().text == "Mine."
