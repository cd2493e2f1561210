"""A member's data download lists the audit events where they acted or were concerned."""

import pytest

from portal.actions import do_decide_membership, do_request_membership
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
