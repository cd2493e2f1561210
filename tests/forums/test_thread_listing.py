"""Which threads are listed to whom: the one post rule decides, by the thread's opening post."""

import pytest
from asgiref.sync import sync_to_async
from django.test import RequestFactory

from forums import actions
from forums.models import Post
from forums.sections import active_threads, watched_threads
from portal.actions import do_grant_membership
from portal.models import Notification
from tests.forums.conftest import member_of, session_headers, signed_in_client, viewer
from tests.forums.live import next_message, thread_socket

SUBJECT = "What happened at the camp"


def _section_titles(section, user) -> list[str]:
    request = RequestFactory().get("/")
    request._portal_viewer = viewer(user)
    return [item.title for item in section(request)]


@pytest.fixture
def lead_in_the_forum(groups, people):
    """A safeguarding lead (not a moderator) who reads the youth forum."""
    do_grant_membership(None, people.safeguarding, groups.youth)
    return people.safeguarding


def _hold(people, post) -> None:
    flag = actions.do_flag_post(viewer(people.youth_friend), post, reason="safeguarding")
    case = flag.safeguarding_case
    actions.do_hide_post_for_safeguarding(viewer(people.safeguarding), case, reason="Disclosure")
    post.refresh_from_db()
    assert post.status == Post.Status.HELD


@pytest.fixture
def held_opening(forums, people):
    """A thread whose opening post is held, with a published reply the friend watches."""
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(
        viewer(people.youth), forums.youth, title=SUBJECT, body="help"
    )
    reply = actions.do_create_post(viewer(people.youth_friend), thread, body="I am here for you")
    assert reply.status == Post.Status.PUBLISHED
    _hold(people, thread.opening_post)
    return thread


def test_a_thread_whose_opening_post_is_held_is_listed_nowhere_to_those_who_cannot_see_it(
    held_opening, forums, people, groups
):
    other_youth = member_of(groups.youth, display_name="Other", pseudonym="Other")
    for user in (people.youth_friend, other_youth, people.moderator):
        forum_page = signed_in_client(user).get(forums.youth.get_absolute_url())
        assert SUBJECT not in forum_page.content.decode()
        assert SUBJECT not in _section_titles(active_threads, user)
        assert SUBJECT not in _section_titles(watched_threads, user)
        thread_page = signed_in_client(user).get(held_opening.get_absolute_url())
        assert thread_page.status_code == 404
        assert SUBJECT not in thread_page.content.decode()


def test_the_poster_and_a_safeguarding_lead_still_open_a_thread_whose_opening_post_is_held(
    held_opening, forums, people, lead_in_the_forum
):
    # The lead is not a moderator: the hold is theirs to handle, so they must read it.
    for user in (people.youth, lead_in_the_forum):
        response = signed_in_client(user).get(held_opening.get_absolute_url())
        assert response.status_code == 200
        assert "help" in response.content.decode()
        assert SUBJECT in _section_titles(active_threads, user)


def test_a_lead_opens_a_thread_whose_only_post_is_held(forums, people, lead_in_the_forum):
    forums.youth.premoderate_new_members = False
    forums.youth.save()
    thread = actions.do_create_thread(
        viewer(people.youth), forums.youth, title=SUBJECT, body="help"
    )
    _hold(people, thread.opening_post)

    response = signed_in_client(lead_in_the_forum).get(thread.get_absolute_url())

    assert response.status_code == 200
    assert "help" in response.content.decode()


def test_a_thread_whose_only_post_was_deleted_is_no_longer_listed(forums, people):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title=SUBJECT, body="Opening")
    actions.do_delete_post(viewer(people.cso), thread.opening_post)

    page = signed_in_client(people.cso).get(forums.cso.get_absolute_url()).content.decode()

    assert SUBJECT not in page
    assert SUBJECT not in _section_titles(active_threads, people.cso)


def test_a_thread_whose_opening_post_was_deleted_stays_listed_while_a_reply_is_visible(
    forums, people
):
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title=SUBJECT, body="Opening")
    actions.do_create_post(viewer(people.cso), thread, body="A reply")
    actions.do_delete_post(viewer(people.cso), thread.opening_post)

    page = signed_in_client(people.cso).get(forums.cso.get_absolute_url()).content.decode()

    assert SUBJECT in page


@pytest.mark.django_db(transaction=True)
async def test_the_socket_of_a_thread_whose_opening_post_is_held_does_not_open(forums, people):
    def start():
        forums.youth.premoderate_new_members = False
        forums.youth.save()
        thread = actions.do_create_thread(
            viewer(people.youth), forums.youth, title=SUBJECT, body="help"
        )
        actions.do_create_post(viewer(people.youth_friend), thread, body="I am here for you")
        _hold(people, thread.opening_post)
        return thread, session_headers(signed_in_client(people.youth_friend))

    thread, headers = await sync_to_async(start)()
    socket = thread_socket(thread.pk, headers)
    connected, code = await socket.connect()
    if connected:
        message = await next_message(socket)
        await socket.disconnect()
        assert message["type"] == "closed"
    else:
        assert code == 4403


def test_the_flag_and_edit_pages_of_a_reply_do_not_show_the_title_of_a_held_thread(
    held_opening, people
):
    reply = held_opening.posts.exclude(author=people.youth).get()
    client = signed_in_client(people.youth_friend)

    for path in (f"/forums/posts/{reply.pk}/flag/", f"/forums/posts/{reply.pk}/edit/"):
        response = client.get(path)
        assert response.status_code == 404
        assert SUBJECT not in response.content.decode()


def test_a_reply_in_a_held_thread_is_not_announced_with_its_title(
    held_opening, people, django_capture_on_commit_callbacks
):
    actions.do_watch_thread(viewer(people.youth_friend), held_opening)
    thread = held_opening
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(viewer(people.moderator), thread, body="Thanks @RiverKite")

    assert not Notification.objects.filter(user=people.youth_friend).exists()
    assert Notification.objects.filter(user=people.youth).exists()


def test_the_moderation_queue_does_not_name_a_thread_whose_opening_post_is_held(
    held_opening, people, groups
):
    reply = held_opening.posts.exclude(author=people.youth).get()
    actions.do_flag_post(viewer(people.youth), reply, reason="abuse")
    Post.objects.create(
        thread=held_opening,
        author=member_of(groups.youth, display_name="New", pseudonym="New"),
        body="Waiting",
        body_html="<p>Waiting</p>",
        status=Post.Status.PENDING,
    )

    page = signed_in_client(people.moderator).get("/forums/moderation/").content.decode()

    assert SUBJECT not in page
