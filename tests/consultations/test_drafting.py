"""Drafts are saved on the server, with and without JavaScript, and never silently lost."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from consultations.models import Submission
from tests.consultations.conftest import draft_post, edit_url


def test_save_draft_without_javascript_keeps_the_text(world, client_for):
    client = client_for("cso_a")
    response = client.post(edit_url(world.consultation), draft_post(1, comment="Add fishing."))
    assert response.status_code == 302
    page = client.get(edit_url(world.consultation))
    assert page.status_code == 200
    assert "Add fishing." in page.content.decode()
    submission = Submission.objects.get()
    assert submission.organisation == world.organisations.a
    assert submission.status == Submission.Status.DRAFT


def test_a_colleague_continues_the_same_draft(world, client_for):
    client_for("cso_a").post(edit_url(world.consultation), draft_post(1, comment="First words."))
    page = client_for("cso_a2").get(edit_url(world.consultation))
    assert "First words." in page.content.decode()


def test_stale_form_save_is_a_conflict_showing_both_texts(world, client_for):
    first, second = client_for("cso_a"), client_for("cso_a2")
    first.post(edit_url(world.consultation), draft_post(1, comment="Version from A."))
    # Both loaded version 2; the colleague saves first.
    second.post(edit_url(world.consultation), draft_post(2, comment="Colleague's words."))
    response = first.post(edit_url(world.consultation), draft_post(2, comment="My own words."))
    assert response.status_code == 409
    body = response.content.decode()
    assert "My own words." in body
    assert "Colleague&#x27;s words." in body
    assert "Nothing was overwritten" in body
    assert Submission.objects.get().comments.get().text == "Colleague's words."


def _autosave(client, consultation, payload, kind="organisation"):
    return client.post(
        f"/consultations/{consultation.pk}/input/{kind}/autosave/",
        data=json.dumps(payload) if not isinstance(payload, str) else payload,
        content_type="application/json",
    )


def test_autosave_saves_and_returns_the_new_version(world, client_for):
    client = client_for("cso_a")
    payload = {"version": 1, "comments": {"policy-mou": {"text": "Typed.", "suggestion": ""}}}
    response = _autosave(client, world.consultation, payload)
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert "Typed." in client.get(edit_url(world.consultation)).content.decode()


def test_autosave_with_a_stale_version_is_a_409_with_their_text(world, client_for):
    client = client_for("cso_a")
    _autosave(client, world.consultation, {"version": 1, "comments": {}})
    colleague = client_for("cso_a2")
    payload = {"version": 2, "comments": {"policy-mou": {"text": "Colleague.", "suggestion": ""}}}
    assert _autosave(colleague, world.consultation, payload).status_code == 200
    stale = {"version": 2, "comments": {"policy-mou": {"text": "Mine.", "suggestion": ""}}}
    response = _autosave(client, world.consultation, stale)
    assert response.status_code == 409
    assert response.json()["theirs"]["comment-policy-mou"] == "Colleague."


def test_autosave_bad_input_answers_400_with_a_reason(world, client_for):
    client = client_for("cso_a")
    for payload in ("not json", {"comments": {}}, {"version": 1, "comments": ["x"]}, [1, 2]):
        response = _autosave(client, world.consultation, payload)
        assert response.status_code == 400, payload
        assert response.json()["reason"]


def test_autosave_signed_out_answers_401_with_a_reason(world, client):
    response = _autosave(client, world.consultation, {"version": 1})
    assert response.status_code == 401
    assert response.json()["error"] == "signed_out"


def test_text_posted_after_the_session_expired_comes_back_after_sign_in(world, people, client):
    EmailAddress.objects.create(
        user=people.cso_a, email=people.cso_a.email, verified=True, primary=True
    )
    response = client.post(
        edit_url(world.consultation), draft_post(1, comment="Long careful text.")
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    login = client.post(
        "/accounts/login/", {"login": people.cso_a.email, "password": "a-strong-test-password"}
    )
    assert login.status_code == 302
    page = client.get(edit_url(world.consultation))
    assert "Long careful text." in page.content.decode()
    assert "not saved yet" in page.content.decode()
    # Only once: the next visit shows what is saved (nothing yet).
    assert "Long careful text." not in client.get(edit_url(world.consultation)).content.decode()


def test_after_the_deadline_saving_is_refused_and_the_text_is_shown_back(world, client_for):
    client = client_for("cso_a")
    client.post(edit_url(world.consultation), draft_post(1, comment="Before."))
    world.consultation.closes_at = timezone.now() - timedelta(minutes=1)
    world.consultation.save()
    response = client.post(edit_url(world.consultation), draft_post(2, comment="Too late."))
    assert response.status_code == 400
    body = response.content.decode()
    assert "deadline" in body
    assert "Too late." in body
    assert Submission.objects.get().comments.get().text == "Before."
    page = client.get(edit_url(world.consultation))
    assert "read-only" in page.content.decode()


def test_the_deadline_is_exact_to_the_second(world, people, viewer):
    from consultations import actions
    from consultations.actions import DraftContent

    submission = actions.do_start_submission(viewer("cso_a"), world.consultation, "organisation")
    content = DraftContent(comments={"policy-laws": ("x", "")})
    closes = world.consultation.closes_at
    actions.do_save_draft(
        viewer("cso_a"), submission, version=1, content=content, now=closes - timedelta(seconds=1)
    )
    with pytest.raises(actions.ActionRefused, match="deadline"):
        actions.do_save_draft(viewer("cso_a"), submission, version=2, content=content, now=closes)
