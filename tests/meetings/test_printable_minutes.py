"""Printing a meeting's minutes: a print stylesheet and the record it needs on the page."""

import pytest
from django.contrib.staticfiles import finders

from meetings import actions
from portal.permissions import viewer_for_user
from tests.meetings.conftest import client_for

TH = "Government delegates — Thailand"
KH = "Government delegates — Cambodia"


@pytest.fixture
def published_minutes(people, meetings):
    secretariat = viewer_for_user(people.secretariat, mfa_ok=True)
    minutes = actions.do_save_minutes(secretariat, meetings.public, "1. Opening.\n2. Protocol.")
    actions.do_circulate_minutes(secretariat, minutes)
    actions.do_sign_off_minutes(
        viewer_for_user(people.gov_th, mfa_ok=True), minutes, meetings.groups[TH]
    )
    actions.do_sign_off_minutes(
        viewer_for_user(people.gov_kh, mfa_ok=True), minutes, meetings.groups[KH]
    )
    actions.do_adopt_minutes(secretariat, minutes)
    actions.do_record_decision(secretariat, meetings.public, "Adopt the protocol.")
    actions.do_publish_minutes(secretariat, minutes)
    return minutes


@pytest.mark.django_db
def test_meeting_page_links_the_print_stylesheet(people, meetings, published_minutes):
    response = client_for(people, "cso").get(meetings.public.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/static/meetings/minutes_print.css" media="print"' in html
    assert "2. Protocol." in html
    assert f"{TH} signed off revision 1" in html
    assert f"{KH} signed off revision 1" in html
    assert "Adopt the protocol." in html


@pytest.mark.django_db
def test_print_stylesheet_hides_navigation_and_forms_but_not_the_record():
    path = finders.find("meetings/minutes_print.css")
    assert path is not None
    with open(path, encoding="utf-8") as stylesheet:
        rules = stylesheet.read()
    # The selectors of the first rule (after the opening comment) are the hidden ones.
    hidden = rules.split("*/", 1)[1].split("{", 1)[0]
    for selector in (".site-header", ".site-footer", ".meeting form", '"registration"'):
        assert selector in hidden
    for record in ("minutes", "decisions", "actions", "sign-offs"):
        assert record not in hidden.replace("minutes__links", "")
