"""A post held for safeguarding: only a lead lifts the hold; the poster is never told."""

import pytest
from asgiref.sync import sync_to_async
from django.core import mail

from forums import actions
from forums.events import events_after, last_event_id
from forums.models import Post
from portal.models import Notification
from tests.forums.conftest import session_headers, signed_in_client, viewer
from tests.forums.live import next_message, nothing_but_presence, thread_socket


@pytest.fixture
def held_post(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="help me")
    post = thread.opening_post
    signed_in_client(people.youth_friend).post(
        f"/forums/posts/{post.pk}/flag/", {"reason": "safeguarding", "note": "worried"}
    )
    case = post.flags.get().safeguarding_case
    signed_in_client(people.safeguarding).post(
        f"/forums/safeguarding/{case.pk}/",
        {"text": "Possible disclosure", "status": "open", "post_action": "hide"},
    )
    post.refresh_from_db()
    assert post.status == Post.Status.HELD
    mail.outbox.clear()
    return post


def _told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_a_moderator_cannot_lift_a_safeguarding_hold_and_the_poster_is_not_told(held_post, people):
    before = _told(people.youth)

    response = signed_in_client(people.moderator).post(
        "/forums/moderation/act/",
        {"action": "restore", "post": held_post.pk, "reason": "Looks fine to me"},
    )

    assert response.status_code == 400
    held_post.refresh_from_db()
    assert held_post.status != Post.Status.PUBLISHED
    friend_page = signed_in_client(people.youth_friend).get(held_post.thread.get_absolute_url())
    assert "help me" not in friend_page.content.decode()
    assert _told(people.youth) == before
    assert mail.outbox == []


@pytest.mark.parametrize("action", ["hide", "warn", "suspend", "approve"])
def test_a_moderator_cannot_act_on_a_held_post_or_its_poster_through_it(held_post, people, action):
    before = _told(people.youth)

    response = signed_in_client(people.moderator).post(
        "/forums/moderation/act/", {"action": action, "post": held_post.pk, "reason": "x"}
    )

    assert response.status_code == 400
    held_post.refresh_from_db()
    assert held_post.status == Post.Status.HELD
    assert _told(people.youth) == before
    with pytest.raises(actions.ActionRefused):
        actions.do_restore_post(viewer(people.moderator), held_post, reason="x")
    with pytest.raises(actions.ActionRefused):
        actions.do_hide_post(viewer(people.moderator), held_post, reason="x")


def test_a_safeguarding_lead_lifts_the_hold_without_telling_the_poster(held_post, people):
    before = _told(people.youth)
    case = held_post.flags.get().safeguarding_case

    response = signed_in_client(people.safeguarding).post(
        f"/forums/safeguarding/{case.pk}/",
        {
            "text": "Spoke with the focal point; safe",
            "status": "open",
            "post_action": "release",
        },
    )

    assert response.status_code == 302
    held_post.refresh_from_db()
    assert held_post.status == Post.Status.PUBLISHED
    friend_page = signed_in_client(people.youth_friend).get(held_post.thread.get_absolute_url())
    assert "help me" in friend_page.content.decode()
    assert _told(people.youth) == before
    assert mail.outbox == []
    case_page = signed_in_client(people.safeguarding).get(f"/forums/safeguarding/{case.pk}/")
    assert "Spoke with the focal point" in case_page.content.decode()


def test_hiding_for_safeguarding_does_not_tell_the_poster(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="help me")
    before = _told(people.youth)
    signed_in_client(people.youth_friend).post(
        f"/forums/posts/{thread.opening_post.pk}/flag/", {"reason": "safeguarding"}
    )
    case = thread.opening_post.flags.get().safeguarding_case
    held = signed_in_client(people.safeguarding).post(
        f"/forums/safeguarding/{case.pk}/",
        {"text": "Possible disclosure", "status": "open", "post_action": "hide"},
    )
    assert held.status_code == 302
    post = thread.opening_post
    assert post.status == Post.Status.HELD

    own_page = signed_in_client(people.youth).get(thread.get_absolute_url()).content.decode()
    assert _told(people.youth) == before
    assert "Hidden by a moderator" not in own_page
    assert "safeguarding" not in own_page.lower()


@pytest.mark.django_db(transaction=True)
async def test_a_hold_withdraws_the_post_live_from_others_and_sends_its_author_nothing(
    forums, people
):
    def start():
        forums.youth.premoderate_new_members = False
        forums.youth.save()
        thread = actions.do_create_thread(
            viewer(people.youth), forums.youth, title="T", body="help"
        )
        signed_in_client(people.youth_friend).post(
            f"/forums/posts/{thread.opening_post.pk}/flag/", {"reason": "safeguarding"}
        )
        post = thread.opening_post
        return thread, post.pk, post.flags.get().safeguarding_case

    thread, post_id, case = await sync_to_async(start)()
    sockets = {}
    for user in (people.youth, people.youth_friend):
        headers = await sync_to_async(lambda u=user: session_headers(signed_in_client(u)))()
        sockets[user.pk] = thread_socket(thread.pk, headers)
        assert (await sockets[user.pk].connect())[0]

    await sync_to_async(
        lambda: actions.do_hide_post_for_safeguarding(viewer(people.safeguarding), case, reason="r")
    )()
    withdrawn = await next_message(sockets[people.youth_friend.pk])

    assert withdrawn == {
        "event_id": withdrawn["event_id"],
        "type": "post.hidden",
        "post_id": post_id,
    }
    assert await nothing_but_presence(sockets[people.youth.pk])
    for communicator in sockets.values():
        await communicator.disconnect()


def test_a_moderator_acting_on_a_held_post_hears_what_they_would_of_a_missing_one(
    held_post, people
):
    client = signed_in_client(people.moderator)

    held = client.post(
        "/forums/moderation/act/", {"action": "hide", "post": held_post.pk, "reason": "x"}
    )
    missing = client.post(
        "/forums/moderation/act/", {"action": "hide", "post": 2**40, "reason": "x"}
    )

    assert held.status_code == missing.status_code == 400
    assert held.context["form"].non_field_errors() == missing.context["form"].non_field_errors()
    assert "moderators" not in held.content.decode()


def test_nothing_sent_to_a_moderator_tells_of_a_hold_or_its_lifting(forums, people):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(viewer(people.youth), forums.youth, title="T", body="help me")
    post = thread.opening_post
    before = last_event_id(thread)
    case = actions.do_flag_post(viewer(people.youth_friend), post, reason="safeguarding")
    actions.do_hide_post_for_safeguarding(
        viewer(people.safeguarding), case.safeguarding_case, reason="Possible disclosure"
    )
    post.refresh_from_db()
    assert post.status == Post.Status.HELD
    assert events_after(viewer(people.moderator), thread, before) == []

    held = last_event_id(thread)
    actions.do_release_post_for_safeguarding(
        viewer(people.safeguarding), case.safeguarding_case, reason="Safe"
    )

    sent = events_after(viewer(people.moderator), thread, held)
    assert [event["type"] for event in sent] == ["post.edited"]
    assert "help me" in sent[0]["html"]
