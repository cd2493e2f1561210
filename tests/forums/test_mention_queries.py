"""Finding who a post mentions costs the same whatever the number of participants."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from forums.models import Post
from tests.forums.conftest import member_of, viewer


def _announce_queries(forums, people, groups, participants: int) -> int:
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    for number in range(participants):
        # Written directly: participants who do not watch the thread, so the count is
        # only that of working out their handles (watchers are each checked and told).
        Post.objects.create(
            thread=thread,
            author=member_of(groups.cso, display_name=f"Participant {number}"),
            body="Me too",
            body_html="<p>Me too</p>",
        )
    post = Post.objects.create(
        thread=thread, author=people.cso, body="Hello @Nobody", body_html="<p>Hello</p>"
    )
    with CaptureQueriesContext(connection) as queries:
        actions.do_announce_published(post.pk)
    return len(queries)


def test_mentions_do_not_cost_a_query_per_participant(forums, people, groups):
    # The first announcement in a process pays for look-ups cached after it (the post's
    # content type): run alone, this test compared a cold count with a warm one.
    _announce_queries(forums, people, groups, 1)
    assert _announce_queries(forums, people, groups, 12) == _announce_queries(
        forums, people, groups, 3
    )
