"""A task queued by a request logs, in the worker, under that request's id."""

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from forums import actions
from tests.forums.conftest import signed_in_client, viewer
from tests.json_logs import json_log_lines

# The task is queued when the reply commits, inside the request: a real commit.
pytestmark = pytest.mark.django_db(transaction=True)


def run_the_task_worker() -> None:
    """`manage.py db_worker --batch`: every due task, in this process, then return."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def announced(lines, post) -> list[dict]:
    return [line for line in lines if line["message"].startswith(f"Post {post.pk} announced")]


def test_the_reply_s_announcement_logs_in_the_worker_under_the_reply_s_request_id(
    forums, people, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Opened outside any request (as a command would): its task gets an id of its own.
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    client = signed_in_client(people.cso)

    with json_log_lines() as lines:
        response = client.post(
            f"/forums/threads/{thread.pk}/reply/",
            {"body": "I agree"},
            headers={"X-Request-ID": "reply-request-0001"},
        )
        assert response.status_code == 302
        assert response["X-Request-ID"] == "reply-request-0001"
        reply = thread.posts.get(body="I agree")
        # Queued, not run: the web process did not announce it.
        assert announced(lines(), reply) == []
        assert DBTaskResult.objects.ready().count() == 2

        run_the_task_worker()

    assert DBTaskResult.objects.ready().count() == 0
    [reply_line] = announced(lines(), reply)
    assert reply_line["request_id"] == "reply-request-0001"
    assert reply_line["logger"] == "forums.actions"
    [opening_line] = announced(lines(), thread.opening_post)
    assert opening_line["request_id"]
    assert opening_line["request_id"] != "reply-request-0001"


def test_a_task_run_in_the_request_keeps_the_request_s_id(forums, people):
    # Development and the test settings run tasks at once, inside the request.
    thread = actions.do_create_thread(viewer(people.cso), forums.cso, title="T", body="Opening")
    client = signed_in_client(people.cso)

    with json_log_lines() as lines:
        client.post(
            f"/forums/threads/{thread.pk}/reply/",
            {"body": "At once"},
            headers={"X-Request-ID": "reply-request-0002"},
        )

    [line] = announced(lines(), thread.posts.get(body="At once"))
    assert line["request_id"] == "reply-request-0002"
