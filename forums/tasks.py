"""
Background work of the forums (django-tasks: in-process in dev and tests, a worker in production).

Telling watchers and mentioned members about a new post costs a viewer and a check per
watcher; done inside the posting transaction it delayed the live push to every open
socket by as much, and grew with the watcher list. It is queued once the post commits,
after the push (on_commit callbacks run in order).
"""

from django.db import transaction
from django_tasks import task

from forums import actions


@task()
def announce_published_post(post_id: int) -> None:
    actions.announce_published(post_id)


def announce_after_commit(post_id: int) -> None:
    transaction.on_commit(lambda: announce_published_post.enqueue(post_id))
