"""
`manage.py requeue_lost_tasks`: put back in the queue the tasks of task workers not seen
for TASK_WORKER_LOST_AFTER_S. Every `task_worker` does this on each heartbeat; the
scheduler runs it too (deploy/crontab), so it happens even while every worker restarts.
"""

from django.core.management.base import BaseCommand

from portal import actions


class Command(BaseCommand):
    help = "Put back in the queue the tasks claimed by task workers that were lost"

    def handle(self, *args, **options) -> None:
        requeued = actions.do_requeue_lost_tasks()
        self.stdout.write(f"{requeued} task(s) back in the queue")
