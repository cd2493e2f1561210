from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.translated import TranslatedName


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    GOVERNMENT = "government", _("Government delegate")
    CSO = "cso", _("CSO member")
    YOUTH = "youth", _("Youth delegate")
    MODERATOR = "moderator", _("Moderator")
    SAFEGUARDING = "safeguarding", _("Safeguarding lead")


# Roles that reach restricted material or other people's data: their rights count only
# once a second factor is set up and has been used in the session.
ROLES_REQUIRING_MFA = frozenset(
    {Role.SECRETARIAT, Role.GOVERNMENT, Role.MODERATOR, Role.SAFEGUARDING}
)


class StakeholderGroup(TranslatedName):
    """
    A group of the COMMIT process (Secretariat, Government delegates of one country, ...).

    Each has its own Django group, kept in step with approved memberships, so Wagtail's
    page privacy settings ("private, to these groups") work with stakeholder groups too.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    country = models.ForeignKey(
        "portal.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Government delegations are per country."),
    )
    description = models.TextField(_("description"), blank=True)
    open_to_requests = models.BooleanField(
        _("open to requests"),
        default=True,
        help_text=_("Members may ask to join. Otherwise the secretariat invites them."),
    )
    auth_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="stakeholder_group", editable=False
    )

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def save(self, *args, **kwargs):
        if self.auth_group_id is None:
            # A new group, never an existing one: an existing Django group may carry
            # admin permissions that must not come with stakeholder membership.
            self.auth_group = Group.objects.create(name=self.name)
        elif self.auth_group.name != self.name:
            self.auth_group.name = self.name
            self.auth_group.save(update_fields=["name"])
        super().save(*args, **kwargs)

    @property
    def requires_mfa(self) -> bool:
        return self.role in ROLES_REQUIRING_MFA


class Membership(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    user = models.ForeignKey(
        "portal.User",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    group = models.ForeignKey(
        StakeholderGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason for joining"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_message = models.TextField(_("message to the member"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="membership_one_per_group")
        ]

    def __str__(self):
        return f"{self.user} · {self.group} ({self.get_status_display()})"


class Invitation(models.Model):
    """A single-use, expiring invitation from the secretariat to join a group."""

    email = models.EmailField(_("email address"))
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("personal message"), blank=True)
    # Only a hash of the token is stored: a database leak does not leak usable links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.group}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
