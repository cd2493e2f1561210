"""
End to end in headless Chromium: the demo CSO account signs in, writes input on the open
demo consultation, lets autosave keep it, saves the draft, reloads and finds the text
intact, submits, gets the receipt by email, and the secretariat's inbox lists it.
"""

import io

import pytest
from django.core import mail
from django.core.management.base import BaseCommand
from django.test import Client

from consultations import demo as consultations_demo
from consultations.models import ConsultationPage, Submission
from portal.models import User
from portal.permissions import MFA_SESSION_KEY
from tests.consultations.pdfs import tiny_pdf
from tests.e2e.navigation import follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTOSAVED_COMMENT = "Name debt bondage explicitly: it is how most fishers are held."
SAVED_SUGGESTION = "Each COMMIT country reviews its anti-trafficking law by 2027 for all people."
SAVED_ANSWER = "Forced criminality in online scam compounds."


@pytest.fixture
def open_consultation(portal_demo_data):
    consultations_demo.seed(BaseCommand(stdout=io.StringIO()))
    return ConsultationPage.objects.get(slug="spa-iv-draft-consultation")


def _sign_in(page, base_url, email, password):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("main form input[name=login]", email)
    page.fill("main form input[name=password]", password)
    follow(page, "main form button[type=submit]")


def test_the_demo_cso_drafts_reloads_and_submits(
    browser, live_server, open_consultation, demo_password
):
    question = open_consultation.guiding_questions.order_by("sort_order").first()
    cso = browser.new_context().new_page()
    _sign_in(cso, live_server.url, "cso@example.org", demo_password)
    assert "/accounts/login/" not in cso.url

    edit_url = f"{live_server.url}/consultations/{open_consultation.pk}/input/organisation/"
    response = cso.goto(edit_url)
    assert response.status == 200
    # The demo draft in progress is there before anything is typed.
    assert "forced criminality in scam compounds" in cso.input_value(
        "textarea[name=comment-spa4-protection-referral]"
    )

    # Autosave: type, do nothing else, and the status line reports the save.
    cso.fill("main form textarea[name=comment-spa4-policy-laws]", AUTOSAVED_COMMENT)
    cso.wait_for_selector("main form .autosave-status:has-text('✓')", timeout=15000)
    cso.reload()
    assert cso.input_value("textarea[name=comment-spa4-policy-laws]") == AUTOSAVED_COMMENT

    # The explicit save, after autosave has moved the draft's version on.
    cso.fill("main form textarea[name=suggestion-spa4-policy-laws]", SAVED_SUGGESTION)
    # Enter on a field saves the draft (the form's default action), never "Attach".
    with cso.expect_navigation():
        cso.press("main form input[name=confidentiality]:checked", "Enter")
    assert "Draft saved." in cso.content()
    cso.fill(f"main form textarea[name=answer-{question.pk}]", SAVED_ANSWER)
    follow(cso, cso.get_by_role("button", name="Save draft"))
    assert "Draft saved." in cso.content()

    cso.reload()
    assert cso.input_value("textarea[name=comment-spa4-policy-laws]") == AUTOSAVED_COMMENT
    assert cso.input_value("textarea[name=suggestion-spa4-policy-laws]") == SAVED_SUGGESTION
    assert cso.input_value(f"textarea[name=answer-{question.pk}]") == SAVED_ANSWER

    mail.outbox.clear()
    follow(cso, "main form button[name=action][value=submit]")
    assert "Your input is submitted" in cso.content()

    receipt = [m for m in mail.outbox if "cso@example.org" in m.to]
    assert len(receipt) == 1
    assert AUTOSAVED_COMMENT in receipt[0].body
    assert SAVED_ANSWER in receipt[0].body

    submission = Submission.objects.get(
        consultation=open_consultation, organisation__isnull=False, status="submitted"
    )
    assert submission.comments.get(anchor="spa4-policy-laws").text == AUTOSAVED_COMMENT

    secretariat_user = User.objects.get(email="secretariat@example.org")
    secretariat = Client()
    secretariat.force_login(secretariat_user)
    session = secretariat.session
    session[MFA_SESSION_KEY] = secretariat_user.pk
    session.save()
    inbox = secretariat.get(f"/consultations/{open_consultation.pk}/inbox/")
    assert inbox.status_code == 200
    assert AUTOSAVED_COMMENT in inbox.content.decode()


def test_text_typed_while_offline_is_restored_and_saved_after_reload(
    browser, live_server, open_consultation, demo_password
):
    context = browser.new_context()
    cso = context.new_page()
    _sign_in(cso, live_server.url, "cso@example.org", demo_password)
    edit_url = f"{live_server.url}/consultations/{open_consultation.pk}/input/organisation/"
    cso.goto(edit_url)

    context.set_offline(True)
    offline_text = "Typed on a bus with no signal near the border."
    cso.fill("main form textarea[name=comment-spa4-policy-mou]", offline_text)
    cso.wait_for_selector("main form .autosave-status:has-text('offline')", timeout=15000)
    context.set_offline(False)

    # The server never got it; the browser's copy goes back into the form and is saved.
    cso.reload()
    assert cso.input_value("textarea[name=comment-spa4-policy-mou]") == offline_text
    cso.wait_for_selector("main form .autosave-status:has-text('✓')", timeout=15000)
    submission = Submission.objects.get(consultation=open_consultation, organisation__isnull=False)
    assert submission.comments.get(anchor="spa4-policy-mou").text == offline_text


def test_attaching_a_file_keeps_the_text_typed_just_before(
    browser, live_server, open_consultation, demo_password, tmp_path
):
    cso = browser.new_context().new_page()
    _sign_in(cso, live_server.url, "cso@example.org", demo_password)
    cso.goto(f"{live_server.url}/consultations/{open_consultation.pk}/input/organisation/")
    typed = "Typed a second ago, then attached the evidence."
    cso.fill("main form textarea[name=comment-spa4-policy-mou]", typed)
    evidence = tmp_path / "evidence.pdf"
    evidence.write_bytes(tiny_pdf("Evidence"))
    cso.set_input_files("main form input[type=file]", str(evidence))
    follow(cso, "main form button[name=action][value=attach]")
    assert "evidence.pdf" in cso.content()
    assert cso.input_value("textarea[name=comment-spa4-policy-mou]") == typed
    submission = Submission.objects.get(consultation=open_consultation, organisation__isnull=False)
    assert submission.comments.get(anchor="spa4-policy-mou").text == typed
    assert submission.attachments.get().original_name == "evidence.pdf"
