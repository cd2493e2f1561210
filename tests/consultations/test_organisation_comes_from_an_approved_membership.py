"""
An organisation's input belongs to the approved members of an eligible group whose
membership names that organisation. A pending request, or the organisation on
someone's profile, grants nothing.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import Attachment, Confidentiality, Submission
from consultations.sections import my_drafts
from portal.actions import do_decide_membership
from portal.models import Membership
from tests.consultations.conftest import draft_post, edit_url
from tests.consultations.pdfs import tiny_pdf
from tests.portal.factories import MembershipFactory, member_of

SECRET = "Secretariat-only note on a border official."


@pytest.fixture
def org_a_draft(world, viewer):
    cso_a = viewer("cso_a")
    submission = actions.do_start_submission(cso_a, world.consultation, "organisation")
    content = DraftContent(comments={"policy-laws": (SECRET, "")}, confidentiality="secretariat")
    submission = actions.do_save_draft(cso_a, submission, version=1, content=content)
    actions.do_add_attachment(
        cso_a, submission, SimpleUploadedFile("evidence.pdf", tiny_pdf("Attached secret"))
    )
    return submission


@pytest.fixture
def requester(world):
    """
    An approved youth delegate with no organisation who asked to join "CSO members"
    naming organisation A. The request is pending; the profile names organisation A
    (what the join request used to do, and what anyone's profile may say).
    """
    user = member_of(world.groups["youth"])
    MembershipFactory(
        user=user,
        group=world.groups["cso"],
        status=Membership.Status.PENDING,
        organisation=world.organisations.a,
    )
    user.organisation = world.organisations.a
    user.save()
    client = Client()
    client.force_login(user)
    return user, client


def test_a_pending_request_does_not_open_the_organisations_draft(world, org_a_draft, requester):
    _, client = requester
    page = client.get(edit_url(world.consultation))
    assert SECRET not in page.content.decode()
    attachment = Attachment.objects.get()
    download = client.get(f"/consultations/{world.consultation.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 404


def test_a_pending_request_cannot_overwrite_the_organisations_draft(world, org_a_draft, requester):
    _, client = requester
    client.post(
        f"/consultations/{world.consultation.pk}/input/organisation/autosave/",
        data=json.dumps(
            {
                "version": org_a_draft.version,
                "confidentiality": "attributed",
                "comments": {"policy-laws": {"text": "Overwritten", "suggestion": ""}},
            }
        ),
        content_type="application/json",
    )
    client.post(
        edit_url(world.consultation),
        draft_post(org_a_draft.version, comment="Overwritten", confidentiality="attributed"),
    )
    org_a = Submission.objects.get(pk=org_a_draft.pk)
    assert org_a.comments.get().text == SECRET
    assert org_a.confidentiality == Confidentiality.SECRETARIAT_ONLY


def test_the_dashboard_does_not_list_the_organisations_draft(world, org_a_draft, requester, rf):
    user, _ = requester
    request = rf.get("/")
    request.user = user
    request.session = {}
    assert my_drafts(request) == []


def test_once_approved_for_an_eligible_group_the_member_works_on_the_draft(
    world, org_a_draft, requester, viewer
):
    user, client = requester
    request = Membership.objects.get(user=user, group=world.groups["cso"])
    do_decide_membership(viewer("secretariat"), request, approve=True)
    assert SECRET in client.get(edit_url(world.consultation)).content.decode()


def test_an_approved_membership_of_a_group_not_invited_does_not_count(
    world, org_a_draft, requester
):
    """The organisation counts only for the group that approved it, if that group is invited."""
    user, client = requester
    Membership.objects.filter(user=user, group=world.groups["cso"]).delete()
    world.consultation.eligible_groups.set([world.groups["youth"]])
    world.consultation.save_revision().publish()
    # Approved in CSO members (not invited now) naming organisation A; youth is invited.
    MembershipFactory(user=user, group=world.groups["cso"], organisation=world.organisations.a)
    assert SECRET not in client.get(edit_url(world.consultation)).content.decode()
