"""
Task workers that say they are alive, so that the tasks of one that died run again.

`manage.py task_worker` (portal/management/commands/task_worker.py) is django-tasks'
`db_worker` with a heartbeat: a thread records every TASK_WORKER_HEARTBEAT_S seconds that
the process is alive (portal.models.TaskWorker), and on each beat puts back in the queue
the tasks claimed by workers not seen for TASK_WORKER_LOST_AFTER_S
(portal.actions.do_requeue_lost_tasks). The thread beats as long as the process lives,
whatever the task in the main thread does: a long task is never mistaken for a lost one.

A task that goes back to the queue may have partly run, and runs again from the start
(at least once). SIGTERM is unchanged: the worker finishes its current task, then stops.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import actions
from portal.models import TaskWorker

logger = logging.getLogger(__name__)


class Heartbeat:
    """The background thread of one worker process: beat, then recover, every interval."""

    def __init__(self, worker_id: str, *, hostname: str, pid: int, interval: float):
        self.worker_id = worker_id
        self.hostname = hostname
        self.pid = pid
        self.interval = interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="task-worker-heartbeat", daemon=True)

    def beat(self) -> None:
        actions.do_record_task_worker_heartbeat(
            self.worker_id, hostname=self.hostname, pid=self.pid
        )

    def start(self) -> None:
        # The first beat is written before the worker claims anything, so every task a
        # worker of ours holds has a record to go stale.
        self.beat()
        actions.do_requeue_tasks_of(self.worker_id)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=self.interval + 5)

    def _run(self) -> None:
        try:
            while not self._stopped.wait(self.interval):
                try:
                    self.beat()
                    actions.do_requeue_lost_tasks()
                except DatabaseError:
                    # The database is away: the next beat tries again. Missing beats for
                    # TASK_WORKER_LOST_AFTER_S puts this worker's task back in the queue,
                    # which is right, since nobody can tell it is alive.
                    logger.exception(
                        "Task worker %s could not record its heartbeat", self.worker_id
                    )
        finally:
            connection.close()  # this thread's own connection


@dataclass(frozen=True)
class WorkerFigures:
    """The task workers as /health/ready and /metrics report them."""

    alive: int  # workers seen within TASK_WORKER_LOST_AFTER_S
    stuck: int  # RUNNING tasks whose worker is not alive: put back in the queue soon
    requeued: int  # tasks put back in the queue in the last day


def worker_figures() -> WorkerFigures:
    now = timezone.now()
    seen_since = now - timedelta(seconds=settings.TASK_WORKER_LOST_AFTER_S)
    alive = set(
        TaskWorker.objects.filter(last_seen_at__gte=seen_since, lost_at__isnull=True).values_list(
            "worker_id", flat=True
        )
    )
    running = DBTaskResult.objects.running().values_list("worker_ids", flat=True)
    stuck = sum(1 for worker_ids in running if not worker_ids or worker_ids[-1] not in alive)
    requeued = sum(
        TaskWorker.objects.filter(lost_at__gte=now - timedelta(days=1)).values_list(
            "tasks_requeued", flat=True
        )
    )
    return WorkerFigures(alive=len(alive), stuck=stuck, requeued=requeued)
