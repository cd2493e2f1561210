"""
Factories for forums: forums with their groups, and threads and posts written through
`forums.actions` by their author (with the author's rights, second factor used).
"""

import factory

from forums import actions
from forums.models import Forum, Post, Thread
from portal.models import AccessLevel
from portal.permissions import viewer_for_user


class ForumFactory(factory.django.DjangoModelFactory):
    name = factory.LazyAttribute(lambda forum: forum.slug.replace("-", " ").title())
    slug = factory.Sequence(lambda n: f"forum-{n}")
    access_level = AccessLevel.PUBLIC
    premoderate_new_members = False

    class Meta:
        model = Forum
        skip_postgeneration_save = True

    @factory.post_generation
    def allowed_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.allowed_groups.set(extracted)
            self.save()


class ThreadFactory(factory.Factory):
    """A thread started by `author` in `forum`, its opening post written with `body`."""

    title = factory.Sequence(lambda n: f"Thread {n}")
    body = "Opening post."

    class Meta:
        model = Thread

    @classmethod
    def _create(cls, model_class, *, author, forum, **fields):
        return actions.do_create_thread(viewer_for_user(author, mfa_ok=True), forum, **fields)


class PostFactory(factory.Factory):
    """A reply by `author` in `thread`."""

    body = factory.Sequence(lambda n: f"Reply {n}.")

    class Meta:
        model = Post

    @classmethod
    def _create(cls, model_class, *, author, thread, **fields):
        return actions.do_create_post(viewer_for_user(author, mfa_ok=True), thread, **fields)
