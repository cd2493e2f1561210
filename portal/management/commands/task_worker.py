"""
`manage.py task_worker`: django-tasks' `db_worker`, with a heartbeat and the recovery of
tasks a killed worker left RUNNING (portal/task_workers.py). Every option of `db_worker`
works here. Production runs this, never `db_worker` itself (Procfile, compose.yaml): a
plain `db_worker` leaves no heartbeat, so a task it held when killed would stay RUNNING.
"""

import os
import socket

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from portal import actions
from portal.task_workers import Heartbeat


class Command(db_worker.Command):
    help = "Run the background task worker, with a heartbeat and recovery of lost workers' tasks"

    def handle(self, *args, worker_id: str, **options) -> None:
        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # --reload (development): this process only restarts the one that runs tasks,
            # which beats for itself.
            return super().handle(*args, worker_id=worker_id, **options)
        heartbeat = Heartbeat(
            worker_id,
            hostname=socket.gethostname(),
            pid=os.getpid(),
            interval=settings.TASK_WORKER_HEARTBEAT_S,
        )
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            # SIGTERM: the current task has finished (db_worker's own handling), so this
            # worker holds nothing and leaves no record to go stale.
            heartbeat.stop()
            actions.do_forget_task_worker(worker_id)
