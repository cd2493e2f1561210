from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """Users are identified by email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required to create a user.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class NotificationFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off (in the portal only)")


class NameInForums(models.TextChoices):
    PSEUDONYM = "pseudonym", _("My pseudonym")
    REAL_NAME = "real_name", _("My display name")


class User(AbstractUser):
    """A portal account: signs in with an email address."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("How your name appears to other members."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Emails and notifications are sent in this language."),
    )

    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=60,
        blank=True,
        help_text=_(
            "Shown instead of your name in the Youth Forum. Moderators can still see who you are."
        ),
    )
    name_in_forums = models.CharField(
        _("name shown on your posts"),
        max_length=20,
        choices=NameInForums.choices,
        default=NameInForums.PSEUDONYM,
        help_text=_(
            "For youth delegates, outside the Youth Forum (which always shows pseudonyms). "
            "Moderators and the secretariat can still see who you are."
        ),
    )
    country = models.ForeignKey(
        "portal.Country",
        verbose_name=_("country"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    notification_frequency = models.CharField(
        _("email notifications"),
        max_length=20,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.DAILY,
    )
    suspended_at = models.DateTimeField(
        _("suspended"),
        null=True,
        blank=True,
        help_text=_("A suspended member keeps their account but loses every group right."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # A pseudonym names one person: two "MekongDreamer"s would let one speak as the
            # other. Case-insensitive, since mentions and readers do not tell case apart.
            models.UniqueConstraint(
                Lower("pseudonym"),
                condition=~Q(pseudonym=""),
                name="portal_user_unique_pseudonym",
                violation_error_message=_("This pseudonym is taken: choose another."),
            ),
        ]

    def __str__(self):
        return self.get_short_name()

    def get_full_name(self):
        full_name = super().get_full_name()
        return full_name or self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.first_name or self.email

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def public_name(self) -> str:
        """The name other members see: never the email address."""
        if not self.is_active:
            return str(_("Former member"))
        return self.display_name or super().get_full_name() or str(_("Member"))
