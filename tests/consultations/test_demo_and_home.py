"""Demo consultations, the home page section and the dashboard slot."""

import io

from django.core.management import call_command

from consultations.models import CommentResponse, ConsultationPage, Submission
from portal.models import User


def test_seed_demo_builds_both_consultations_and_is_idempotent(demo_site):
    open_page = ConsultationPage.objects.get(slug="spa-iv-draft-consultation")
    closed_page = ConsultationPage.objects.get(slug="spa-iv-zero-draft-consultation")
    assert open_page.is_open()
    assert open_page.current_round().number == 2
    assert closed_page.has_closed()
    assert set(Submission.objects.values_list("confidentiality", flat=True)) == {
        "secretariat",
        "attributed",
        "anonymous",
    }
    assert CommentResponse.objects.filter(published_at__isnull=False).count() == 2
    counts = (Submission.objects.count(), CommentResponse.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Submission.objects.count(), CommentResponse.objects.count()) == counts


def test_demo_pages_diff_and_report(demo_site, client):
    open_page = ConsultationPage.objects.get(slug="spa-iv-draft-consultation")
    page = client.get(open_page.url)
    assert page.status_code == 200
    assert "Deadline" in page.content.decode()
    diff = client.get(f"/consultations/{open_page.pk}/rounds/2/changes/").content.decode()
    assert "<ins>" in diff
    closed_page = ConsultationPage.objects.get(slug="spa-iv-zero-draft-consultation")
    report = client.get(closed_page.url + "how-your-input-was-used/").content.decode()
    assert "Shelters must be open to men and boys." in report
    assert "Anonymous contributor" in report
    assert "The text now names men and boys." in report


def test_home_lists_the_open_consultation_and_dashboard_shows_the_cso_draft(demo_site, client):
    home = client.get("/").content.decode()
    assert "SPA IV draft: second consultation round" in home
    assert "SPA IV zero draft consultation (closed)" not in home
    client.force_login(User.objects.get(email="cso@example.org"))
    my = client.get("/my/").content.decode()
    assert "SPA IV draft: second consultation round" in my
    assert "draft" in my


def test_demo_cso_drafts_and_finds_the_text_after_reload(demo_site, client):
    open_page = ConsultationPage.objects.get(slug="spa-iv-draft-consultation")
    client.force_login(User.objects.get(email="cso@example.org"))
    url = f"/consultations/{open_page.pk}/input/organisation/"
    form = client.get(url)
    assert "Name forced criminality in scam compounds" in form.content.decode()
    version = Submission.objects.get(consultation=open_page, kind="organisation").version
    client.post(
        url,
        {
            "version": version,
            "confidentiality": "attributed",
            "comment-spa4-policy-laws": "Add a review date.",
            "action": "save",
        },
    )
    assert "Add a review date." in client.get(url).content.decode()
