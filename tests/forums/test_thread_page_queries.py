"""The thread page reads the same number of rows whatever the number of posts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from forums.models import Post, Thread
from tests.forums.conftest import member_of, signed_in_client, viewer


def _thread_with(forum, author, count: int) -> Thread:
    thread = actions.do_create_thread(viewer(author), forum, title="T", body="Opening")
    previous = thread.opening_post
    for number in range(count - 1):
        # Written directly: the posting rate limit is not what this test is about.
        previous = Post.objects.create(
            thread=thread,
            author=author,
            body=f"Reply {number}",
            body_html=f"<p>Reply {number}</p>",
            quoted_post=previous,
        )
    return thread


def _queries_for_page(client, thread) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_the_thread_page_of_a_group_forum_does_not_query_per_post(forums, people, groups):
    reader = member_of(groups.cso, display_name="Second CSO")
    client = signed_in_client(reader)
    short = _thread_with(forums.cso, people.cso, 5)
    long = _thread_with(forums.cso, people.cso, 25)
    _queries_for_page(client, short)  # sessions, caches and the like warmed up

    assert _queries_for_page(client, long) == _queries_for_page(client, short)
