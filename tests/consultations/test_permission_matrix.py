"""
Who may read the consultation, see and edit organisation A's draft, submit, see a
confidential submission, open the inbox and export — for every persona.
"""

import pytest

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import Submission
from tests.consultations.conftest import draft_post, edit_url

PERSONAS = ["anonymous", "pending", "cso_a", "cso_a2", "cso_b", "youth", "gov", "secretariat"]

CAN_READ = set(PERSONAS)  # the consultation page is public
CAN_EDIT_ORG_A = {"cso_a", "cso_a2"}
CAN_SUBMIT_ORG_A = {"cso_a"}  # the focal point: the member who started it
CAN_SEE_CONFIDENTIAL = {"cso_a", "cso_a2", "secretariat"}
CAN_REVIEW = {"secretariat"}

SECRET = "Confidential remark about a named official."


@pytest.fixture
def org_a_submitted(world, viewer):
    """Organisation A's input, submitted as secretariat-only."""
    cso_a = viewer("cso_a")
    submission = actions.do_start_submission(cso_a, world.consultation, "organisation")
    content = DraftContent(comments={"policy-laws": (SECRET, "")}, confidentiality="secretariat")
    submission = actions.do_save_draft(cso_a, submission, version=1, content=content)
    actions.do_submit(cso_a, submission)
    return submission


def _refused(response):
    if response.status_code == 404:
        return True
    return response.status_code == 302 and "/accounts/" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_read_consultation(world, client_for, persona):
    response = client_for(persona).get(world.consultation.url)
    assert (response.status_code == 200) == (persona in CAN_READ)
    assert "Member countries review their anti-trafficking laws." in response.content.decode()


@pytest.fixture
def org_a_reopened(world, viewer, org_a_submitted):
    """Organisation A's submitted input, reopened for changes by its focal point."""
    return actions.do_reopen_submission(viewer("cso_a"), org_a_submitted)


@pytest.mark.parametrize("persona", PERSONAS)
def test_see_and_edit_org_a_draft(world, client_for, org_a_reopened, persona):
    org_a_submitted = org_a_reopened
    client = client_for(persona)
    page = client.get(edit_url(world.consultation))
    sees_draft = page.status_code == 200 and SECRET in page.content.decode()
    assert sees_draft == (persona in CAN_EDIT_ORG_A)
    if persona not in CAN_EDIT_ORG_A:
        assert page.status_code != 200 or SECRET not in page.content.decode()
    client.post(edit_url(world.consultation), draft_post(org_a_submitted.version, comment="Hijack"))
    org_a = Submission.objects.get(pk=org_a_submitted.pk)
    changed = org_a.comments.filter(text="Hijack").exists()
    assert changed == (persona in CAN_EDIT_ORG_A)


@pytest.mark.parametrize("persona", PERSONAS)
def test_submit_org_a(
    world,
    people,
    client_for,
    org_a_reopened,
    mailoutbox,
    django_capture_on_commit_callbacks,
    persona,
):
    org_a_submitted = org_a_reopened
    mailoutbox.clear()
    client = client_for(persona)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            edit_url(world.consultation),
            draft_post(org_a_submitted.version, comment=SECRET, action="submit"),
        )
    resubmitted = Submission.objects.get(pk=org_a_submitted.pk).submitted_at
    # Others (org B, youth) may submit their own input; org A's is untouched by them.
    receipts_for_a = [m for m in mailoutbox if m.to == [people.cso_a.email]]
    assert (len(receipts_for_a) == 1) == (persona in CAN_SUBMIT_ORG_A)
    assert (resubmitted != org_a_submitted.submitted_at) == (persona in CAN_SUBMIT_ORG_A)


def test_a_colleague_who_is_not_the_focal_point_is_told_who_submits(
    world, client_for, org_a_reopened
):
    response = client_for("cso_a2").post(
        edit_url(world.consultation),
        draft_post(org_a_reopened.version, comment="Edited", action="submit"),
    )
    assert response.status_code == 403
    assert "focal point" in response.content.decode()
    assert Submission.objects.get().comments.get().text == "Edited"  # the draft is kept


@pytest.mark.parametrize("persona", PERSONAS)
def test_confidential_submission_visibility(world, client_for, org_a_submitted, persona):
    client = client_for(persona)
    seen = False
    for url in (
        world.consultation.url,
        world.consultation.url + "how-your-input-was-used/",
        edit_url(world.consultation),
        f"/consultations/{world.consultation.pk}/inbox/",
        f"/consultations/{world.consultation.pk}/export.csv",
    ):
        response = client.get(url)
        if response.status_code == 200 and SECRET in response.content.decode():
            seen = True
    assert seen == (persona in CAN_SEE_CONFIDENTIAL)


@pytest.mark.parametrize("persona", PERSONAS)
def test_inbox_and_exports(world, client_for, org_a_submitted, persona):
    client = client_for(persona)
    for url in (
        f"/consultations/{world.consultation.pk}/inbox/",
        f"/consultations/{world.consultation.pk}/export.csv",
        f"/consultations/{world.consultation.pk}/export.xlsx",
    ):
        response = client.get(url)
        if persona in CAN_REVIEW:
            assert response.status_code == 200, url
        else:
            assert _refused(response), (url, response.status_code)


def test_secretariat_without_second_factor_is_sent_to_use_it(world, people, client):
    client.force_login(people.secretariat)
    response = client.get(f"/consultations/{world.consultation.pk}/inbox/")
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"] or "reauthenticate" in response["Location"]


def test_youth_delegate_submits_individually_when_allowed(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("youth")
    url = edit_url(world.consultation, "individual")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, draft_post(1, comment="Youth view.", action="submit"))
    assert response.status_code == 302
    submission = Submission.objects.get(kind="individual")
    assert submission.status == Submission.Status.SUBMITTED
    assert len(mailoutbox) == 1


def test_individual_input_is_refused_when_the_consultation_does_not_allow_it(world, client_for):
    world.consultation.allows_individual_youth_submissions = False
    world.consultation.save()
    response = client_for("youth").get(edit_url(world.consultation, "individual"))
    assert response.status_code == 404
    assert client_for("cso_a").get(edit_url(world.consultation, "individual")).status_code == 404
