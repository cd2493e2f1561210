"""Inviting someone who is already a member of the group is refused with a clear message."""

import pytest
from django.core import mail

from portal.models import Invitation
from portal.permissions import MFA_SESSION_KEY

pytestmark = pytest.mark.django_db


def test_inviting_an_existing_member_says_so_and_keeps_the_form(client, demo_user, group):
    secretariat = demo_user("secretariat@example.org")
    client.force_login(secretariat)
    session = client.session
    session[MFA_SESSION_KEY] = secretariat.pk
    session.save()

    response = client.post(
        "/admin/membership/invite/",
        {
            "email": "CSO@example.org",
            "group": group("CSO members").pk,
            "message": "Please join us",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "is already a member of CSO members" in page
    assert "Please join us" in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []
