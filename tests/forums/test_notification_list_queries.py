"""The notification list asks each subject's rule without a query per notification."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from portal.notifications import notify
from tests.forums.conftest import signed_in_client, viewer


def _notifications_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/me/notifications/")
    assert response.status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_3_or_12_notifications_about_posts(forums, people, settings):
    settings.FORUMS_POSTS_PER_MINUTE = 100
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="Fees", body="b")
    client = signed_in_client(people.cso)
    posts = [
        actions.do_create_post(viewer(people.cso), thread, body=f"Reply {number}")
        for number in range(12)
    ]
    for post in posts[:3]:
        notify(people.cso, "forums.reply", f"Reply {post.pk}", about=post)
    _notifications_page_queries(client)  # caches (content types, site) warm up once
    few = _notifications_page_queries(client)
    for post in posts[3:]:
        notify(people.cso, "forums.reply", f"Reply {post.pk}", about=post)
    many = _notifications_page_queries(client)

    assert many == few
