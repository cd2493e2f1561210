from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    """A member's report of a post. Safeguarding concerns open a SafeguardingCase instead."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSE = "abuse", _("Abuse or harassment")
        OFF_TOPIC = "off_topic", _("Off-topic")
        SAFEGUARDING = "safeguarding", _("Possible safeguarding concern")

    post = models.ForeignKey(
        "forums.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("what worries you"), blank=True)
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self):
        return f"{self.get_reason_display()} · post {self.post_id}"


class ModerationVerb(models.TextChoices):
    """What moderators do, as recorded in the audit trail (the moderation log)."""

    APPROVE = "post.approved", _("Approved a post")
    HIDE = "post.hidden", _("Hid a post")
    RESTORE = "post.restored", _("Restored a post")
    LOCK = "thread.locked", _("Locked a thread")
    UNLOCK = "thread.unlocked", _("Unlocked a thread")
    WARN = "member.warned", _("Warned a member")
    SUSPEND = "member.suspended", _("Suspended a member")
    DISMISS = "flag.dismissed", _("Dismissed a flag")
    DELETE = "post.deleted", _("Deleted a flagged post")


class PostingSuspension(models.Model):
    """
    A moderator's bar on posting in the forums. Suspending the whole account is the
    secretariat's (portal.actions.do_suspend_user); moderators who are not secretariat
    suspend forum posting only.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_suspensions",
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suspended by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("suspended"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    class Meta:
        verbose_name = _("posting suspension")
        verbose_name_plural = _("posting suspensions")

    def __str__(self):
        return f"{self.member} ({self.created_at:%Y-%m-%d})"


class SafeguardingCase(models.Model):
    """A possible safeguarding concern about a post, seen only by safeguarding leads."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    flag = models.OneToOneField(
        Flag, verbose_name=_("flag"), on_delete=models.CASCADE, related_name="safeguarding_case"
    )
    post = models.ForeignKey(
        "forums.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("safeguarding case")
        verbose_name_plural = _("safeguarding cases")

    def __str__(self):
        return f"#{self.pk} ({self.get_status_display()})"


class SafeguardingCaseEntry(models.Model):
    """Every step of a safeguarding case: notes, referrals, status changes. Never edited."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        NOTE = "note", _("Case note")
        REFERRAL = "referral", _("Referral")
        STATUS = "status", _("Status changed")
        HIDDEN = "hidden", _("Post hidden")
        RELEASED = "released", _("Hold lifted")

    case = models.ForeignKey(
        SafeguardingCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("note"), blank=True)
    referred_to = models.CharField(
        _("referred to (organisation or service)"), max_length=200, blank=True
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("safeguarding case entry")
        verbose_name_plural = _("safeguarding case entries")

    def __str__(self):
        return f"{self.get_kind_display()} · case {self.case_id}"
