from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from portal.models import AccessControlled


class MeetingPaper(AccessControlled, ClusterableModel):
    """
    A document tabled at a meeting, with its own audience: a public agenda may list a
    government-only paper. Its file is refused by the `before_serve_document` hook
    (meetings.wagtail_hooks) to anyone `portal.permissions` does not let see it.
    """

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="papers",
    )
    agenda_number = models.CharField(
        _("agenda item number"),
        max_length=10,
        blank=True,
        help_text=_("The number of the agenda item this paper belongs to, e.g. 3.1."),
    )
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("meeting"),
        FieldPanel("agenda_number"),
        FieldPanel("title"),
        FieldPanel("document"),
        FieldPanel("access_level"),
        FieldPanel("allowed_groups"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")

    def __str__(self):
        return self.title
