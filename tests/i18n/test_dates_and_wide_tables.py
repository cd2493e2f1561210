"""
Dates on the results pages and the staff home read in the reader's language (not Django's
English "June 1, 2024" or an ISO "2026-11-22"), counts agree in number, and the wide table of
every approved figure scrolls in its own box so a 360 px phone page never scrolls sideways.
"""

import re

import pytest
from django.test import Client
from django.utils import translation

from knowledge.wagtail_hooks import LibraryTaxonomyGroup
from meetings.views import DONE_MESSAGES
from portal.models import User
from portal.permissions import MFA_SESSION_KEY

pytestmark = pytest.mark.postgres


def signed_in(email: str) -> Client:
    client = Client()
    user = User.objects.get(email=email)
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()
    return client


def test_policy_dates_on_an_indicator_page_are_in_the_readers_language(demo_site):
    public = Client()
    english = public.get("/results/indicators/1.1.a/").content.decode()
    assert "(Adopted, Jun 1, 2024)" in english
    burmese = public.get("/my/results/indicators/1.1.a/").content.decode()
    assert "June 1, 2024" not in burmese
    assert "2024 ဇွန် 1" in burmese
    thai_country = public.get("/th/results/countries/TH/").content.decode()
    assert "1 มิ.ย. 2024" in thai_country


def test_every_approved_figure_sits_in_a_scrolling_box(demo_site):
    public = Client()
    for url in ("/results/indicators/1.1.a/", "/results/countries/TH/"):
        html = public.get(url).content.decode()
        assert re.search(
            r'<div class="results-scroll">\s*<table class="results-table results-all">', html
        ), url
    css = public.get("/static/results/results.css")
    css_text = b"".join(css.streaming_content) if css.streaming else css.content
    assert b".results-scroll { max-width: 100%; overflow-x: auto; }" in css_text


def test_the_staff_home_writes_due_dates_and_counts_for_people(demo_site):
    html = signed_in("secretariat@example.org").get("/me/").content.decode()
    assert "1 comment without a response" in html
    assert "1 comments" not in html
    assert not re.search(r"due \d{4}-\d{2}-\d{2}", html)
    assert re.search(r"due [A-Z][a-z]{2} \d{1,2}, \d{4}", html)


def test_meeting_messages_and_the_admin_menu_label_follow_the_reader():
    # Built once at import time, these stayed in English whatever the reader's language.
    with translation.override("th"):
        assert str(DONE_MESSAGES["adopt"]) == "รายงานการประชุมได้รับการรับรองและล็อกแล้ว"
        assert str(LibraryTaxonomyGroup.menu_label) == "อนุกรมวิธานของคลังเอกสาร"
