"""'How your input was used': publishable input with responses; confidential input never."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations import actions
from consultations.actions import DraftContent
from portal.models import AuditEvent, Notification

CONFIDENTIAL = "Only for the secretariat: a named official."
ATTRIBUTED = "Attributed: cover men and boys."
ANONYMOUS = "Anonymous: shelters for men."


def _submit(viewer, consultation, kind, text, confidentiality):
    submission = actions.do_start_submission(viewer, consultation, kind)
    content = DraftContent(comments={"policy-laws": (text, "")}, confidentiality=confidentiality)
    submission = actions.do_save_draft(
        viewer, submission, version=submission.version, content=content
    )
    return actions.do_submit(viewer, submission)


@pytest.fixture
def closed_with_input(world, viewer):
    consultation = world.consultation
    _submit(viewer("cso_a"), consultation, "organisation", CONFIDENTIAL, "secretariat")
    _submit(viewer("cso_b"), consultation, "organisation", ATTRIBUTED, "attributed")
    _submit(viewer("youth"), consultation, "individual", ANONYMOUS, "anonymous")
    second = actions.do_start_next_round(
        None, consultation, changes={"policy-laws": "Laws cover men, women and children."}
    )
    secretariat = viewer("secretariat")
    for comment in (
        consultation.rounds.get(number=1).paragraphs.get(anchor="policy-laws").comments.all()
    ):
        actions.do_respond(
            secretariat,
            comment,
            outcome="accepted",
            explanation=f"Taken up ({comment.submission.kind}).",
            resulting_paragraph=second.paragraphs.get(anchor="policy-laws"),
        )
    consultation.closes_at = timezone.now() - timedelta(hours=1)
    consultation.save()
    return consultation


def report_url(consultation):
    return consultation.url + "how-your-input-was-used/"


def test_report_waits_for_the_deadline(world, viewer, client):
    _submit(viewer("cso_b"), world.consultation, "organisation", ATTRIBUTED, "attributed")
    body = client.get(report_url(world.consultation)).content.decode()
    assert "published after the consultation closes" in body
    assert ATTRIBUTED not in body


def test_report_shows_publishable_input_never_confidential(closed_with_input, viewer, client):
    actions.do_publish_responses(viewer("secretariat"), closed_with_input)
    response = client.get(report_url(closed_with_input))
    assert response.status_code == 200
    body = response.content.decode()
    assert ATTRIBUTED in body
    assert "Org B" in body
    assert ANONYMOUS in body
    assert "Anonymous contributor" in body
    assert CONFIDENTIAL not in body
    assert "Org A" not in body
    assert "3 comments received." in body
    assert "Laws cover men, women and children." in body
    assert "Taken up (organisation)." in body
    assert 'href="#round-2-policy-laws"' in body


def test_responses_appear_only_once_published_and_submitters_are_notified(
    closed_with_input, viewer, people, client
):
    assert "Taken up" not in client.get(report_url(closed_with_input)).content.decode()
    actions.do_publish_responses(viewer("secretariat"), closed_with_input)
    assert "Taken up" in client.get(report_url(closed_with_input)).content.decode()
    notified = set(
        Notification.objects.filter(kind="consultation.responses").values_list("user", flat=True)
    )
    assert notified == {people.cso_a.pk, people.cso_b.pk, people.youth.pk}


def test_responses_are_audited(closed_with_input):
    assert AuditEvent.objects.filter(verb="response.created").count() == 3


def test_a_response_must_explain_and_link_only_later_rounds(world, viewer):
    submission = _submit(
        viewer("cso_b"), world.consultation, "organisation", ATTRIBUTED, "attributed"
    )
    comment = submission.comments.get()
    with pytest.raises(actions.ActionRefused):
        actions.do_respond(viewer("secretariat"), comment, outcome="accepted", explanation=" ")
    with pytest.raises(actions.ActionRefused):
        actions.do_respond(
            viewer("secretariat"),
            comment,
            outcome="accepted",
            explanation="ok",
            resulting_paragraph=comment.paragraph,
        )
    with pytest.raises(actions.ActionRefused):
        actions.do_respond(viewer("cso_b"), comment, outcome="accepted", explanation="self")


def test_a_youth_delegates_attributed_input_appears_under_their_pseudonym(world, viewer, client):
    """Youth delegates (some under 18) appear by pseudonym outside the secretariat's view."""
    people_youth = viewer("youth").user
    people_youth.pseudonym = "RiverKite"
    people_youth.display_name = "Linh Real-Name"
    people_youth.save()
    _submit(viewer("youth"), world.consultation, "individual", ATTRIBUTED, "attributed")
    world.consultation.closes_at = timezone.now() - timedelta(hours=1)
    world.consultation.save()
    actions.do_publish_responses(viewer("secretariat"), world.consultation)
    body = client.get(report_url(world.consultation)).content.decode()
    assert ATTRIBUTED in body
    assert "RiverKite" in body
    assert "Linh Real-Name" not in body
