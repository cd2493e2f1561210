"""
Input in the one audit trail: autosaves of a draft are recorded once per run of saves by
one person (not once per autosave), and submitting is one event with its request.
"""

import json

import pytest

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import Submission
from portal.audit import events_about
from tests.consultations.conftest import draft_post, edit_url

pytestmark = pytest.mark.django_db


def _autosave(client, consultation, version, text):
    return client.post(
        f"/consultations/{consultation.pk}/input/organisation/autosave/",
        data=json.dumps(
            {
                "version": version,
                "confidentiality": "secretariat",
                "comments": {"policy-laws": {"text": text, "suggestion": ""}},
            }
        ),
        content_type="application/json",
    )


def test_a_run_of_autosaves_is_one_event_and_a_colleague_starts_another(
    world, client_for, viewer, people
):
    submission = actions.do_start_submission(viewer("cso_a"), world.consultation, "organisation")
    focal_point = client_for("cso_a")
    for version, text in enumerate(["T", "Th", "The", "The law"], start=1):
        assert _autosave(focal_point, world.consultation, version, text).status_code == 200
    assert _autosave(client_for("cso_a2"), world.consultation, 5, "The law, too").status_code == 200

    trail = list(events_about(submission).order_by("pk").values_list("verb", "actor", "changes"))
    assert trail == [
        ("submission.started", people.cso_a.pk, {}),
        ("submission.saved", people.cso_a.pk, {"version": 2}),
        ("submission.saved", people.cso_a2.pk, {"version": 6}),
    ]
    assert Submission.objects.get().comments.get().text == "The law, too"


def test_submitting_is_one_event_with_the_request_id(world, client_for, viewer, people):
    cso_a = viewer("cso_a")
    submission = actions.do_start_submission(cso_a, world.consultation, "organisation")
    submission = actions.do_save_draft(
        cso_a, submission, version=1, content=DraftContent(comments={"policy-laws": ("Hi", "")})
    )

    response = client_for("cso_a").post(
        edit_url(world.consultation),
        draft_post(submission.version, comment="Hi", action="submit"),
        headers={"X-Request-ID": "submit-request-7"},
    )

    assert response.status_code == 302
    submitted = events_about(submission).filter(verb="submission.submitted")
    assert submitted.count() == 1
    assert submitted.get().actor == people.cso_a
    assert submitted.get().request_id == "submit-request-7"
    assert submitted.get().get_verb_display() == "Input submitted"
