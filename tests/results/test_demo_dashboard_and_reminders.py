"""
The demo results framework in every language, the site menu, My portal's reports and the
deadline reminders; the Thai demo delegate's report is public only after approval.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from portal.models import Notification, User
from portal.permissions import MFA_SESSION_KEY
from results.models import ApprovedValue, Area, CountryReport, Indicator

pytestmark = pytest.mark.postgres

LANGUAGES = ["", "/km", "/zh-hans", "/lo", "/my", "/th", "/vi"]


def signed_in(email: str) -> Client:
    client = Client()
    user = User.objects.get(email=email)
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()
    return client


def test_demo_dashboard_in_every_language(demo_site):
    public = Client()
    for prefix in LANGUAGES:
        response = public.get(f"{prefix}/results/")
        assert response.status_code == 200, prefix
        html = response.content.decode()
        assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="results-chart"') == 9
        # The areas in the reader's language (the demo's draft translations).
        language = prefix.strip("/") or "en"
        for code in ("policy", "protection", "justice"):
            assert f"<h2>{Area.objects.get(code=code).title_in(language)}</h2>" in html
    home = public.get("/").content.decode()
    assert re.search(r'<a href="/results/"[^>]*>Results</a>', home)
    # A Thai reader's menu names the dashboard in Thai (the page's drafted translation).
    assert re.search(
        r'<a href="/th/results/"[^>]*>ผลการดำเนินงาน</a>', public.get("/th/").content.decode()
    )
    # The demo states: approved, submitted, returned, draft, and nothing yet from Thailand.
    states = {
        report.country.code: report.status
        for report in CountryReport.objects.filter(period__label="2025").select_related("country")
    }
    assert states == {
        "KH": "approved",
        "CN": "submitted",
        "LA": "approved",
        "MM": "draft",
        "VN": "returned",
    }
    assert "invented" in public.get("/results/").content.decode()
    assert "<h2>Policy and cooperation</h2>" in public.get("/results/").content.decode()
    assert "<h2>นโยบายและความร่วมมือ</h2>" in public.get("/th/results/").content.decode()


def test_demo_indicators_show_where_they_were_discussed_to_those_who_may_see_it(demo_site):
    public = Client().get("/results/indicators/2.1.a/").content.decode()
    assert "National and transnational referral mechanisms: a review" in public
    # The decision is in minutes not yet published: the secretariat sees it, no one else.
    repatriation = "Coordinate the repatriation of stranded fishermen."
    for reader in (Client(), signed_in("gov.th@example.org")):
        assert repatriation not in reader.get("/results/indicators/3.1.b/").content.decode()
    secretariat = signed_in("secretariat@example.org")
    assert repatriation in secretariat.get("/results/indicators/3.1.b/").content.decode()


def test_the_thai_demo_delegate_reports_and_it_is_public_after_approval(demo_site):
    thai = signed_in("gov.th@example.org")
    my_portal = thai.get("/me/").content.decode()
    assert "Thailand — 2025" in my_portal
    assert "not started" in my_portal
    period = CountryReport.objects.filter(period__label="2025").first().period
    referral = Indicator.objects.get(code="2.1.a")
    response = thai.post(
        f"/results/reports/{period.pk}/TH/",
        {f"value-{referral.pk}": "98765", "narrative": "Demo", "step": "submit"},
    )
    assert response.status_code == 302
    assert "98765" not in Client().get("/results/indicators/2.1.a/").content.decode()
    report = CountryReport.objects.get(period=period, country__code="TH")
    secretariat = signed_in("secretariat@example.org")
    assert "Thailand — 2025" in secretariat.get("/me/").content.decode()
    secretariat.post(f"/results/review/{report.pk}/", {"decision": "approve"})
    assert "98765" in Client().get("/results/indicators/2.1.a/").content.decode()
    assert ApprovedValue.objects.filter(country__code="TH", period=period).exists()


def test_reminders_go_once_to_countries_that_have_not_submitted(demo_site):
    out = io.StringIO()
    call_command("notify_results_due", "--days", "30", stdout=out)
    thai = User.objects.get(email="gov.th@example.org")
    reminders = Notification.objects.filter(user=thai, kind="results.report.due")
    assert reminders.count() == 1
    assert "2025" in reminders.get().title
    call_command("notify_results_due", "--days", "30", stdout=io.StringIO())
    assert reminders.count() == 1
    # Too early: a deadline beyond the window sends nothing.
    Notification.objects.all().delete()
    call_command("notify_results_due", "--days", "3", stdout=io.StringIO())
    assert not Notification.objects.filter(kind="results.report.due").exists()
