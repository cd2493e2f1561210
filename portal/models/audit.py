from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what to whose access, when and why. Written only by portal actions."""

    class Action(models.TextChoices):
        MEMBERSHIP_REQUESTED = "membership.requested", _("Membership requested")
        MEMBERSHIP_APPROVED = "membership.approved", _("Membership approved")
        MEMBERSHIP_DECLINED = "membership.declined", _("Membership declined")
        MEMBERSHIP_REVOKED = "membership.revoked", _("Membership revoked")
        INVITATION_SENT = "invitation.sent", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted")
        ORGANISATION_PROPOSED = "organisation.proposed", _("Organisation proposed")
        MFA_ADDED = "mfa.added", _("Second factor added")
        MFA_REMOVED = "mfa.removed", _("Second factor removed")
        USER_SUSPENDED = "user.suspended", _("Member suspended")
        USER_REINSTATED = "user.reinstated", _("Member reinstated")
        ACCOUNT_DELETED = "account.deleted", _("Account deleted")
        DATA_EXPORTED = "account.exported", _("Personal data downloaded")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        "portal.User",
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=40, choices=Action.choices)
    subject = models.ForeignKey(
        "portal.User",
        verbose_name=_("member concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The object's description at the time, so the entry stays readable if it is deleted.
    target = models.CharField(_("about"), max_length=255, blank=True)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.target}"
