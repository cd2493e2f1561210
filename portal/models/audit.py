from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

# verb -> translatable label, filled by each app through `portal.audit.register_verbs`.
VERB_LABELS: dict[str, str] = {}


class AuditEvent(models.Model):
    """
    The one audit trail: who did what to which object, when and from where. Written only
    through `portal.audit.record`, by every app's actions; never edited.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A dotted verb ("membership.approved", "minutes.published"); apps register its label.
    verb = models.CharField(_("what"), max_length=60)
    # The object as a generic reference (ids as text: pages, users and posts alike) ...
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of object"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    # ... and its description at the time, so the event stays readable after it is deleted.
    target_label = models.CharField(_("about"), max_length=255, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    reason = models.TextField(_("why"), blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    client_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["-at"], name="audit_at"),
            models.Index(fields=["verb", "-at"], name="audit_verb_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
            models.Index(fields=["subject", "-at"], name="audit_subject_at"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            models.Index(fields=["request_id"], name="audit_request"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.target_label}"

    def get_verb_display(self) -> str:
        """The verb's label in the reader's language; an unregistered verb shows as itself."""
        return str(VERB_LABELS.get(self.verb, self.verb))
