from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskWorker(models.Model):
    """
    A task worker process (`manage.py task_worker`) and when it was last seen alive.

    The worker writes `last_seen_at` every TASK_WORKER_HEARTBEAT_S seconds from a thread of
    its own. One not seen for TASK_WORKER_LOST_AFTER_S was killed or lost with its machine:
    the tasks it had claimed go back to the queue (portal.actions.do_requeue_lost_tasks),
    and `lost_at`/`tasks_requeued` record that for /health/ready. A worker that stops
    cleanly deletes its row.
    """

    # django-tasks' own worker id (64 characters at most), stored in each task it claims.
    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    last_seen_at = models.DateTimeField(_("last seen"), db_index=True)
    lost_at = models.DateTimeField(_("lost"), null=True, blank=True)
    tasks_requeued = models.PositiveIntegerField(_("tasks put back in the queue"), default=0)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self) -> str:
        return self.worker_id
