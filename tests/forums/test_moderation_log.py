"""Moderation goes into the one audit trail, and its log is shown to moderators only."""

import pytest

from forums import actions
from forums.models import ModerationVerb, Post
from portal.audit import events_about
from portal.models import AuditEvent
from tests.forums.conftest import member_of, signed_in_client, viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def cso_post(forums, people):
    return actions.do_create_thread(
        viewer(people.cso), forums.cso, title="Spam thread", body="Buy now!"
    ).opening_post


def test_hiding_a_post_writes_one_event_with_the_post_the_author_and_the_request(cso_post, people):
    moderator = signed_in_client(people.moderator)

    response = moderator.post(
        "/forums/moderation/act/",
        {"action": "hide", "post": cso_post.pk, "reason": "Advert"},
        headers={"X-Request-ID": "moderation-request-1"},
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(verb__in=ModerationVerb.values)
    assert event.verb == ModerationVerb.HIDE == "post.hidden"
    assert event.actor == people.moderator
    assert event.subject == people.cso
    assert list(events_about(cso_post)) == [event]
    assert event.reason == "Advert"
    assert event.request_id == "moderation-request-1"
    assert event.client_address == "127.0.0.1"
    assert Post.objects.get(pk=cso_post.pk).status == Post.Status.HIDDEN


def test_the_moderation_log_lists_what_moderators_did_and_only_to_moderators(
    cso_post, people, groups
):
    actions.do_hide_post(viewer(people.moderator), cso_post, reason="Advert for pills")

    log = signed_in_client(people.moderator).get("/forums/moderation/").content.decode()
    assert "Hid a post" in log
    assert "Advert for pills" in log

    member = signed_in_client(member_of(groups.cso)).get("/forums/moderation/")
    assert member.status_code in (302, 403, 404)
    assert "Advert for pills" not in member.content.decode()
