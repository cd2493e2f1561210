from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel

from portal.models import AccessControlled, AccessLevel, Role


class Forum(AccessControlled, ClusterableModel):
    """A category of threads with an audience (who may read it) set through AccessControlled."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    premoderate_new_members = models.BooleanField(
        _("pre-moderate new members"),
        default=False,
        help_text=_(
            "Posts by members new to this forum wait for a moderator's approval. "
            "Keep this on for forums with young people."
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("access_level"),
        FieldPanel("allowed_groups"),
        FieldPanel("premoderate_new_members"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forums:forum", kwargs={"slug": self.slug})

    @property
    def uses_pseudonyms(self) -> bool:
        """Forums for youth delegates show pseudonyms: some participants are minors."""
        return self.access_level == AccessLevel.GROUPS and any(
            group.role == Role.YOUTH for group in self.allowed_groups.all()
        )


class Thread(models.Model):
    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    tags = TaggableManager(verbose_name=_("tags"), blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Nobody but moderators can reply.")
    )
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about (meeting, publication or consultation)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        ordering = ["-pinned", "-last_activity_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:thread", kwargs={"pk": self.pk})

    @property
    def opening_post(self):
        """The thread's body is its first post, so it is edited, flagged and moderated alike."""
        return self.posts.order_by("created_at", "pk").first()


class Watch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_watches",
    )
    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="watches"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("watched thread")
        verbose_name_plural = _("watched threads")
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forums_watch_once")]

    def __str__(self):
        return f"{self.user} → {self.thread}"
