"""
End to end in headless Chromium: the Thai government delegate signs in with a second
factor, starts and submits Thailand's 2025 progress report; the public does not see the
figure; the secretariat approves it from its review queue; then the public dashboard,
chart and table show it.
"""

import io
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management.base import BaseCommand

from portal.demo import DEMO_TOTP_SECRET
from portal.models import User
from results import demo as results_demo
from results.models import CountryReport, ReportingPeriod
from tests.auth import current_totp_code
from tests.e2e.navigation import follow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

THAI_SECRET = "RESULTSTHAIDELEGATESECRETKEY2345"
FIGURE = "2468"


@pytest.fixture
def results_world(portal_demo_data):
    TOTP.activate(User.objects.get(email="gov.th@example.org"), THAI_SECRET)
    results_demo.seed(BaseCommand(stdout=io.StringIO()))


def sign_in(page, base_url, email, password, secret):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("main form input[name=login]", email)
    page.fill("main form input[name=password]", password)
    follow(page, "main form button[type=submit]")
    page.fill("input[name=code]", current_totp_code(secret))
    follow(page, "main form button[type=submit]")
    assert "/accounts/" not in page.url


def test_a_report_is_public_only_after_the_secretariat_approves_it(
    browser, live_server, results_world, demo_password
):
    thai = browser.new_context().new_page()
    sign_in(thai, live_server.url, "gov.th@example.org", demo_password, THAI_SECRET)
    thai.goto(f"{live_server.url}/results/reports/")
    thai.select_option("select[name=period]", str(ReportingPeriod.objects.get(label="2025").pk))
    thai.select_option("select[name=country]", "TH")
    follow(thai, "main form button:has-text('Start')")
    assert re.search(r"/results/reports/\d+/TH/$", thai.url)
    thai.get_by_label(re.compile("^2.1.a ")).fill(FIGURE)
    thai.fill("textarea[name=narrative]", "Provincial referral desks opened.")
    follow(thai, "button:has-text('Submit to the secretariat')")
    assert "The report is submitted" in thai.text_content(".messages")
    assert "Submitted" in thai.text_content(".report-status")

    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}/results/indicators/2.1.a/")
    assert FIGURE not in public.content()

    secretariat = browser.new_context().new_page()
    sign_in(
        secretariat, live_server.url, "secretariat@example.org", demo_password, DEMO_TOTP_SECRET
    )
    secretariat.goto(f"{live_server.url}/results/reports/")
    follow(secretariat, "main ul a:has-text('Thailand — 2025')")
    assert FIGURE in secretariat.content()
    follow(secretariat, "button:has-text('Approve and publish the figures')")
    assert "Approved" in secretariat.text_content(".report-status")

    public.goto(f"{live_server.url}/results/indicators/2.1.a/")
    row = public.text_content("tr[data-key=TH]")
    assert FIGURE in row
    assert public.get_attribute("#chart-2\\.1\\.a g[data-key=TH]", "data-value") == FIGURE
    assert CountryReport.objects.get(country__code="TH", period__label="2025").versions.count() == 2
