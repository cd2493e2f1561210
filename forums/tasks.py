"""
Background work of the forums (django-tasks: in-process in dev and tests, a worker in production).

Telling watchers and mentioned members about a new post costs a viewer and a check per
watcher; done inside the posting transaction it delayed the live push to every open
socket by as much, and grew with the watcher list. It is queued once the post commits,
after the push (on_commit callbacks run in order). The actions announce a published
post with the `post_published` signal; this module receives it (see forums.signals).
"""

from django.db import transaction
from django.dispatch import receiver

from forums import actions
from forums.signals import post_published
from portal.background import task


@task()
def announce_published_post(post_id: int) -> None:
    actions.do_announce_published(post_id)


@receiver(post_published, dispatch_uid="forums.tasks.announce_after_commit")
def announce_after_commit(sender, post_id: int, **kwargs) -> None:
    transaction.on_commit(lambda: announce_published_post.enqueue(post_id))
