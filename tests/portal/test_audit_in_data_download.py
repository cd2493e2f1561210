"""A member's data download lists the audit events where they acted or were concerned."""

import pytest

from portal.actions import do_decide_membership, do_request_membership, do_suspend_user
from portal.audit import record
from portal.permissions import viewer_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_download_has_my_events_and_not_other_peoples(client, demo_user, group):
    member = UserFactory(email="joiner@cso.example.org")
    secretariat = demo_user("secretariat@example.org")
    membership = do_request_membership(
        member, group("Youth delegates"), organisation=None, reason="Campaigns"
    )
    do_decide_membership(
        viewer_for_user(secretariat, mfa_ok=True), membership, approve=True, message="Hi"
    )
    record(secretariat, "membership.approved", target=group("CSO members"), reason="Not mine")
    client.force_login(member)

    data = client.get("/me/data.json").json()

    trail = {(event["what"], event["by_you"]): event for event in data["audit_trail"]}
    assert set(trail) == {
        ("Personal data downloaded", True),
        ("Membership approved", False),
        ("Membership requested", True),
    }
    assert trail[("Membership requested", True)]["reason"] == "Campaigns"
    assert trail[("Membership requested", True)]["about"] == "Youth delegates"
    # Who else acted, and from which address, is theirs: not in my download.
    assert trail[("Membership approved", False)]["from_address"] is None
    assert "secretariat@example.org" not in str(data["audit_trail"])
    assert "Not mine" not in str(data)


def test_a_password_only_session_gets_no_detail_of_what_the_secretariat_did(
    client, demo_user, group
):
    secretariat = demo_user("secretariat@example.org")
    member = UserFactory()
    membership = do_request_membership(
        member, group("Youth delegates"), organisation=None, reason="Campaigns"
    )
    do_decide_membership(
        viewer_for_user(secretariat, mfa_ok=True),
        membership,
        approve=False,
        message="Declined: a private note on this applicant",
    )
    client.force_login(secretariat)  # no second factor in this session

    data = client.get("/me/data.json").json()

    declined = [e for e in data["audit_trail"] if e["what"] == "Membership declined"]
    assert len(declined) == 1
    assert declined[0]["by_you"] is True
    assert declined[0]["withheld"] is True
    assert "private note" not in str(data)
    assert "Youth delegates" not in str(data["audit_trail"])


def test_a_former_secretariat_member_gets_no_detail_of_what_they_decided_about_others(
    client, demo_user, group
):
    secretariat = demo_user("secretariat@example.org")
    member = UserFactory()
    membership = do_request_membership(
        member, group("Youth delegates"), organisation=None, reason="Campaigns"
    )
    do_decide_membership(
        viewer_for_user(secretariat, mfa_ok=True),
        membership,
        approve=False,
        message="Declined: a private note on this applicant",
    )
    # They leave the secretariat: the staff's notes on others are no longer theirs to read.
    do_suspend_user(viewer_for_user(secretariat, mfa_ok=True), secretariat, reason="Moved on")
    client.force_login(secretariat)

    data = client.get("/me/data.json").json()

    declined = [e for e in data["audit_trail"] if e["what"] == "Membership declined"]
    assert declined
    assert declined[0]["withheld"] is True
    assert "private note" not in str(data)


def test_the_author_does_not_learn_of_flags_or_the_moderators_reasons(client, demo_user):
    moderator = demo_user("secretariat@example.org")
    author = UserFactory()
    record(moderator, "flag.dismissed", target="post #1", subject=author, reason="Flagged by X")
    record(moderator, "post.hidden", target="post #1", subject=author, reason="Internal note")
    client.force_login(author)

    data = client.get("/me/data.json").json()

    verbs = [event["what"] for event in data["audit_trail"]]
    assert "Hid a post" in verbs
    assert "Dismissed a flag" not in verbs
    assert "Internal note" not in str(data)
    assert "Flagged by X" not in str(data)
