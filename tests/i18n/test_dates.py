"""One way of writing a date per language: home page, meetings, consultation and email agree."""

import re

import pytest
from django.test import Client
from wagtail.models import Locale

from consultations.actions import do_send_receipt
from consultations.models import ConsultationPage, Submission
from meetings.models import MeetingPage
from portal.dates import date_medium, datetime_in_zone
from tests.i18n.test_thai_pages import visible_text

pytestmark = pytest.mark.django_db

PREFIX = {"en": "", "th": "/th", "my": "/my"}


def url_in(page, language: str) -> str:
    if language == "en":
        return page.url
    locale = Locale.objects.get(language_code=language)
    translation = page.get_translation_or_none(locale) or page.copy_for_translation(
        locale, alias=True
    )
    return translation.specific.url


def test_the_same_moment_reads_the_same_on_every_page_and_in_email(demo_site, mailoutbox):
    consultation = ConsultationPage.objects.get(slug="spa-iv-draft-consultation")
    meeting = MeetingPage.objects.get(slug="imm-7", locale__language_code="en")
    submission = Submission.objects.filter(
        consultation=consultation, status=Submission.Status.SUBMITTED
    ).first()
    client = Client()
    seen = {}
    for language in ("en", "th", "my"):
        deadline = datetime_in_zone(consultation.closes_at, consultation.time_zone, language)
        meeting_day = date_medium(meeting.start, language)
        home = client.get(f"{PREFIX[language]}/").content.decode()
        meetings = client.get(f"{PREFIX[language]}/meetings/").content.decode()
        consultation_page = client.get(url_in(consultation, language)).content.decode()
        submission.focal_point.preferred_language = language
        submission.focal_point.save(update_fields=["preferred_language"])
        do_send_receipt(submission.pk)
        receipt = mailoutbox[-1].body

        assert deadline in home, (language, deadline)
        assert deadline in consultation_page, (language, deadline)
        assert deadline in receipt, (language, deadline)
        assert meeting_day in home, (language, meeting_day)
        assert meeting_day in meetings, (language, meeting_day)
        seen[language] = (deadline, meeting_day)

    # Each language has its own way: Thai months, Burmese digits order, English "Dec".
    assert "ธ.ค." in seen["th"][0]
    assert "UTC+7" in seen["my"][0]
    assert len({value[0] for value in seen.values()}) == 3
    # None of the old formats is left on the English home page ("+07", "Dec. 1", ISO dates).
    text = visible_text(client.get("/").content.decode())
    assert not re.search(r"\+07\b|\b[A-Z][a-z]{2}\. \d|\d{4}-\d{2}-\d{2}", text)
