from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Post(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Awaiting approval")
        HIDDEN = "hidden", _("Hidden by a moderator")
        # Withdrawn by a safeguarding lead while a case is handled: only a lead lifts it,
        # and the author (who must not be alerted) still sees the post as published.
        HELD = "held", _("Held for safeguarding")

    thread = models.ForeignKey(
        "forums.Thread", verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    # Accounts are never deleted (only erased), so posts stay, shown as "former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_posts",
    )
    body = models.TextField(_("text (Markdown)"))
    # The body rendered from Markdown and sanitised once, at write time.
    body_html = models.TextField(editable=False)
    quoted_post = models.ForeignKey(
        "self",
        verbose_name=_("quotes"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    # What a safeguarding hold returns the post to when a lead lifts it.
    status_before_hold = models.CharField(
        max_length=10, choices=Status.choices, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class PostRevision(models.Model):
    """The text of a post before an edit: the edit history."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("previous text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited"), default=timezone.now)

    class Meta:
        ordering = ["-edited_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self):
        return f"post {self.post_id} before {self.edited_at:%Y-%m-%d %H:%M}"


class ThreadEvent(models.Model):
    """
    Something that happened in a thread, in order. The id only grows, so a client
    that lost its connection asks for everything after the last id it saw. Events
    carry references only: each viewer's payload is rendered for them when sent.
    """

    class Kind(models.TextChoices):
        POST_NEW = "post.new", _("New post")
        POST_EDITED = "post.edited", _("Post edited")
        POST_HIDDEN = "post.hidden", _("Post hidden")
        POST_RESTORED = "post.restored", _("Post restored")
        # A safeguarding hold and its lifting: never sent to the post's author.
        POST_HELD = "post.held", _("Post held for safeguarding")
        POST_RELEASED = "post.released", _("Safeguarding hold lifted")
        POST_DELETED = "post.deleted", _("Post deleted")
        THREAD_LOCKED = "thread.locked", _("Thread locked")
        THREAD_UNLOCKED = "thread.unlocked", _("Thread unlocked")

    thread = models.ForeignKey(
        "forums.Thread", on_delete=models.CASCADE, related_name="events", db_index=True
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("thread event")
        verbose_name_plural = _("thread events")

    def __str__(self):
        return f"{self.pk} {self.kind}"
