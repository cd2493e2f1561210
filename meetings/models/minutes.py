from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Minutes(models.Model):
    """
    The minutes of one meeting and where they stand in their workflow:
    draft → circulated to the delegations → adopted (locked) → published.
    Every change of text is kept as a `MinutesRevision`; transitions go through
    `meetings.actions`.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated to delegations")
        ADOPTED = "adopted", _("Adopted")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="minutes",
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    text = models.TextField(_("text"), blank=True)
    revision_number = models.PositiveIntegerField(_("revision"), default=0)
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    sign_off_deadline = models.DateTimeField(
        _("sign-off deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the minutes are circulated; the secretariat is told of the "
            "delegations still missing then."
        ),
    )
    # When the secretariat was told of the sign-offs missing at the deadline: once only.
    deadline_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(_("Minutes of %(meeting)s") % {"meeting": self.meeting.title})

    @property
    def is_locked(self) -> bool:
        return self.state in (self.State.ADOPTED, self.State.PUBLISHED)

    def delegations_yet_to_sign(self) -> list:
        """Participating delegations that have not signed off the current revision."""
        signed = set(
            self.sign_offs.filter(revision_number=self.revision_number).values_list(
                "delegation_id", flat=True
            )
        )
        return [d for d in self.meeting.delegations.all() if d.pk not in signed]


class MinutesRevision(models.Model):
    """One version of the minutes' text, with who changed it and why."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("text"))
    reason = models.TextField(_("reason for the change"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_revision_unique")
        ]

    def __str__(self):
        return f"{self.minutes} r{self.number}"


class DelegationSignOff(models.Model):
    """A delegation's agreement to one revision of the circulated minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="sign_offs")
    delegation = models.ForeignKey(
        "portal.StakeholderGroup",
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision_number = models.PositiveIntegerField(_("revision signed"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("delegation sign-off")
        verbose_name_plural = _("delegation sign-offs")
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "delegation", "revision_number"], name="sign_off_once"
            )
        ]

    def __str__(self):
        return f"{self.delegation} r{self.revision_number}"


class SignOffWaiver(models.Model):
    """
    The secretariat's record that minutes were adopted without one delegation's sign-off,
    and why. Shown with the adopted minutes to everyone who may read them.
    """

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="waivers")
    delegation = models.ForeignKey(
        "portal.StakeholderGroup",
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision_number = models.PositiveIntegerField(_("revision adopted"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("adoption without sign-off")
        verbose_name_plural = _("adoptions without sign-off")
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "delegation", "revision_number"], name="sign_off_waived_once"
            )
        ]

    def __str__(self):
        return f"{self.delegation} r{self.revision_number}"


class MinutesComment(models.Model):
    """A delegation's comment on circulated minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    delegation = models.ForeignKey(
        "portal.StakeholderGroup",
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    revision_number = models.PositiveIntegerField(_("on revision"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("minutes comment")
        verbose_name_plural = _("minutes comments")

    def __str__(self):
        return f"{self.delegation}: {self.text[:50]}"
