"""
A task worker killed mid-task (SIGKILL: the out-of-memory killer, a lost machine) leaves
its task RUNNING. Another worker notices the missing heartbeat and puts the task back in
the queue, where it runs again to completion, once; a task held by a worker that is alive
is never taken, however long it runs. And two workers draining one queue together run
each task once (django_tasks_db claims with SELECT ... FOR UPDATE SKIP LOCKED).

Real `manage.py task_worker` processes (db_worker with a heartbeat) on PostgreSQL.
"""

import time
from collections import Counter

import pytest
from django_tasks_db.models import DBTaskResult

from portal.models import TaskWorker
from portal.task_workers import worker_figures
from tests.faults import workers
from tests.faults.worker_tasks import hold_until_released, record_run

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

DATABASE_TASKS = "django_tasks_db.DatabaseBackend"
# A worker process starts in 5 to 30 s, depending on how busy the machine is.
STARTING_S = 120
# Short, so that the test does not wait a minute; the heartbeat is still many times shorter.
HEARTBEAT_S = 0.3
LOST_AFTER_S = 2.0


def task_worker(name: str, log):
    return workers.start(
        [
            "manage.py",
            "task_worker",
            "--interval",
            "0.05",
            "--no-startup-delay",
            "--worker-id",
            name,
        ],
        log,
        TASKS_BACKEND=DATABASE_TASKS,
        TASK_WORKER_HEARTBEAT_S=str(HEARTBEAT_S),
        TASK_WORKER_LOST_AFTER_S=str(LOST_AFTER_S),
    )


def wait_for(condition, timeout: float, what: str, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    pytest.fail(f"waited {timeout} s for {what}" + (f"\n{log.read_text()}" if log else ""))


def lines(path) -> Counter:
    return Counter(path.read_text().splitlines()) if path.exists() else Counter()


@pytest.fixture
def database_tasks(transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": DATABASE_TASKS}}
    settings.TASK_WORKER_LOST_AFTER_S = LOST_AFTER_S
    DBTaskResult.objects.all().delete()


@pytest.fixture
def started(tmp_path):
    """Start task workers (`started(name)`); any still running are stopped afterwards."""
    processes = []
    log = tmp_path / "workers.log"

    def start(name: str):
        process = task_worker(name, log)
        processes.append(process)
        return process

    start.log = log
    yield start
    for process in processes:
        workers.stop(process)


def holder(task_id) -> str:
    """The worker that claimed the task last (wait until one has)."""
    worker_ids = DBTaskResult.objects.get(pk=task_id).worker_ids
    return worker_ids[-1] if worker_ids else ""


def test_a_killed_workers_task_runs_again_once_and_a_live_workers_task_is_left_alone(
    database_tasks, started, tmp_path
):
    ran = tmp_path / "ran.log"
    release = tmp_path / "release"
    # Three workers start together (a worker takes seconds to start on a busy machine).
    processes = {name: started(name) for name in ("one", "two", "three")}
    wait_for(lambda: TaskWorker.objects.count() == 3, STARTING_S, "the workers", started.log)

    # One task each for two of them, which they hold until the test releases them.
    lost = hold_until_released.enqueue(log=str(ran), name="lost", release=str(release)).id
    doomed = wait_for(lambda: holder(lost), 10, "a worker to claim the first task")
    kept = hold_until_released.enqueue(log=str(ran), name="kept", release=str(release)).id
    survivor = wait_for(lambda: holder(kept), 10, "another worker to claim the second task")
    wait_for(lambda: lines(ran)["start kept"] == 1, 10, "the second task to start")

    workers.kill(processes[doomed])
    assert DBTaskResult.objects.running().count() == 2  # what django-tasks alone would keep

    # A live worker's heartbeat thread finds the killed one silent for LOST_AFTER_S and puts
    # its task back; the idle worker runs it again from the start.
    wait_for(lambda: lines(ran)["start lost"] == 2, 30, "the lost task to restart", started.log)
    rescuer = holder(lost)
    assert rescuer not in {doomed, survivor}
    assert DBTaskResult.objects.get(pk=lost).worker_ids == [doomed, rescuer]
    assert TaskWorker.objects.get(worker_id=doomed).tasks_requeued == 1
    # Recoveries go on every heartbeat while the survivor's task runs far past the limit.
    time.sleep(LOST_AFTER_S * 2)
    assert lines(ran)["start kept"] == 1
    assert DBTaskResult.objects.get(pk=kept).worker_ids == [survivor]
    assert DBTaskResult.objects.get(pk=kept).status == "RUNNING"

    release.touch()
    wait_for(
        lambda: DBTaskResult.objects.successful().count() == 2,
        30,
        "both tasks to finish",
        started.log,
    )
    assert lines(ran) == {"start lost": 2, "done lost": 1, "start kept": 1, "done kept": 1}
    figures = worker_figures()
    assert (figures.alive, figures.stuck, figures.requeued) == (2, 0, 1)

    # Stopped with SIGTERM, the live workers leave no record; the lost one's stays a while.
    assert workers.stop(processes[survivor]) == 0
    assert workers.stop(processes[rescuer]) == 0
    assert list(TaskWorker.objects.values_list("worker_id", flat=True)) == [doomed]


TASKS = 40


def test_two_workers_draining_one_queue_run_each_task_once(database_tasks, started, tmp_path):
    ran = tmp_path / "ran.log"
    started("left")
    started("right")
    # Both are claiming before the first task is queued: a race, not a relay.
    wait_for(lambda: TaskWorker.objects.count() == 2, STARTING_S, "both workers", started.log)

    for number in range(TASKS):
        record_run.enqueue(log=str(ran), name=f"task-{number}")
    wait_for(
        lambda: DBTaskResult.objects.successful().count() == TASKS,
        30,
        "the queue to empty",
        started.log,
    )

    runs = Counter(line.split()[1] for line in ran.read_text().splitlines())
    assert runs == {f"task-{number}": 1 for number in range(TASKS)}
    claimed_by = Counter(
        worker_ids[0] for worker_ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
    )
    assert all(
        len(worker_ids) == 1
        for worker_ids in DBTaskResult.objects.values_list("worker_ids", flat=True)
    )
    # Both took part: the queue was drained concurrently.
    assert set(claimed_by) == {"left", "right"}, claimed_by
