"""The secretariat is told when input is submitted, with a link to the inbox."""

from consultations import actions
from consultations.actions import DraftContent
from portal.models import Notification


def test_submitted_input_tells_the_secretariat(world, viewer, people):
    submission = actions.do_start_submission(viewer("cso_a"), world.consultation, "organisation")
    submission = actions.do_save_draft(
        viewer("cso_a"),
        submission,
        version=submission.version,
        content=DraftContent(comments={"policy-laws": ("On the laws.", "")}),
    )

    actions.do_submit(viewer("cso_a"), submission)

    told = Notification.objects.get(
        user=people.secretariat, kind="consultations.submission_received"
    )
    assert told.url == f"/consultations/{world.consultation.pk}/inbox/"
    assert not Notification.objects.filter(
        user=people.cso_b, kind="consultations.submission_received"
    ).exists()
