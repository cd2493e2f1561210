"""Ids beyond 64 bits, malformed JSON, wrong types and NUL bytes: a clear 4xx, never a 500."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import Comment, Submission
from tests.consultations.conftest import draft_post, edit_url

HUGE = ["99999999999999999999999", str(2**63), str(2**64 + 1)]


@pytest.mark.parametrize("huge", HUGE)
@pytest.mark.parametrize("persona", ["anonymous", "cso_a", "secretariat"])
def test_huge_ids_in_every_consultation_url_are_not_found(world, client_for, persona, huge):
    client = client_for(persona)
    pk = world.consultation.pk
    for method, url in [
        ("get", f"/consultations/{huge}/input/organisation/"),
        ("post", f"/consultations/{huge}/input/organisation/autosave/"),
        ("post", f"/consultations/{huge}/input/organisation/attachments/"),
        ("get", f"/consultations/{huge}/attachments/1/"),
        ("get", f"/consultations/{pk}/attachments/{huge}/"),
        ("get", f"/consultations/{huge}/rounds/2/changes/"),
        ("get", f"/consultations/{pk}/rounds/{huge}/changes/"),
        ("get", f"/consultations/{huge}/inbox/"),
        ("post", f"/consultations/{pk}/inbox/{huge}/respond/"),
        ("post", f"/consultations/{huge}/inbox/publish/"),
        ("get", f"/consultations/{huge}/export.csv"),
    ]:
        response = getattr(client, method)(url)
        if persona == "anonymous" and response.status_code in (302, 401):
            # Asked to sign in first (the secretariat's pages, autosave): also not a 500.
            assert response.status_code == 401 or "/accounts/login/" in response["Location"]
            continue
        assert response.status_code == 404, (url, response.status_code)


def _autosave(client, consultation, body):
    return client.post(
        f"/consultations/{consultation.pk}/input/organisation/autosave/",
        data=body,
        content_type="application/json",
    )


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[" * 3000,
        '{"version": ' + "[" * 3000,
        b"\xff\xfe not utf-8",
        json.dumps({"version": "1", "comments": {}}),
        json.dumps({"version": True, "comments": {}}),
        json.dumps({"version": 1.5, "comments": {}}),
        json.dumps({"version": 2**70, "comments": {}}),
        json.dumps({"version": -1, "comments": {}}),
        json.dumps({"version": 1, "comments": {"policy-laws": {"text": 5}}}),
        json.dumps({"version": 1, "answers": {"²": "x"}}),
        json.dumps({"version": 1, "answers": {"1" * 30: "x"}}),
        json.dumps({"version": 1, "confidentiality": ["attributed"]}),
        json.dumps({"version": 1, "comments": {"policy-laws": {"text": "a\x00b"}}}),
        json.dumps({"version": 1, "confidentiality": "secretariat\x00"}),
    ],
)
def test_malformed_autosave_is_a_400_with_a_reason(world, client_for, body):
    response = _autosave(client_for("cso_a"), world.consultation, body)
    assert response.status_code == 400, response.content
    assert response.json()["error"] == "bad_request"
    assert response.json()["reason"]
    assert not Comment.objects.exists()


def test_a_nul_byte_in_the_form_is_a_400_that_keeps_the_text(world, client_for):
    response = client_for("cso_a").post(
        edit_url(world.consultation), draft_post(1, comment="Before\x00after")
    )
    assert response.status_code == 400
    assert "Before" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_huge_version_in_the_form_is_a_conflict_not_a_500(world, client_for, viewer):
    actions.do_start_submission(viewer("cso_a"), world.consultation, "organisation")
    response = client_for("cso_a").post(
        edit_url(world.consultation), draft_post(HUGE[0], comment="Kept.")
    )
    assert response.status_code == 409
    assert "Kept." in response.content.decode()


def test_a_nul_byte_in_an_attachment_name_is_not_a_500(world, client_for):
    response = client_for("cso_a").post(
        f"/consultations/{world.consultation.pk}/input/organisation/attachments/",
        {"file": SimpleUploadedFile("a\x00b.pdf", b"%PDF-1.4")},
    )
    assert response.status_code < 500


@pytest.mark.parametrize(
    "query",
    [
        "paragraph=%00",
        "country=%00",
        "organisation_type=%00",
        "country=%C2%B2",
        "paragraph=" + "x" * 5000,
        "country=99999999999999999999999",
    ],
)
def test_inbox_filters_with_bad_values_answer_normally(world, client_for, query):
    response = client_for("secretariat").get(
        f"/consultations/{world.consultation.pk}/inbox/?{query}"
    )
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "1\x00", "-1"])
def test_respond_with_a_bad_paragraph_id_is_not_a_500(world, client_for, viewer, value):
    cso_a = viewer("cso_a")
    submission = actions.do_start_submission(cso_a, world.consultation, "organisation")
    submission = actions.do_save_draft(
        cso_a, submission, version=1, content=DraftContent(comments={"policy-laws": ("x", "")})
    )
    actions.do_submit(cso_a, submission)
    comment = Comment.objects.get()
    response = client_for("secretariat").post(
        f"/consultations/{world.consultation.pk}/inbox/{comment.pk}/respond/",
        {"outcome": "accepted", "explanation": "Thanks.", "resulting_paragraph": value},
    )
    assert response.status_code in (302, 400)
    assert Submission.objects.count() == 1
