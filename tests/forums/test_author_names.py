"""Which name a reader sees for a post's author: youth delegates appear by pseudonym."""

import json

import pytest
from asgiref.sync import sync_to_async

from forums import actions
from portal.models import Notification
from tests.forums.conftest import session_headers, signed_in_client, viewer
from tests.forums.live import next_message, thread_socket


def test_a_youth_delegate_in_a_public_forum_appears_by_pseudonym(forums, people, client):
    thread = actions.do_create_thread(viewer(people.youth), forums.general, title="T", body="Hello")

    anonymous = client.get(thread.get_absolute_url()).content.decode()
    cso = signed_in_client(people.cso).get(thread.get_absolute_url()).content.decode()
    moderator = signed_in_client(people.moderator).get(thread.get_absolute_url()).content.decode()

    for page in (anonymous, cso):
        assert "MekongDreamer" in page
        assert "Linh" not in page
    assert "MekongDreamer (Linh Nguyen)" in moderator


def test_a_youth_delegate_may_choose_to_appear_by_name_outside_the_youth_forum(
    forums, people, client
):
    people.youth.name_in_forums = "real_name"
    people.youth.save()
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    public = actions.do_create_thread(viewer(people.youth), forums.general, title="P", body="Hello")
    youth = actions.do_create_thread(viewer(people.youth), forums.youth, title="Y", body="Hi")

    assert "Linh Nguyen" in client.get(public.get_absolute_url()).content.decode()
    friend = signed_in_client(people.youth_friend).get(youth.get_absolute_url()).content.decode()
    assert "Linh" not in friend


def test_the_reply_and_new_thread_forms_say_under_which_name_the_post_appears(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.general, title="T", body="Hello")
    youth = signed_in_client(people.youth)

    reply_form = youth.get(thread.get_absolute_url()).content.decode()
    new_form = youth.get(f"/forums/{forums.general.slug}/new/").content.decode()
    cso_form = signed_in_client(people.cso).get(thread.get_absolute_url()).content.decode()

    assert "Your post will appear as “MekongDreamer”" in reply_form
    assert "Your post will appear as “MekongDreamer”" in new_form
    assert "Your post will appear as “CSO Focal Point”" in cso_form


def test_a_youth_delegate_is_mentioned_by_pseudonym_not_by_name_in_a_public_forum(
    forums, people, django_capture_on_commit_callbacks
):
    thread = actions.do_create_thread(viewer(people.youth), forums.general, title="T", body="Hello")
    mentions = Notification.objects.filter(user=people.youth, kind="forums.mention")

    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(viewer(people.cso), thread, body="@LinhNguyen what do you think?")
    by_name = mentions.count()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(viewer(people.cso), thread, body="@MekongDreamer what do you think?")

    assert by_name == 0
    assert mentions.count() == 1


@pytest.mark.django_db(transaction=True)
async def test_a_live_post_by_a_youth_delegate_shows_the_pseudonym_to_other_readers(forums, people):
    thread = await sync_to_async(actions.do_create_thread)(
        await sync_to_async(viewer)(people.cso), forums.general, title="T", body="Hello"
    )
    headers = await sync_to_async(lambda: session_headers(signed_in_client(people.cso)))()
    communicator = thread_socket(thread.pk, headers)
    assert (await communicator.connect())[0]

    await sync_to_async(
        lambda: actions.do_create_post(viewer(people.youth), thread, body="Live from Linh")
    )()
    message = await next_message(communicator)

    assert "MekongDreamer" in message["html"]
    assert "Nguyen" not in json.dumps(message)
    await communicator.disconnect()
