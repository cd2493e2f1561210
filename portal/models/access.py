from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members (any approved member)")
    GROUPS = "groups", _("Restricted to selected groups")


class AccessControlled(models.Model):
    """
    Who may see an object: everyone, any approved member, or chosen stakeholder groups.

    The rules live in `portal.permissions`; models only carry the data. Concrete models
    must be ClusterableModels (Wagtail pages are), so the group choice is part of page
    revisions and previews.
    """

    access_level = models.CharField(
        _("who can see this"),
        max_length=10,
        choices=AccessLevel.choices,
        default=AccessLevel.PUBLIC,
    )
    allowed_groups = ParentalManyToManyField(
        "portal.StakeholderGroup",
        verbose_name=_("groups that can see this"),
        blank=True,
        related_name="+",
        help_text=_(
            "Used when access is restricted to selected groups. "
            "The secretariat always sees everything."
        ),
    )

    class Meta:
        abstract = True
