"""The invitation screen lists the invitations sent, with whether each is accepted."""

import pytest

from portal.permissions import MFA_SESSION_KEY

pytestmark = pytest.mark.django_db


def test_a_sent_invitation_is_listed_as_waiting(client, demo_user, group):
    secretariat = demo_user("secretariat@example.org")
    client.force_login(secretariat)
    session = client.session
    session[MFA_SESSION_KEY] = secretariat.pk
    session.save()
    before = client.get("/admin/membership/invite/").content.decode()
    assert "No invitation has been sent yet." in before

    client.post(
        "/admin/membership/invite/",
        {"email": "new.focal.point@example.org", "group": group("CSO members").pk},
    )

    page = client.get("/admin/membership/invite/").content.decode()
    assert "new.focal.point@example.org" in page
    assert "Waiting; expires on" in page
