"""The secretariat is told of a new join request, with a link to decide it."""

import pytest

from portal.actions import do_request_membership
from portal.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_join_request_tells_the_secretariat(portal_demo_data, group, demo_user):
    applicant = UserFactory(email="applicant@example.org")

    membership = do_request_membership(
        applicant, group("CSO members"), organisation=None, reason="Our CSO works on fishing"
    )

    told = Notification.objects.get(
        user=demo_user("secretariat@example.org"), kind="portal.join_request"
    )
    assert told.url == f"/admin/membership/requests/{membership.pk}/"
    assert "CSO members" in told.title
    assert not Notification.objects.filter(
        user=demo_user("cso@example.org"), kind="portal.join_request"
    ).exists()
