"""
The one audit trail: `record()` is the only writer of `AuditEvent`, called by every app's
actions inside their transaction, so an event exists exactly when the change does.

Verbs are dotted strings ("membership.approved", "minutes.published"). Each app registers
the human labels of its verbs (`register_verbs`, from its AppConfig.ready), so the core
shows them translated without importing any app.
"""

from __future__ import annotations

import ipaddress
import json
from datetime import UTC

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import AuditEvent
from portal.models.audit import VERB_LABELS
from portal.request_context import current_client_address, current_request_id


class PortalVerb(models.TextChoices):
    MEMBERSHIP_REQUESTED = "membership.requested", _("Membership requested")
    MEMBERSHIP_APPROVED = "membership.approved", _("Membership approved")
    MEMBERSHIP_DECLINED = "membership.declined", _("Membership declined")
    MEMBERSHIP_REVOKED = "membership.revoked", _("Membership revoked")
    INVITATION_SENT = "invitation.sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted")
    ORGANISATION_PROPOSED = "organisation.proposed", _("Organisation proposed")
    ORGANISATION_VERIFIED = "organisation.verified", _("Organisation verified")
    MFA_ADDED = "mfa.added", _("Second factor added")
    MFA_REMOVED = "mfa.removed", _("Second factor removed")
    USER_SUSPENDED = "user.suspended", _("Member suspended")
    USER_REINSTATED = "user.reinstated", _("Member reinstated")
    ACCOUNT_DELETED = "account.deleted", _("Account deleted")
    DATA_EXPORTED = "account.exported", _("Personal data downloaded")


# Verbs whose events stay out of the concerned member's own data download (a flag someone
# raised on their post: who flags is the moderators' to know), and verbs whose reason and
# changes are the staff's internal notes (a moderator's reason for hiding a post).
HIDDEN_FROM_SUBJECT: set[str] = set()
PRIVATE_DETAIL: set[str] = set()


def register_verbs(
    choices: type[models.TextChoices], *, hidden_from_subject=(), private_detail=()
) -> None:
    """Give the verbs of `choices` their (translatable) labels in the trail and its filters."""
    for verb, label in choices.choices:
        VERB_LABELS[verb] = label
    HIDDEN_FROM_SUBJECT.update(str(verb) for verb in hidden_from_subject)
    PRIVATE_DETAIL.update(str(verb) for verb in private_detail)


register_verbs(PortalVerb)


def verb_label(verb: str) -> str:
    """The verb's label in the reader's language; an unregistered verb shows as itself."""
    return str(VERB_LABELS.get(verb, verb))


def verb_choices() -> list[tuple[str, str]]:
    """Every registered verb with its label, sorted by label, for filters."""
    return sorted(((verb, str(label)) for verb, label in VERB_LABELS.items()), key=lambda c: c[1])


def _client_address() -> str | None:
    # The column holds an address; anything else (a socket path, "unknown") is not kept.
    address = current_client_address()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def target_of(obj: models.Model) -> dict:
    """The filter that finds the events whose target is `obj`."""
    return {
        "target_type": ContentType.objects.get_for_model(obj),
        "target_id": str(obj.pk),
    }


def events_about(obj: models.Model):
    """The events whose target is `obj`, newest first."""
    return AuditEvent.objects.filter(**target_of(obj))


def events_of_member(user):
    """
    The events where `user` acted or was the member concerned, newest first; events about
    them of a verb hidden from the member concerned (HIDDEN_FROM_SUBJECT) are left out.
    """
    return (
        AuditEvent.objects.filter(models.Q(actor=user) | models.Q(subject=user))
        .exclude(models.Q(verb__in=HIDDEN_FROM_SUBJECT) & ~models.Q(actor=user))
        .select_related("actor")
    )


def events_for_secretariat(*, verb="", actor_email="", target_type=None, since=None, until=None):
    """
    The trail as the secretariat filters it (callers check `can_view_audit_trail`):
    by verb, by the actor's address, by kind of object, and by day (`since` and `until`
    are dates, both included, in the portal's time zone).
    """
    events = AuditEvent.objects.select_related("actor", "subject", "target_type")
    if verb:
        events = events.filter(verb=verb)
    if actor_email:
        events = events.filter(actor__email__iexact=actor_email)
    if target_type is not None:
        events = events.filter(target_type=target_type)
    if since is not None:
        events = events.filter(at__date__gte=since)
    if until is not None:
        events = events.filter(at__date__lte=until)
    return events


def target_types_in_trail():
    """The kinds of object the trail has events about, for the filter."""
    return ContentType.objects.filter(
        pk__in=AuditEvent.objects.values("target_type").distinct()
    ).order_by("app_label", "model")


EXPORT_HEADER = (
    _("When (UTC)"),
    _("Who"),
    _("What"),
    _("Verb"),
    _("Kind of object"),
    _("Object id"),
    _("About"),
    _("Member concerned"),
    _("What changed"),
    _("Why"),
    _("Request id"),
    _("From address"),
)


def export_rows(events):
    """The events as rows under EXPORT_HEADER, for the CSV and XLSX downloads."""
    for event in events.iterator(chunk_size=2000):
        yield [
            event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            event.actor.email if event.actor else "",
            event.get_verb_display(),
            event.verb,
            str(event.target_type.name) if event.target_type else "",
            event.target_id,
            event.target_label,
            event.subject.email if event.subject else "",
            json.dumps(event.changes, ensure_ascii=False) if event.changes else "",
            event.reason,
            event.request_id,
            event.client_address or "",
        ]


def record(actor, verb: str, *, target=None, subject=None, changes=None, reason="") -> AuditEvent:
    """
    Record that `actor` (a user, or None for the system) did `verb` to `target` (a model
    instance, or a description when there is no object), concerning member `subject`.
    `changes` is a small JSON-able dict of what changed. The request id and client address
    come from the request (or task) in progress.
    """
    reference = {}
    if isinstance(target, models.Model):
        reference = target_of(target)
    label = "" if target is None else str(target)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        verb=verb,
        target_label=label[:255],
        subject=subject,
        changes=changes or {},
        reason=reason or "",
        request_id=current_request_id(),
        client_address=_client_address(),
        **reference,
    )
