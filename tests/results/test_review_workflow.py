"""
A Thai delegate reports, the secretariat returns and then approves, and only approved
figures reach the public; a correction after approval is a new version with a reason.
"""

import pytest

from portal.models import AuditEvent, Notification
from results.models import ApprovedValue, CountryReport, ReportVersion
from tests.results.conftest import client_for

pytestmark = pytest.mark.postgres


def form(framework, count="", **extra):
    data = {
        f"value-{framework.count.pk}": count,
        f"value-{framework.percentage.pk}": extra.pop("percentage", ""),
        f"value-{framework.yes_no.pk}": extra.pop("yes_no", ""),
        f"value-{framework.milestone.pk}": extra.pop("milestone", ""),
        "narrative": extra.pop("narrative", "Referral mechanisms were extended."),
        "step": extra.pop("step", "save"),
    }
    data.update(extra)
    return data


def edit_url(framework):
    return f"/results/reports/{framework.open.pk}/TH/"


def test_report_is_public_only_after_approval(framework, people):
    thai = client_for(people, "gov_th")
    secretariat = client_for(people, "secretariat")
    public = client_for(people, "anonymous")

    response = thai.post(edit_url(framework), form(framework, count="4321", step="submit"))
    assert response.status_code == 302
    report = CountryReport.objects.get(country__code="TH", period=framework.open)
    assert report.status == "submitted"
    # The secretariat is told; the public sees nothing yet.
    assert Notification.objects.filter(user=people.secretariat, kind="results.report.submitted")
    for url in ("/results/", "/results/indicators/2.1.a/", "/results/countries/TH/",
                "/results/data.csv", "/results/data.json", "/results/data.sdmx.csv"):  # fmt: skip
        assert "4321" not in public.get(url).content.decode(), url

    # The delegate cannot change a submitted report.
    refused = thai.post(edit_url(framework), form(framework, count="9999"))
    assert refused.status_code == 409
    assert "waits for the secretariat" in refused.content.decode()

    # Returned with comments: the delegate sees them and edits again.
    review_url = f"/results/review/{report.pk}/"
    no_comment = secretariat.post(review_url, {"decision": "return", "comments": " "})
    assert no_comment.status_code == 400
    assert "Say what the country should change" in no_comment.content.decode()
    secretariat.post(review_url, {"decision": "return", "comments": "Add the source."})
    page = thai.get(edit_url(framework)).content.decode()
    assert "Add the source." in page
    assert "Returned with comments" in page
    assert Notification.objects.filter(user=people.gov_th, kind="results.report.reviewed")
    thai.post(edit_url(framework), form(framework, count="4322", step="submit"))

    secretariat.post(review_url, {"decision": "approve", "comments": ""})
    report.refresh_from_db()
    assert report.status == "approved"
    assert "4322" in public.get("/results/indicators/2.1.a/").content.decode()
    assert "4322" in public.get("/results/data.csv").content.decode()
    assert "4321" not in public.get("/results/data.csv").content.decode()

    # Every step is a version with who and when.
    versions = list(report.versions.order_by("number"))
    assert [v.status for v in versions] == ["submitted", "returned", "submitted", "approved"]
    assert versions[1].by == people.secretariat
    assert versions[1].comments == "Add the source."
    assert versions[0].values[0]["value"] in ("4321", "4321.00")
    history = thai.get(f"/results/history/{report.pk}/").content.decode()
    assert "Add the source." in history
    assert AuditEvent.objects.filter(verb="results.report.approved").exists()


def test_correction_after_approval_keeps_the_approved_figure_until_approved(framework, people):
    thai = client_for(people, "gov_th")
    secretariat = client_for(people, "secretariat")
    public = client_for(people, "anonymous")
    thai.post(edit_url(framework), form(framework, count="200", step="submit"))
    report = CountryReport.objects.get(country__code="TH")
    secretariat.post(f"/results/review/{report.pk}/", {"decision": "approve"})

    no_reason = thai.post(f"/results/correct/{report.pk}/", {"reason": ""})
    assert no_reason.status_code == 400
    assert "Say why" in no_reason.content.decode()
    thai.post(f"/results/correct/{report.pk}/", {"reason": "Late figures from two provinces."})
    thai.post(edit_url(framework), form(framework, count="260", step="submit"))
    # Still the approved figure while the correction waits.
    assert ApprovedValue.objects.get(indicator=framework.count).value == 200
    assert "260" not in public.get("/results/data.json").content.decode()

    secretariat.post(f"/results/review/{report.pk}/", {"decision": "approve"})
    assert ApprovedValue.objects.get(indicator=framework.count).value == 260
    reasons = ReportVersion.objects.filter(report=report, reason__contains="Late figures")
    assert reasons.exists()
    assert ReportVersion.objects.filter(report=report).count() == 5


def test_a_delegate_without_a_second_factor_is_sent_to_use_it(framework, people):
    response = client_for(people, "gov_th_no_mfa").get(edit_url(framework))
    assert response.status_code in (302, 403)
    assert not CountryReport.objects.exists()
