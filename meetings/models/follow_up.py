from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Decision(models.Model):
    """A decision taken at a meeting, numbered within the meeting (1, 2, 3 ...)."""

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("decision"))
    public = models.BooleanField(
        _("public before the minutes are published"),
        default=False,
        help_text=_(
            "A decision and its actions are shown with the published minutes. Tick to show "
            "this one to the meeting's audience now."
        ),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_unique")
        ]

    def __str__(self):
        return str(_("Decision %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        """Where the decision is read: its meeting's list of decisions."""
        return f"{self.meeting.url}#decisions"


class ActionItem(models.Model):
    """A follow-up action: who (an organisation or a country) does what by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    title = models.CharField(_("action"), max_length=255)
    owner_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_country = models.ForeignKey(
        "portal.Country",
        verbose_name=_("owner country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    due_reminder_sent_on = models.DateField(_("due reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title

    @property
    def owner(self):
        return self.owner_organisation or self.owner_country

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()
