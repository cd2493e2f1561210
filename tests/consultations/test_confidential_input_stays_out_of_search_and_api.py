"""
Submitted input never reaches the search index or the API: not the confidential kind,
and not the publishable kinds either (those are shown only in the public report, after
the deadline and with the secretariat's response).
"""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from consultations import actions
from consultations.actions import DraftContent
from consultations.models import ConsultationPage

INPUT_BY_MODE = {
    "secretariat": ("Kestrelwood official took bribes at the border post.", "cso_a"),
    "attributed": ("Marigoldfen shelters turn away men and boys.", "cso_b"),
    "anonymous": ("Quillharbor campaigns miss young people online.", "youth"),
}


@pytest.fixture
def input_in_every_mode(world, viewer):
    question = world.consultation.guiding_questions.get()
    for mode, (text, persona) in INPUT_BY_MODE.items():
        kind = "individual" if persona == "youth" else "organisation"
        submitter = viewer(persona)
        submission = actions.do_start_submission(submitter, world.consultation, kind)
        content = DraftContent(
            comments={"policy-laws": (text, text + " Suggested.")},
            answers={question.pk: text + " Answered."},
            confidentiality=mode,
        )
        submission = actions.do_save_draft(
            submitter, submission, version=submission.version, content=content
        )
        actions.do_submit(submitter, submission)
    # Publish the page again and rebuild the index, so a leak through the page's
    # indexed content would show up in the searches below.
    world.consultation.save_revision().publish()
    call_command("update_index", verbosity=0)
    return world.consultation


def _words(text):
    return text.split()[0]


def test_the_index_works_for_the_consultations_own_text(input_in_every_mode):
    found = ConsultationPage.objects.live().search("Tell us what you think of the draft")
    assert [page.pk for page in found] == [input_in_every_mode.pk]


@pytest.mark.parametrize("mode", list(INPUT_BY_MODE))
def test_submission_text_is_not_found_by_search(input_in_every_mode, mode):
    text, _persona = INPUT_BY_MODE[mode]
    for query in (text, _words(text)):
        assert list(ConsultationPage.objects.live().search(query)) == []
        assert list(Page.objects.live().search(query)) == []


@pytest.mark.urls("tests.consultations.pages_api_urls")
def test_the_api_representation_holds_no_submission_text(input_in_every_mode, client):
    response = client.get(f"/test-api/pages/{input_in_every_mode.pk}/", {"fields": "*"})
    assert response.status_code == 200
    representation = response.content.decode()
    assert "Tell us what you think of the draft." in representation
    listing = client.get(
        "/test-api/pages/", {"type": "consultations.ConsultationPage", "fields": "*"}
    ).content.decode()
    assert input_in_every_mode.title in listing
    for text, _persona in INPUT_BY_MODE.values():
        assert _words(text) not in representation
        assert _words(text) not in listing
        searched = client.get("/test-api/pages/", {"search": _words(text)}).json()
        assert searched["meta"]["total_count"] == 0


def test_the_portals_api_exposes_no_generic_pages_endpoint(input_in_every_mode, client):
    # Wagtail's generic pages endpoint would list restricted pages; it stays unregistered.
    assert client.get("/api/v2/pages/").status_code == 404
    assert client.get(f"/api/v2/pages/{input_in_every_mode.pk}/").status_code == 404


@pytest.mark.parametrize("mode", list(INPUT_BY_MODE))
def test_library_search_interfaces_do_not_return_submission_text(input_in_every_mode, client, mode):
    text = INPUT_BY_MODE[mode][0]
    # The query itself is echoed back; the rest of the sentence would only come from a hit.
    rest_of_the_sentence = text.split(" ", 1)[1]
    for url in ("/api/library/search", "/library/search/"):
        response = client.get(url, {"q": _words(text)})
        assert response.status_code == 200
        assert rest_of_the_sentence not in response.content.decode()
