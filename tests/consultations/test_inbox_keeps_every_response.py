"""
The inbox is one form: answering one comment never erases what was typed for another,
a refused response comes back with its text, and nothing is preselected.
"""

import re

from consultations import actions
from consultations.actions import DraftContent


def _submit(viewer, consultation, comments):
    submission = actions.do_start_submission(viewer, consultation, "organisation")
    content = DraftContent(
        comments={anchor: (text, "") for anchor, text in comments.items()},
        confidentiality="attributed",
    )
    submission = actions.do_save_draft(
        viewer, submission, version=submission.version, content=content
    )
    return actions.do_submit(viewer, submission)


def _two_comments(world, viewer):
    submission = _submit(
        viewer("cso_a"),
        world.consultation,
        {"policy-laws": "On the laws.", "policy-mou": "On the MoUs."},
    )
    return list(submission.comments.order_by("pk"))


def test_unanswered_comments_have_no_outcome_chosen(world, viewer, client_for):
    _two_comments(world, viewer)

    page = client_for("secretariat").get(f"/consultations/{world.consultation.pk}/inbox/")

    selected = re.findall(r'<option value="([^"]*)" selected>', page.content.decode())
    assert "accepted" not in selected
    assert selected.count("") >= 2  # "— choose —" for each comment


def test_answering_two_comments_in_one_submit_keeps_both(world, viewer, client_for):
    laws, mou = _two_comments(world, viewer)
    client = client_for("secretariat")

    response = client.post(
        f"/consultations/{world.consultation.pk}/inbox/responses/",
        {
            f"outcome-{laws.pk}": "accepted",
            f"explanation-{laws.pk}": "Taken into the law section.",
            f"outcome-{mou.pk}": "not_accepted",
            f"explanation-{mou.pk}": "The MoU is out of the plan's reach.",
            "saved_from": str(laws.pk),
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{laws.pk}")
    laws.refresh_from_db()
    mou.refresh_from_db()
    assert laws.response.explanation == "Taken into the law section."
    assert mou.response.explanation == "The MoU is out of the plan's reach."


def test_a_refused_response_keeps_every_typed_text(world, viewer, client_for):
    laws, mou = _two_comments(world, viewer)
    client = client_for("secretariat")

    response = client.post(
        f"/consultations/{world.consultation.pk}/inbox/responses/",
        {
            f"outcome-{laws.pk}": "accepted",
            f"explanation-{laws.pk}": "Saved fine.",
            # No outcome chosen: refused, but the text typed must come back.
            f"outcome-{mou.pk}": "",
            f"explanation-{mou.pk}": "Half-written thoughts on the MoU.",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Half-written thoughts on the MoU." in page
    assert "Saved fine." in page
    assert "Choose an outcome." in page
    laws.refresh_from_db()
    assert laws.response.explanation == "Saved fine."
    assert not type(mou).objects.filter(pk=mou.pk, response__isnull=False).exists()
