"""
The secretariat reads the one audit trail in the admin, filters it (verb, actor, kind of
object, days) and downloads what it shows as CSV or XLSX; nobody else sees it.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from portal.actions import do_decide_membership, do_request_membership
from portal.models import AuditEvent, StakeholderGroup
from portal.permissions import MFA_SESSION_KEY, viewer_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TRAIL = "/admin/membership/audit/"


def _client(user, *, mfa=True):
    client = Client()
    client.force_login(user)
    if mfa:
        session = client.session
        session[MFA_SESSION_KEY] = user.pk
        session.save()
    return client


@pytest.fixture
def secretariat_user(demo_user):
    return demo_user("secretariat@example.org")


@pytest.fixture
def approved(secretariat_user, group):
    """A member who asked to join and was approved: two events by two people."""
    # The demo seed granted memberships (audited too): start from an empty trail.
    AuditEvent.objects.all().delete()
    member = UserFactory(email="joiner@cso.example.org")
    membership = do_request_membership(
        member, group("Youth delegates"), organisation=None, reason="Campaigns"
    )
    do_decide_membership(
        viewer_for_user(secretariat_user, mfa_ok=True), membership, approve=True, message="Hi"
    )
    return member


def _rows(response) -> list[str]:
    """The verbs shown in the listing's table (the filter's options left aside)."""
    table = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    return [cell.split("</td>")[0] for cell in table.split("<td>")[1:] if "Membership" in cell]


def test_the_trail_filters_by_verb_actor_kind_of_object_and_days(secretariat_user, approved):
    client = _client(secretariat_user)

    everything = client.get(TRAIL)
    assert everything.status_code == 200
    assert _rows(everything) == ["Membership approved", "Membership requested"]

    assert _rows(client.get(TRAIL, {"verb": "membership.approved"})) == ["Membership approved"]
    assert _rows(client.get(TRAIL, {"actor": approved.email})) == ["Membership requested"]
    group_type = ContentType.objects.get_for_model(StakeholderGroup)
    assert len(_rows(client.get(TRAIL, {"target_type": group_type.pk}))) == 2
    tomorrow = timezone.localdate() + timedelta(days=1)
    later = client.get(TRAIL, {"since": tomorrow.isoformat()})
    assert _rows(later) == []
    assert "No events match." in later.content.decode()


def test_a_filter_that_makes_no_sense_is_a_400_with_a_message(secretariat_user, approved):
    today = timezone.localdate()
    response = _client(secretariat_user).get(
        TRAIL, {"since": today.isoformat(), "until": (today - timedelta(days=3)).isoformat()}
    )

    assert response.status_code == 400
    assert "The first day comes after the last." in response.content.decode()

    junk = _client(secretariat_user).get(TRAIL, {"verb": "x\x00", "since": "yesterday"})
    assert junk.status_code == 400


def test_the_filtered_trail_downloads_as_csv_and_xlsx(secretariat_user, approved):
    event = AuditEvent.objects.get(verb="membership.approved")
    client = _client(secretariat_user)

    response = client.get(TRAIL, {"verb": "membership.approved", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    header, row = rows
    assert row[header.index("Who")] == "secretariat@example.org"
    assert row[header.index("What")] == "Membership approved"
    assert row[header.index("Member concerned")] == approved.email
    assert row[header.index("About")] == "Youth delegates"
    assert row[header.index("Request id")] == event.request_id

    workbook = load_workbook(
        io.BytesIO(client.get(TRAIL, {"actor": approved.email, "format": "xlsx"}).content)
    )
    sheet = workbook.active
    assert sheet.max_row == 2
    assert [cell.value for cell in sheet[2]][2] == "Membership requested"


@pytest.mark.parametrize(
    ("email", "mfa"),
    [
        ("cso@example.org", True),
        ("moderator@example.org", True),
        ("secretariat@example.org", False),
    ],
)
def test_no_one_but_the_secretariat_with_its_second_factor_sees_or_downloads_it(
    demo_user, approved, email, mfa
):
    client = _client(demo_user(email), mfa=mfa)

    for query in ({}, {"format": "csv"}):
        response = client.get(TRAIL, query)
        assert response.status_code in (302, 403)
        assert approved.email.encode() not in response.content


def test_a_superuser_reads_the_trail(approved):
    superuser = UserFactory(is_superuser=True)

    response = _client(superuser).get(TRAIL)

    assert response.status_code == 200
    assert _rows(response) == ["Membership approved", "Membership requested"]
