"""
The task worker stops: tasks wait in the queue, run when a worker is back, and none runs
twice. Real `manage.py task_worker` processes (db_worker with a heartbeat) against the test
database (django-tasks' database backend, as in production), stopped with SIGTERM as an
orchestrator stops them.
"""

import time

import pytest
from django_tasks_db.models import DBTaskResult

from forums.models import Post
from portal.models import AccessLevel, Notification, Role
from tests.faults import workers
from tests.forums.factories import ForumFactory, PostFactory, ThreadFactory
from tests.portal.factories import StakeholderGroupFactory, member_of

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

REPLIES = 20
# A worker process starts in 5 to 30 s, depending on how busy the machine is.
STARTING_S = 120
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"


def worker(name: str, log):
    return workers.start(
        [
            "manage.py",
            "task_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--worker-id",
            name,
        ],
        log,
        TASKS_BACKEND=DATABASE_TASKS,
    )


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.02)
    pytest.fail(f"waited {timeout} s for {what}")


def done() -> int:
    return DBTaskResult.objects.filter(status="SUCCESSFUL").count()


@pytest.fixture
def thread_with_a_watcher(transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": DATABASE_TASKS}}
    settings.FORUMS_POSTS_PER_MINUTE = REPLIES + 1
    members = StakeholderGroupFactory(name="CSO members", role=Role.CSO)
    watcher = member_of(members, display_name="Watching Member")
    author = member_of(members, display_name="Busy Author")
    forum = ForumFactory(slug="general", access_level=AccessLevel.PUBLIC)
    thread = ThreadFactory(author=watcher, forum=forum, title="Recruitment agencies")
    DBTaskResult.objects.all().delete()  # the opening post's own announcement
    return thread, watcher, author


def test_tasks_wait_for_the_worker_and_each_runs_once(thread_with_a_watcher, tmp_path):
    thread, watcher, author = thread_with_a_watcher
    log = tmp_path / "workers.log"
    replies = [PostFactory(author=author, thread=thread).pk for _ in range(REPLIES)]

    # No worker: every announcement waits, and nobody has been told yet.
    time.sleep(0.5)
    assert DBTaskResult.objects.filter(status="READY").count() == REPLIES
    assert not Notification.objects.filter(user=watcher).exists()

    # A worker starts, and is stopped (SIGTERM) as soon as it has done some of the work.
    first = worker("first", log)
    try:
        wait_for(done, STARTING_S, "the first worker to run a task")
    finally:
        stopped = workers.stop(first)
    assert stopped == 0, log.read_text()
    assert 0 < done() < REPLIES, "the worker was not stopped mid-queue"
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 0

    # The worker returns and works through the rest of the queue.
    second = worker("second", log)
    try:
        wait_for(lambda: done() == REPLIES, STARTING_S, "the queue to empty")
    finally:
        workers.stop(second)

    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists(), log.read_text()
    for result in DBTaskResult.objects.all():
        assert len(result.worker_ids) == 1, result.worker_ids
    # What the watcher sees: one "New reply" notification per reply, none twice.
    told = list(
        Notification.objects.filter(user=watcher, kind="forums.reply").values_list(
            "about_id", flat=True
        )
    )
    assert sorted(told) == sorted(str(pk) for pk in replies)
    assert Post.objects.filter(thread=thread).count() == REPLIES + 1
