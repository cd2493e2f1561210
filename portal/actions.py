"""
Every write to membership and access goes through here.

Each `do_*` function checks that the actor may do it, writes, records the audit
entry and tells the member, in that order and in one transaction. Views, admin
screens and commands stay thin and call these. A refused or invalid action raises
`ActionRefused` with a message for the person who tried.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from portal.audit import PRIVATE_DETAIL, PortalVerb, events_of_member, record, verb_label
from portal.models import (
    Country,
    Invitation,
    Membership,
    Organisation,
    Role,
    StakeholderGroup,
    TaskWorker,
)
from portal.notifications import (
    absolute_url,
    notifications_for,
    notify,
    notify_staff,
    send_portal_email,
)
from portal.permissions import Viewer, can_manage_memberships
from portal.queries import (
    find_invitation,
    find_matching_organisation,
    holds_address,
    invitation_token_hash,
)
from portal.refusals import ActionRefused
from portal.site_root import portal_site
from portal.staff_permissions import STAFF_ROLES
from portal.translation_files import BadTranslationFile, check_po, parse_po

logger = logging.getLogger(__name__)

INVITATION_VALIDITY = timedelta(days=14)


# Organisations ----------------------------------------------------------------------


def do_propose_organisation(
    user, *, name: str, type: str, country: Country | None, website: str = ""
) -> Organisation:
    match = find_matching_organisation(name, country)
    if match is not None:
        raise ActionRefused(
            _('"%(name)s" is already registered. Choose it from the list instead.')
            % {"name": match.name}
        )
    organisation = Organisation.objects.create(
        name=" ".join(name.split()),
        type=type,
        country=country,
        website=website,
        proposed_by=user,
    )
    record(user, PortalVerb.ORGANISATION_PROPOSED, subject=user, target=organisation)
    return organisation


# Membership -------------------------------------------------------------------------


def _sync_rights(user) -> None:
    """
    Django's groups follow approved memberships, so Wagtail page privacy and admin
    permissions by group work; a suspended member holds none of them (Wagtail reads
    Django groups, not `portal.permissions`). The profile organisation follows too.
    """
    held = set(
        StakeholderGroup.objects.filter(
            memberships__user=user, memberships__status=Membership.Status.APPROVED
        ).values_list("auth_group_id", flat=True)
        if user.suspended_at is None
        else ()
    )
    stakeholder_groups = set(
        user.groups.filter(stakeholder_group__isnull=False).values_list("pk", flat=True)
    )
    user.groups.remove(*(stakeholder_groups - held))
    user.groups.add(*(held - stakeholder_groups))
    _sync_profile_organisation(user)


def _sync_profile_organisation(user) -> None:
    """
    The organisation on a member's profile follows their approved memberships.

    It is the one an approved membership names: the current one while a membership
    still names it, else that of the earliest approved membership naming one, else none.
    A request names an organisation for the secretariat to decide on; until it is
    approved it gives nothing, and a decline or revocation takes back what it gave.
    """
    named = list(
        Membership.objects.filter(
            user=user, status=Membership.Status.APPROVED, organisation__isnull=False
        )
        .order_by("decided_at", "pk")
        .values_list("organisation_id", flat=True)
    )
    wanted = user.organisation_id if user.organisation_id in named else next(iter(named), None)
    if wanted != user.organisation_id:
        user.organisation_id = wanted
        user.save(update_fields=["organisation"])


@transaction.atomic
def do_request_membership(
    user, group: StakeholderGroup, *, organisation: Organisation | None, reason: str
) -> Membership:
    if not group.open_to_requests:
        raise ActionRefused(_("This group is by invitation from the secretariat only."))
    existing = Membership.objects.filter(user=user, group=group).first()
    if existing is not None and existing.status == Membership.Status.APPROVED:
        raise ActionRefused(_("You are already a member of %(group)s.") % {"group": group})
    if existing is not None and existing.status == Membership.Status.PENDING:
        raise ActionRefused(
            _("You have already asked to join %(group)s; the secretariat will answer soon.")
            % {"group": group}
        )
    if existing is None:
        membership = Membership(user=user, group=group)
    else:
        # Asking again after a decline or revocation reopens the same record.
        membership = existing
        membership.decided_by = None
        membership.decided_at = None
        membership.decision_message = ""
    membership.status = Membership.Status.PENDING
    membership.organisation = organisation
    membership.reason = reason
    membership.requested_at = timezone.now()
    membership.save()
    # A re-opened request takes back the rights of a membership revoked before it.
    _sync_rights(membership.user)
    record(
        user,
        PortalVerb.MEMBERSHIP_REQUESTED,
        subject=user,
        target=membership.group,
        reason=reason,
    )
    notify_staff(
        Role.SECRETARIAT,
        "portal.join_request",
        _("New join request for %(group)s") % {"group": membership.group.name},
        reverse("portal_admin_decide_membership", args=[membership.pk]),
    )
    return membership


@transaction.atomic
def do_decide_membership(
    actor: Viewer,
    membership: Membership,
    *,
    approve: bool,
    message: str = "",
    verify_organisation: bool = False,
) -> Membership:
    if not can_manage_memberships(actor):
        raise ActionRefused(_("Only the secretariat decides on memberships."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise ActionRefused(
            _("This request was already decided (%(status)s).")
            % {"status": membership.get_status_display()}
        )
    if not approve and not message.strip():
        raise ActionRefused(_("Tell the member why their request was declined."))
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.DECLINED
    membership.decided_by = actor.user
    membership.decided_at = timezone.now()
    membership.decision_message = message.strip()
    membership.save()
    # The organisation the member proposed is verified on the request page itself, in the
    # same decision, rather than in a second screen the secretariat must remember.
    organisation = membership.organisation
    if approve and verify_organisation and organisation and not organisation.verified:
        organisation.verified = True
        organisation.save(update_fields=["verified"])
        record(
            actor.user,
            PortalVerb.ORGANISATION_VERIFIED,
            subject=membership.user,
            target=organisation,
        )
    _sync_rights(membership.user)
    record(
        actor.user,
        PortalVerb.MEMBERSHIP_APPROVED if approve else PortalVerb.MEMBERSHIP_DECLINED,
        subject=membership.user,
        target=membership.group,
        reason=membership.decision_message,
    )
    _tell_member_of_decision(membership)
    return membership


def _tell_member_of_decision(membership: Membership) -> None:
    user = membership.user
    approved = membership.status == Membership.Status.APPROVED
    subject = (_("Welcome to %(group)s") if approved else _("Your request to join %(group)s")) % {
        "group": membership.group
    }
    context = {
        "membership": membership,
        "approved": approved,
        "my_url": absolute_url(reverse("my_portal")),
    }
    transaction.on_commit(
        lambda: send_portal_email(user, subject, "portal/email/membership_decision.txt", context)
    )
    notify(
        user,
        "membership.decided",
        subject,
        membership.decision_message,
        reverse("my_portal"),
        about=membership,
    )


@transaction.atomic
def do_revoke_membership(actor: Viewer, membership: Membership, *, reason: str) -> Membership:
    if not can_manage_memberships(actor):
        raise ActionRefused(_("Only the secretariat changes memberships."))
    if not reason.strip():
        raise ActionRefused(_("Give a reason for removing this member from the group."))
    membership.status = Membership.Status.REVOKED
    membership.decided_by = actor.user
    membership.decided_at = timezone.now()
    membership.decision_message = reason.strip()
    membership.save()
    _sync_rights(membership.user)
    record(
        actor.user,
        PortalVerb.MEMBERSHIP_REVOKED,
        subject=membership.user,
        target=membership.group,
        reason=reason,
    )
    return membership


def do_grant_membership(actor, user, group: StakeholderGroup, *, organisation=None) -> Membership:
    """An approved membership without a request (invitations, demo data)."""
    existing = Membership.objects.filter(user=user, group=group).first()
    if existing is not None and existing.status == Membership.Status.APPROVED:
        return existing
    membership, _created = Membership.objects.update_or_create(
        user=user,
        group=group,
        defaults={
            "status": Membership.Status.APPROVED,
            "organisation": organisation,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )
    _sync_rights(membership.user)
    record(actor, PortalVerb.MEMBERSHIP_APPROVED, subject=user, target=group)
    return membership


# Invitations ------------------------------------------------------------------------


@transaction.atomic
def do_send_invitation(
    actor: Viewer,
    *,
    email: str,
    group: StakeholderGroup,
    organisation: Organisation | None = None,
    message: str = "",
) -> tuple[Invitation, str]:
    """Create an invitation and email its single-use link. Returns it with the raw token."""
    if not can_manage_memberships(actor):
        raise ActionRefused(_("Only the secretariat sends invitations."))
    if Membership.objects.filter(
        user__email__iexact=email.strip(), group=group, status=Membership.Status.APPROVED
    ).exists():
        # An invitation would do nothing for them, and they would wonder why it came.
        raise ActionRefused(
            _("%(email)s is already a member of %(group)s: no invitation was sent.")
            % {"email": email.strip(), "group": group}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        group=group,
        organisation=organisation,
        message=message,
        token_hash=invitation_token_hash(token),
        invited_by=actor.user,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    record(actor.user, PortalVerb.INVITATION_SENT, target=invitation)
    link = absolute_url(reverse("accept_invitation", kwargs={"token": token}))
    recipient = get_user_model()(email=invitation.email, preferred_language="en")
    subject = _("You are invited to join %(group)s on the COMMIT Portal") % {"group": group}
    transaction.on_commit(
        lambda: send_portal_email(
            recipient,
            subject,
            "portal/email/invitation.txt",
            {"invitation": invitation, "link": link, "inviter": actor.user},
        )
    )
    return invitation, token


@transaction.atomic
def do_accept_invitation(user, token: str) -> Membership:
    invitation = find_invitation(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ActionRefused(_("This invitation has already been used."))
    # The link is a bearer token in an email that may be forwarded or leaked: the group's
    # rights go only to the person it was sent to.
    if not holds_address(user, invitation.email):
        raise ActionRefused(
            _(
                "This invitation was sent to %(email)s. Sign in with that address, or add it "
                "to your account and confirm it, then open the link again."
            )
            % {"email": invitation.email}
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    membership = do_grant_membership(
        invitation.invited_by, user, invitation.group, organisation=invitation.organisation
    )
    record(user, PortalVerb.INVITATION_ACCEPTED, subject=user, target=invitation.group)
    return membership


# Accounts ---------------------------------------------------------------------------


@transaction.atomic
def do_suspend_user(actor: Viewer, user, *, reason: str) -> None:
    if not (can_manage_memberships(actor)):
        raise ActionRefused(_("Only the secretariat suspends members."))
    if not reason.strip():
        raise ActionRefused(_("Give a reason for the suspension."))
    user.suspended_at = timezone.now()
    user.save(update_fields=["suspended_at"])
    _sync_rights(user)
    record(actor.user, PortalVerb.USER_SUSPENDED, subject=user, target=user, reason=reason)


@transaction.atomic
def do_reinstate_user(actor: Viewer, user, *, reason: str = "") -> None:
    if not can_manage_memberships(actor):
        raise ActionRefused(_("Only the secretariat reinstates members."))
    user.suspended_at = None
    user.save(update_fields=["suspended_at"])
    _sync_rights(user)
    record(actor.user, PortalVerb.USER_REINSTATED, subject=user, target=user, reason=reason)


def do_set_preferred_language(user, language: str) -> None:
    """Remember the language a member chose in the switcher: their emails follow it."""
    if language not in dict(settings.LANGUAGES):
        raise ActionRefused(_("Unknown language."))
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def do_start_translation(page, language: str) -> Translation:
    """Open (or reopen) the translation of `page` into `language`; its strings go to translators."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or language == page.locale.language_code:
        raise ActionRefused(_("Choose another of the portal's languages."))
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    return translation


@transaction.atomic
def do_import_translation_po(translation: Translation, content: str, *, user=None, publish=False):
    """
    Import a translator's PO file into `translation` (and publish the translated page when
    asked). A file with broken placeholders, or made for another translation, is refused
    whole: nothing is overwritten. Returns wagtail-localize's warnings (unknown strings).
    """
    try:
        po = parse_po(content)
        check_po(po, translation)
    except BadTranslationFile as error:
        raise ActionRefused(str(error)) from None
    warnings = translation.import_po(po, user=user, tool_name="PO file")
    if publish:
        translation.save_target(user=user, publish=True)
    return warnings


def do_record_mfa_change(user, *, added: bool, kind: str) -> None:
    record(
        user,
        PortalVerb.MFA_ADDED if added else PortalVerb.MFA_REMOVED,
        subject=user,
        target=kind,
    )


def export_personal_data(user, viewer: Viewer) -> dict:
    """
    Everything the portal holds about `user`, for "download my data", as `viewer` (the
    member's own session) may read it: a notification the session may not read is
    listed without its title, text or link, as on the notifications page, so a password
    alone does not download what the second factor guards.
    """
    record(user, PortalVerb.DATA_EXPORTED, subject=user, target=user)
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "pseudonym": user.pseudonym,
            "preferred_language": user.preferred_language,
            "country": user.country.code if user.country else None,
            "organisation": user.organisation.name if user.organisation else None,
            "notification_frequency": user.notification_frequency,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": [
            {
                "group": str(membership.group),
                "status": membership.status,
                "reason": membership.reason,
                "requested_at": membership.requested_at.isoformat(),
                "decided_at": membership.decided_at.isoformat() if membership.decided_at else None,
                "decision_message": membership.decision_message,
            }
            for membership in user.memberships.select_related("group")
        ],
        "notifications": [
            {
                "title": notification.title,
                "body": notification.body,
                "url": notification.url,
                "created_at": notification.created_at.isoformat(),
                "read": notification.read_at is not None,
                "withheld": notification.withheld,
            }
            for notification in notifications_for(viewer, user.notifications.all())
        ],
        "audit_trail": [
            _event_for_download(event, user, viewer) for event in events_of_member(user)
        ],
    }


def _event_for_download(event, user, viewer: Viewer) -> dict:
    """
    One audit event in `user`'s data download. Who else acted (a moderator, the
    secretariat) and from where is theirs, not in it. What the member did to others in a
    role that needs the second factor (a secretariat decision, its reason) is withheld
    from a password-only session, as notifications are.
    """
    by_you = event.actor_id == user.pk
    about_someone_else = event.subject_id not in (None, user.pk)
    withheld = (
        # What they did in a second-factor role, read in a password-only session ...
        (viewer.needs_mfa and event.subject_id != user.pk)
        # ... or to another member, read by someone who no longer holds a staff role
        # (suspended, or moved on): the reason and changes are the staff's, not theirs.
        or (by_you and about_someone_else and not viewer.roles & STAFF_ROLES)
        # A moderator's internal reason for what they did to this member's post.
        or (not by_you and event.verb in PRIVATE_DETAIL)
    )
    return {
        "at": event.at.isoformat(),
        "what": verb_label(event.verb),
        "about": "" if withheld else event.target_label,
        "reason": "" if withheld else event.reason,
        "changes": {} if withheld else event.changes,
        "by_you": by_you,
        "from_address": event.client_address if by_you else None,
        "withheld": withheld,
    }


@transaction.atomic
def do_delete_account(user) -> None:
    """
    Erase a member's personal data but keep the row, so their posts stay, attributed
    to "former member", and organisational submissions stay with the organisation.
    """
    record(user, PortalVerb.ACCOUNT_DELETED, subject=user, target=f"user #{user.pk}")
    for membership in user.memberships.all():
        membership.status = Membership.Status.REVOKED
        membership.save(update_fields=["status"])
    user.groups.clear()
    _sync_profile_organisation(user)
    user.notifications.all().delete()
    user.emailaddress_set.all().delete()
    user.authenticator_set.all().delete()
    user.email = f"deleted-{user.pk}@invalid.example"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.pseudonym = ""
    user.country = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()


PROFILE_FIELDS = frozenset(
    {
        "display_name",
        "pseudonym",
        "name_in_forums",
        "preferred_language",
        "country",
        "notification_frequency",
    }
)


def do_update_profile(user, **changes) -> None:
    """The member's own profile (names, language, country, email frequency), already validated."""
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(user, field, value)
    user.save(update_fields=sorted(changes))


def do_mark_notifications_read(user) -> int:
    """Mark every unread notification of `user` read; returns how many were unread."""
    return user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())


def do_sync_sites_record() -> Site:
    """
    Keep Django's Sites record (SITE_ID) in step with PORTAL_BASE_URL and the site's name,
    so that anything reading it (allauth, sitemaps) names the portal, not "example.com".
    Run after every migrate.
    """
    site = portal_site()
    record_, _created = Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site.domain[:100], "name": site.name[:50]}
    )
    return record_


@transaction.atomic
def do_create_secretariat_account(
    *, email: str, password: str, display_name: str, totp_secret: str
):
    """
    The first secretariat account of a fresh site (`manage.py create_secretariat_account`),
    created with its second factor already set up: it never exists without one.
    """
    group = StakeholderGroup.objects.get(role=Role.SECRETARIAT, country__isnull=True)
    user = get_user_model().objects.create_user(
        email=email, password=password, display_name=display_name
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    TOTP.activate(user, totp_secret)
    do_grant_membership(None, user, group)
    return user


# TASK WORKERS
# ------------------------------------------------------------------------------
# A task killed with its worker (SIGKILL, out of memory, a machine lost) would stay RUNNING
# for ever: django-tasks' database backend never looks at a claimed task again. The workers
# record that they are alive (TaskWorker) and put back in the queue what a lost one held.


def do_record_task_worker_heartbeat(worker_id: str, *, hostname: str, pid: int) -> None:
    """This worker is alive now (a worker id seen again is alive again, lost or not)."""
    now = timezone.now()
    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": hostname, "pid": pid, "last_seen_at": now, "lost_at": None},
        create_defaults={
            "hostname": hostname,
            "pid": pid,
            "started_at": now,
            "last_seen_at": now,
        },
    )


def do_forget_task_worker(worker_id: str) -> None:
    """A worker that stopped cleanly (it finished its task first) leaves no record."""
    TaskWorker.objects.filter(worker_id=worker_id).delete()


def _claimed_by(task: DBTaskResult) -> str:
    # worker_ids lists every worker that claimed the task; the last one holds it now.
    return task.worker_ids[-1] if task.worker_ids else ""


def do_requeue_tasks_of(worker_id: str) -> int:
    """
    A worker starting under an id it had before (a fixed --worker-id) holds no task yet:
    whatever is RUNNING under that id was left by its previous process. Back to the queue.
    """
    with transaction.atomic():
        left = [
            task.pk
            for task in DBTaskResult.objects.running().select_for_update()
            if _claimed_by(task) == worker_id
        ]
        return DBTaskResult.objects.filter(pk__in=left).update(status="READY", started_at=None)


def do_requeue_lost_tasks(lost_after_s: float | None = None) -> int:
    """
    Put back in the queue (READY) every task claimed by a worker not seen for
    TASK_WORKER_LOST_AFTER_S, and mark that worker lost. Returns how many tasks.

    Such a task may have partly run, so it runs again: tasks are at-least-once, and each
    of ours is written to be run again safely (README.md, "Background tasks"). A task of a
    worker that is alive is never touched, however long it runs; nor one claimed by a
    worker without a record (a plain `db_worker`), of which nothing is known.

    The RUNNING rows are locked while they are read and updated: a second recovery at the
    same moment (every worker runs one) waits, then no longer finds them RUNNING, so it
    cannot put back a task a live worker has claimed in between.
    """
    if lost_after_s is None:
        lost_after_s = settings.TASK_WORKER_LOST_AFTER_S
    now = timezone.now()
    with transaction.atomic():
        lost = {
            worker.worker_id: worker
            for worker in TaskWorker.objects.select_for_update().filter(
                last_seen_at__lt=now - timedelta(seconds=lost_after_s), lost_at__isnull=True
            )
        }
        if not lost:
            return 0
        held: dict[str, list] = {worker_id: [] for worker_id in lost}
        for task in DBTaskResult.objects.running().select_for_update():
            if _claimed_by(task) in held:
                held[_claimed_by(task)].append(task.pk)
        requeued = 0
        for worker_id, worker in lost.items():
            count = DBTaskResult.objects.filter(pk__in=held[worker_id], status="RUNNING").update(
                status="READY", started_at=None
            )
            worker.lost_at = now
            worker.tasks_requeued = count
            worker.save(update_fields=["lost_at", "tasks_requeued"])
            requeued += count
            logger.warning(
                "Task worker %s (%s, process %s) not seen since %s: %d task(s) back in the queue",
                worker_id,
                worker.hostname,
                worker.pid,
                worker.last_seen_at.isoformat(),
                count,
            )
        # A lost worker's record is kept a week, for /health/ready and the operator.
        TaskWorker.objects.filter(lost_at__lt=now - timedelta(days=7)).delete()
    return requeued
