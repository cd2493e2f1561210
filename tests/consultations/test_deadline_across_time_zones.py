"""
A deadline is a moment in the consultation's own time zone: 23:59 in Yangon is 17:29 UTC,
whatever zone the server runs in and whoever reads it.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import ConsultationPage, Submission
from tests.consultations.conftest import draft_post, edit_url

YANGON = ZoneInfo("Asia/Yangon")
DEADLINE_IN_YANGON = datetime(2027, 3, 15, 23, 59, tzinfo=YANGON)
ONE_MINUTE_BEFORE = datetime(2027, 3, 15, 17, 28, tzinfo=UTC)  # 23:58 in Yangon
AT_THE_DEADLINE = datetime(2027, 3, 15, 17, 29, tzinfo=UTC)  # 23:59 in Yangon
ONE_MINUTE_AFTER = datetime(2027, 3, 15, 17, 30, tzinfo=UTC)

SERVER_ZONES = ["Asia/Bangkok", "UTC", "America/Los_Angeles", "Pacific/Kiritimati"]


@pytest.fixture
def yangon_consultation(world, settings, request):
    settings.TIME_ZONE = request.param
    timezone.deactivate()
    page = world.consultation
    page.opens_at = datetime(2027, 3, 1, 9, 0, tzinfo=YANGON)
    page.closes_at = DEADLINE_IN_YANGON
    page.time_zone = "Asia/Yangon"
    page.save_revision().publish()
    # Read back from the database, as every request does.
    return ConsultationPage.objects.get(pk=page.pk)


pytestmark = pytest.mark.parametrize("yangon_consultation", SERVER_ZONES, indirect=True)


def test_the_stored_deadline_is_2359_in_yangon(yangon_consultation):
    assert yangon_consultation.closes_at == AT_THE_DEADLINE
    assert yangon_consultation.local_closes_at.strftime("%H:%M") == "23:59"


def test_open_at_2358_yangon_time_and_closed_from_2359(yangon_consultation):
    assert yangon_consultation.is_open(now=ONE_MINUTE_BEFORE)
    assert not yangon_consultation.has_closed(now=ONE_MINUTE_BEFORE)
    assert not yangon_consultation.is_open(now=AT_THE_DEADLINE)
    assert yangon_consultation.has_closed(now=AT_THE_DEADLINE)
    assert not yangon_consultation.is_open(now=ONE_MINUTE_AFTER)


def test_saving_and_submitting_follow_the_yangon_deadline(
    yangon_consultation, viewer, mailoutbox, django_capture_on_commit_callbacks
):
    cso = viewer("cso_a")
    submission = actions.do_start_submission(
        cso, yangon_consultation, "organisation", now=ONE_MINUTE_BEFORE
    )
    content = DraftContent(comments={"policy-laws": ("Sent at 23:58 in Yangon.", "")})
    submission = actions.do_save_draft(
        cso, submission, version=submission.version, content=content, now=ONE_MINUTE_BEFORE
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_submit(cso, submission, now=ONE_MINUTE_BEFORE)
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.SUBMITTED
    receipt = mailoutbox[-1].body
    assert "Mar 15, 2027, 11:59\u202fPM (Yangon, UTC+6:30)" in receipt
    received = Submission.objects.get(pk=submission.pk).submitted_at.astimezone(YANGON)
    hour = received.hour % 12 or 12
    assert f"on {received:%b} {received.day}, {received.year}, {hour}:{received:%M}" in receipt

    late = DraftContent(comments={"policy-laws": ("Changed a minute too late.", "")})
    with pytest.raises(actions.ActionRefused) as refusal:
        actions.do_save_draft(
            cso, submission, version=submission.version, content=late, now=ONE_MINUTE_AFTER
        )
    # The refusal names the deadline in the consultation's own zone.
    assert "Mar 15, 2027, 11:59\u202fPM (Yangon, UTC+6:30)" in str(refusal.value)
    assert Submission.objects.get(pk=submission.pk).comments.get().text == (
        "Sent at 23:58 in Yangon."
    )


def test_readers_see_the_deadline_in_yangon_time(yangon_consultation, client_for):
    page = client_for("cso_a").get(edit_url(yangon_consultation))
    assert page.status_code == 200
    assert "Mar 15, 2027, 11:59\u202fPM (Yangon, UTC+6:30)" in page.content.decode()
    consultation_page = client_for("anonymous").get("/spa-iv-draft/").content.decode()
    assert "Mar 1, 2027, 9:00\u202fAM (Yangon, UTC+6:30)" in consultation_page
    assert "Mar 15, 2027, 11:59\u202fPM (Yangon, UTC+6:30)" in consultation_page


def test_a_form_save_after_the_yangon_deadline_is_refused_and_the_text_kept(
    yangon_consultation, client_for
):
    # The real clock: put the deadline one minute behind now, in Yangon time.
    now_in_yangon = timezone.localtime(timezone.now(), YANGON).replace(second=0, microsecond=0)
    yangon_consultation.opens_at = now_in_yangon - timedelta(days=1)
    yangon_consultation.closes_at = now_in_yangon - timedelta(minutes=1)
    yangon_consultation.save()

    response = client_for("cso_a").post(
        edit_url(yangon_consultation), draft_post(1, comment="Too late in Yangon.")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Too late in Yangon." in body
    # The deadline on Yangon's clock, the zone named.
    local = yangon_consultation.closes_at.astimezone(YANGON)
    assert f"{local.hour % 12 or 12}:{local.minute:02d}" in body
    assert "(Yangon, UTC+6:30)" in body
    assert not Submission.objects.filter(consultation=yangon_consultation).exists()
