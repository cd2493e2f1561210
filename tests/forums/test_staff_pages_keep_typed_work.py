"""
The safeguarding case page is one form that never drops a typed note, and a moderator or
safeguarding lead without a second factor is guided to set one up instead of a 404.
"""

import pytest
from django.test import Client

from forums import actions
from forums.models import Post, SafeguardingCase
from tests.forums.conftest import signed_in_client, viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="help me")
    signed_in_client(people.youth_friend).post(
        f"/forums/posts/{thread.opening_post.pk}/flag/", {"reason": "safeguarding"}
    )
    return thread.opening_post.flags.get().safeguarding_case


def test_a_refused_step_keeps_the_typed_note(case, people):
    lead = signed_in_client(people.safeguarding)

    # Lifting a hold on a post that is not held is refused; the note must survive it.
    response = lead.post(
        f"/forums/safeguarding/{case.pk}/",
        {"text": "Spoke to the focal point at length", "status": "open", "post_action": "x"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Spoke to the focal point at length" in page
    assert case.entries.filter(kind="note").count() == 0


def test_a_note_and_a_status_change_in_one_submit(case, people):
    lead = signed_in_client(people.safeguarding)

    response = lead.post(
        f"/forums/safeguarding/{case.pk}/",
        {"text": "Referral confirmed by phone", "status": "closed"},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == SafeguardingCase.Status.CLOSED
    assert (
        "Referral confirmed by phone"
        in lead.get(f"/forums/safeguarding/{case.pk}/").content.decode()
    )


def test_the_status_list_shows_the_cases_own_status(case, people):
    lead = signed_in_client(people.safeguarding)
    lead.post(
        f"/forums/safeguarding/{case.pk}/",
        {"referred_to": "National child helpline", "status": "open", "text": ""},
    )

    page = lead.get(f"/forums/safeguarding/{case.pk}/").content.decode()

    assert '<option value="referred" selected>' in page
    assert '<option value="open" selected>' not in page


def test_hiding_takes_the_note_as_its_reason(case, people):
    lead = signed_in_client(people.safeguarding)

    lead.post(
        f"/forums/safeguarding/{case.pk}/",
        {"text": "Possible disclosure", "status": "open", "post_action": "hide"},
    )

    case.post.refresh_from_db()
    assert case.post.status == Post.Status.HELD
    assert case.entries.filter(kind="hidden", text="Possible disclosure").exists()


@pytest.mark.parametrize(
    ("person", "url"),
    [("moderator", "/forums/moderation/"), ("safeguarding", "/forums/safeguarding/")],
)
def test_staff_without_a_second_factor_are_guided_to_set_one_up(people, person, url):
    client = Client()
    client.force_login(getattr(people, person))

    response = client.get(url, follow=True)

    assert response.redirect_chain[0][0].startswith("/accounts/2fa/totp/activate")
    assert "Your role needs two-factor authentication" in response.content.decode()
