"""
Every write about meetings goes through here: registrations, the live agenda,
minutes and their workflow, decisions, action items and calendar tokens.

Each `do_*` function checks that the viewer may do it, writes, records an
audit event (`portal.audit.record`) and notifies the people concerned, in one transaction. A
refused or invalid action raises `ActionRefused` with a message for the person
who tried. Views, admin hooks, demo data and commands call these.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from allauth.mfa.utils import is_mfa_enabled
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.access import (
    can_have_calendar_link,
    can_manage_meeting,
    can_register,
    can_view_action,
    can_view_meeting,
    can_view_minutes,
    speaks_for_delegation,
)
from meetings.live_agenda import announce_agenda_change
from meetings.models import (
    ActionItem,
    AgendaItem,
    CalendarToken,
    Decision,
    DelegationSignOff,
    LiveAgendaState,
    MeetingPage,
    Minutes,
    MinutesComment,
    MinutesRevision,
    Registration,
    SignOffWaiver,
)
from meetings.models.calendar import hash_calendar_token
from meetings.queries import action_owners
from portal.actions import ActionRefused
from portal.audit import events_about, record
from portal.dates import datetime_in_zone
from portal.models import (
    AccessLevel,
    Country,
    Membership,
    Organisation,
    Role,
    StakeholderGroup,
    User,
)
from portal.notifications import notify, notify_each, notify_staff
from portal.permissions import Viewer, allowed_by_rights, viewers_for_background

__all__ = ["ActionRefused"]


class MeetingVerb(models.TextChoices):
    """What the meeting actions record in the audit trail."""

    INVITATIONS_SENT = "invitations.sent", gettext_lazy("Meeting invitations sent")
    REGISTRATION = "registration.answered", gettext_lazy("Registration answered")
    AGENDA_CURRENT = "agenda.current", gettext_lazy("Current agenda item set")
    AGENDA_OUTCOME = "agenda.outcome", gettext_lazy("Agenda item outcome written")
    MINUTES_REVISED = "minutes.revised", gettext_lazy("Minutes revised")
    MINUTES_CIRCULATED = "minutes.circulated", gettext_lazy("Minutes circulated")
    MINUTES_COMMENTED = "minutes.commented", gettext_lazy("Minutes commented on")
    MINUTES_SIGNED_OFF = "minutes.signed_off", gettext_lazy("Minutes signed off")
    MINUTES_ADOPTED = "minutes.adopted", gettext_lazy("Minutes adopted")
    MINUTES_ADOPTED_WITHOUT_SIGN_OFF = (
        "minutes.adopted_without_sign_off",
        gettext_lazy("Minutes adopted without every sign-off"),
    )
    MINUTES_PUBLISHED = "minutes.published", gettext_lazy("Minutes published")
    DECISION_RECORDED = "decision.recorded", gettext_lazy("Decision recorded")
    DECISION_EDITED = "decision.edited", gettext_lazy("Decision edited")
    ACTION_ASSIGNED = "action.assigned", gettext_lazy("Action assigned")
    ACTION_EDITED = "action.edited", gettext_lazy("Action edited")
    ACTION_STATUS = "action.status", gettext_lazy("Action status changed")


def _require_storable(*texts: str) -> None:
    """PostgreSQL cannot store a NUL character; say so instead of failing in the query."""
    if any("\x00" in text for text in texts):
        raise ActionRefused(_("The text cannot contain the NUL character."))


def _require_manager(viewer: Viewer) -> None:
    if not can_manage_meeting(viewer):
        raise ActionRefused(_("Only the secretariat can do this."))


# Invitations and reminders -----------------------------------------------------------


def _audience_candidates(meeting: MeetingPage):
    """Approved members who could belong to the meeting's audience (checked one by one)."""
    members = User.objects.filter(
        memberships__status=Membership.Status.APPROVED,
        is_active=True,
        suspended_at__isnull=True,
    )
    if meeting.access_level == AccessLevel.GROUPS:
        members = members.filter(memberships__group__in=meeting.allowed_groups.all())
    return members.distinct().order_by("pk")


@transaction.atomic
def do_send_meeting_invitations(meeting: MeetingPage) -> int:
    """
    Invite every member who may see the meeting, once: the first publication of a
    meeting yet to end sends the invitations and records it in the audit trail; later
    publications send nothing.
    """
    meeting = MeetingPage.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.live or events_about(meeting).filter(verb=MeetingVerb.INVITATIONS_SENT).exists():
        return 0
    # A meeting published after it took place (e.g. to hold its minutes) invites no one.
    if meeting.end < timezone.now():
        return 0
    title = _("Invitation: %(meeting)s") % {"meeting": meeting.title}
    body = _("%(start)s, %(venue)s") % {
        "start": datetime_in_zone(meeting.start, meeting.venue_timezone),
        "venue": meeting.venue or "—",
    }
    candidates = list(_audience_candidates(meeting))
    viewers = viewers_for_background(candidates)  # two queries for all, not two each
    # Who may see a meeting depends on rights alone: asked once for each set of rights
    # (the page's privacy settings cost queries on every ask).
    allowed = allowed_by_rights(
        viewers, lambda viewer: viewer.is_member and can_view_meeting(viewer, meeting)
    )
    invitees = [user for user in candidates if user.pk in allowed]
    notify_each(invitees, "meetings.invitation", title, body, meeting.url or "", about=meeting)
    invited = len(invitees)
    record(None, MeetingVerb.INVITATIONS_SENT, target=meeting, changes={"invited": invited})
    return invited


def do_invite_after_first_publication(meeting_id: int) -> None:
    """Called after the publishing transaction commits (see meetings.apps)."""
    meeting = MeetingPage.objects.filter(pk=meeting_id).first()
    if meeting is not None:
        do_send_meeting_invitations(meeting)


def do_notify_meeting_reminders(hours: int = 48, now=None) -> int:
    """
    Remind members registered to attend (in person or online) of meetings starting
    within `hours`, once per registration, and only if they may still see the meeting.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        response__in=[Registration.Response.ATTENDING, Registration.Response.ONLINE],
        reminded_at__isnull=True,
        meeting__live=True,
        meeting__start__gt=now,
        meeting__start__lte=now + timedelta(hours=hours),
    ).select_related("meeting", "user")
    reminded = 0
    due = list(due)
    viewers = viewers_for_background([registration.user for registration in due])
    for registration in due:
        meeting, user = registration.meeting, registration.user
        if not can_register(viewers[user.pk], meeting):
            continue
        with transaction.atomic():
            notify(
                user,
                "meetings.reminder",
                _("Reminder: %(meeting)s starts %(start)s")
                % {
                    "meeting": meeting.title,
                    "start": datetime_in_zone(meeting.start, meeting.venue_timezone),
                },
                registration.get_response_display(),
                meeting.url or "",
                about=meeting,
            )
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            reminded += 1
    return reminded


# Registration -----------------------------------------------------------------------


@transaction.atomic
def do_register(viewer: Viewer, meeting: MeetingPage, response: str) -> Registration:
    """Answer the invitation: attending in person, online, or not attending."""
    if not can_register(viewer, meeting):
        raise ActionRefused(_("You cannot register for this meeting."))
    if response not in Registration.Response.values:
        raise ActionRefused(_("Choose whether you attend in person, online or not at all."))
    now = timezone.now()
    if meeting.end < now:
        raise ActionRefused(_("This meeting is over; registration is closed."))
    if meeting.registration_deadline and now > meeting.registration_deadline:
        raise ActionRefused(
            _("Registration closed on %(date)s.")
            % {"date": datetime_in_zone(meeting.registration_deadline, meeting.venue_timezone)}
        )
    # Lock the meeting row so two last-seat registrations cannot both succeed.
    MeetingPage.objects.select_for_update().filter(pk=meeting.pk).first()
    registration = Registration.objects.filter(meeting=meeting, user=viewer.user).first()
    if response == Registration.Response.ATTENDING and meeting.capacity is not None:
        taken = (
            Registration.objects.filter(meeting=meeting, response=Registration.Response.ATTENDING)
            .exclude(user=viewer.user)
            .count()
        )
        if taken >= meeting.capacity:
            raise ActionRefused(
                _("All %(capacity)s seats in the room are taken. You can still attend online.")
                % {"capacity": meeting.capacity}
            )
    if registration is None:
        registration = Registration(meeting=meeting, user=viewer.user)
    registration.response = response
    registration.save()
    record(
        viewer.user,
        MeetingVerb.REGISTRATION,
        target=meeting,
        subject=viewer.user,
        changes={"response": response},
    )
    return registration


# Live agenda ------------------------------------------------------------------------

MAX_OUTCOME_LENGTH = 5000


def _require_agenda_item(meeting: MeetingPage, item: AgendaItem) -> None:
    if item.meeting_id != meeting.pk:
        raise ActionRefused(_("That agenda item belongs to another meeting."))


@transaction.atomic
def do_set_current_agenda_item(
    viewer: Viewer, meeting: MeetingPage, item: AgendaItem | None
) -> LiveAgendaState:
    """Mark the item being discussed now (None: no item, e.g. a break or the meeting ended)."""
    _require_manager(viewer)
    if item is not None:
        _require_agenda_item(meeting, item)
    state, _created = LiveAgendaState.objects.select_for_update().get_or_create(meeting=meeting)
    state.current_item = item
    state.save()
    record(
        viewer.user,
        MeetingVerb.AGENDA_CURRENT,
        target=meeting,
        changes={"item": str(item) if item else ""},
    )
    announce_agenda_change(meeting)
    return state


@transaction.atomic
def do_record_agenda_outcome(
    viewer: Viewer, meeting: MeetingPage, item: AgendaItem, outcome: str
) -> AgendaItem:
    """Write the outcome note of an agenda item (empty clears it)."""
    _require_manager(viewer)
    _require_agenda_item(meeting, item)
    _require_storable(outcome)
    outcome = outcome.strip()
    if len(outcome) > MAX_OUTCOME_LENGTH:
        raise ActionRefused(
            _("The outcome note is too long (at most %(limit)s characters).")
            % {"limit": MAX_OUTCOME_LENGTH}
        )
    # Only the one column: the rest of the item is edited in the admin.
    AgendaItem.objects.filter(pk=item.pk).update(outcome=outcome)
    item.outcome = outcome
    record(viewer.user, MeetingVerb.AGENDA_OUTCOME, target=item, changes={"outcome": outcome[:200]})
    announce_agenda_change(meeting)
    return item


# Minutes ----------------------------------------------------------------------------


def _delegates(delegation: StakeholderGroup):
    return User.objects.filter(
        memberships__group=delegation,
        memberships__status=Membership.Status.APPROVED,
        is_active=True,
        suspended_at__isnull=True,
    ).distinct()


def delegations_unable_to_sign(meeting: MeetingPage) -> list[tuple[StakeholderGroup, str]]:
    """
    The participating delegations none of whose members could sign off minutes, each with
    why: no approved delegate, or no delegate with a second factor set up (signing needs
    one used in the session). Minutes circulated to them would wait for ever.
    """
    problems = []
    for delegation in meeting.delegations.all():
        delegates = list(_delegates(delegation))
        if not delegates:
            problems.append((delegation, _("it has no approved delegate")))
        elif not any(is_mfa_enabled(user) for user in delegates):
            problems.append(
                (delegation, _("none of its delegates has set up two-factor authentication"))
            )
    return problems


def _notify_minutes_readers(minutes: Minutes, kind: str, title: str, users) -> None:
    """Notify those of `users` who may read the minutes in their current state."""
    users = list(users)
    viewers = viewers_for_background(users)
    readers = [user for user in users if can_view_minutes(viewers[user.pk], minutes)]
    notify_each(
        readers, kind, title, minutes.meeting.title, minutes.meeting.url or "", about=minutes
    )


def _delegation_members(meeting: MeetingPage):
    seen = {}
    for delegation in meeting.delegations.all():
        for user in _delegates(delegation):
            seen[user.pk] = user
    return list(seen.values())


@transaction.atomic
def do_save_minutes(viewer: Viewer, meeting: MeetingPage, text: str, reason: str = "") -> Minutes:
    """
    Write a new revision of the minutes. Drafts change freely; circulated minutes need a
    reason and their sign-offs start again; adopted minutes need a reason and stay adopted.
    """
    _require_manager(viewer)
    _require_storable(text, reason)
    if not text.strip():
        raise ActionRefused(_("The minutes cannot be empty."))
    minutes, _created = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    if minutes.state != Minutes.State.DRAFT and not reason.strip():
        raise ActionRefused(
            _("These minutes are %(state)s: give a reason for the new revision.")
            % {"state": minutes.get_state_display().lower()}
        )
    if text == minutes.text:
        raise ActionRefused(_("Nothing changed: the text is the same as the current revision."))
    minutes.revision_number += 1
    minutes.text = text
    minutes.save()
    MinutesRevision.objects.create(
        minutes=minutes,
        number=minutes.revision_number,
        text=text,
        reason=reason.strip(),
        author=viewer.user,
    )
    record(
        viewer.user,
        MeetingVerb.MINUTES_REVISED,
        target=minutes,
        changes={"revision": minutes.revision_number},
        reason=reason.strip(),
    )
    if minutes.state == Minutes.State.CIRCULATED:
        _notify_minutes_readers(
            minutes,
            "meetings.minutes_revised",
            _("Revised minutes to sign off again: %(meeting)s") % {"meeting": meeting.title},
            _delegation_members(meeting),
        )
    return minutes


# Delegations usually answer within two weeks; the secretariat may set another deadline.
DEFAULT_SIGN_OFF_DAYS = 14


@transaction.atomic
def do_circulate_minutes(
    viewer: Viewer, minutes: Minutes, *, sign_off_deadline: datetime | None = None
) -> Minutes:
    """
    Send draft minutes to the participating delegations for comments and sign-off, by
    `sign_off_deadline` (by default DEFAULT_SIGN_OFF_DAYS from now): at the deadline the
    secretariat is told which delegations are still missing (`do_notify_missing_sign_offs`).
    """
    _require_manager(viewer)
    now = timezone.now()
    if sign_off_deadline is None:
        sign_off_deadline = now + timedelta(days=DEFAULT_SIGN_OFF_DAYS)
    elif sign_off_deadline <= now:
        raise ActionRefused(_("The sign-off deadline must be in the future."))
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.state != Minutes.State.DRAFT:
        raise ActionRefused(
            _("Only draft minutes can be circulated; these are %(state)s.")
            % {"state": minutes.get_state_display().lower()}
        )
    if not minutes.text.strip():
        raise ActionRefused(_("Write the minutes before circulating them."))
    if not minutes.meeting.delegations.exists():
        raise ActionRefused(
            _("Choose the participating delegations on the meeting page before circulating.")
        )
    unable = delegations_unable_to_sign(minutes.meeting)
    if unable:
        # Circulating now would deadlock: every ticked delegation must sign before adoption.
        raise ActionRefused(
            _(
                "Not circulated: no one could sign off for %(problems)s. Approve a delegate "
                "(who sets up two-factor authentication) or untick the delegation first."
            )
            % {"problems": "; ".join(f"{d} ({why})" for d, why in unable)}
        )
    minutes.state = Minutes.State.CIRCULATED
    minutes.circulated_at = now
    minutes.sign_off_deadline = sign_off_deadline
    minutes.deadline_notified_at = None
    minutes.save()
    record(
        viewer.user,
        MeetingVerb.MINUTES_CIRCULATED,
        target=minutes,
        changes={
            "revision": minutes.revision_number,
            "sign_off_deadline": sign_off_deadline.isoformat(),
        },
    )
    _notify_minutes_readers(
        minutes,
        "meetings.minutes_circulated",
        _("Minutes circulated for sign-off: %(meeting)s") % {"meeting": minutes.meeting.title},
        _delegation_members(minutes.meeting),
    )
    return minutes


def _check_delegation(viewer: Viewer, minutes: Minutes, delegation: StakeholderGroup) -> None:
    if minutes.state != Minutes.State.CIRCULATED:
        raise ActionRefused(
            _("These minutes are not circulated for comments and sign-off (they are %(state)s).")
            % {"state": minutes.get_state_display().lower()}
        )
    if not minutes.meeting.delegations.filter(pk=delegation.pk).exists():
        raise ActionRefused(
            _("%(delegation)s did not take part in this meeting.") % {"delegation": delegation}
        )
    if not speaks_for_delegation(viewer, delegation):
        raise ActionRefused(
            _("Only a government delegate of %(delegation)s, signed in with two-factor "
              "authentication, can do this.") % {"delegation": delegation}
        )  # fmt: skip


@transaction.atomic
def do_comment_on_minutes(
    viewer: Viewer, minutes: Minutes, delegation: StakeholderGroup, text: str
) -> MinutesComment:
    minutes = Minutes.objects.get(pk=minutes.pk)
    _check_delegation(viewer, minutes, delegation)
    _require_storable(text)
    if not text.strip():
        raise ActionRefused(_("Write a comment first."))
    comment = MinutesComment.objects.create(
        minutes=minutes,
        delegation=delegation,
        author=viewer.user,
        revision_number=minutes.revision_number,
        text=text.strip(),
    )
    record(
        viewer.user,
        MeetingVerb.MINUTES_COMMENTED,
        target=minutes,
        changes={"delegation": str(delegation), "revision": minutes.revision_number},
    )
    return comment


@transaction.atomic
def do_sign_off_minutes(
    viewer: Viewer, minutes: Minutes, delegation: StakeholderGroup
) -> DelegationSignOff:
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    _check_delegation(viewer, minutes, delegation)
    if minutes.sign_offs.filter(
        delegation=delegation, revision_number=minutes.revision_number
    ).exists():
        raise ActionRefused(
            _("%(delegation)s has already signed off revision %(number)s.")
            % {"delegation": delegation, "number": minutes.revision_number}
        )
    sign_off = DelegationSignOff.objects.create(
        minutes=minutes,
        delegation=delegation,
        revision_number=minutes.revision_number,
        signed_by=viewer.user,
    )
    record(
        viewer.user,
        MeetingVerb.MINUTES_SIGNED_OFF,
        target=minutes,
        changes={"delegation": str(delegation), "revision": minutes.revision_number},
    )
    return sign_off


MAX_WAIVER_REASON_LENGTH = 2000


@transaction.atomic
def do_adopt_minutes(viewer: Viewer, minutes: Minutes, reason: str = "") -> Minutes:
    """
    Adopt (lock) circulated minutes. Every participating delegation signs off first; the
    secretariat may adopt without the sign-off of those still missing only by giving
    `reason`, which is kept per delegation (`SignOffWaiver`), audited and shown with the
    minutes. A reason given when nobody is missing is not recorded.
    """
    _require_manager(viewer)
    _require_storable(reason)
    reason = reason.strip()
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.state != Minutes.State.CIRCULATED:
        raise ActionRefused(
            _("Only circulated minutes can be adopted; these are %(state)s.")
            % {"state": minutes.get_state_display().lower()}
        )
    missing = minutes.delegations_yet_to_sign()
    if missing and not reason:
        raise ActionRefused(
            _(
                "Waiting for the sign-off of: %(delegations)s. To adopt without it, give "
                "the reason; it is recorded and shown with the minutes."
            )
            % {"delegations": ", ".join(str(d) for d in missing)}
        )
    if missing and len(reason) > MAX_WAIVER_REASON_LENGTH:
        raise ActionRefused(
            _("The reason is too long (at most %(limit)s characters).")
            % {"limit": MAX_WAIVER_REASON_LENGTH}
        )
    minutes.state = Minutes.State.ADOPTED
    minutes.adopted_at = timezone.now()
    minutes.save()
    if missing:
        SignOffWaiver.objects.bulk_create(
            SignOffWaiver(
                minutes=minutes,
                delegation=delegation,
                revision_number=minutes.revision_number,
                reason=reason,
                recorded_by=viewer.user,
            )
            for delegation in missing
        )
        record(
            viewer.user,
            MeetingVerb.MINUTES_ADOPTED_WITHOUT_SIGN_OFF,
            target=minutes,
            changes={
                "revision": minutes.revision_number,
                "without": [str(d) for d in missing],
            },
            reason=reason,
        )
    record(
        viewer.user,
        MeetingVerb.MINUTES_ADOPTED,
        target=minutes,
        changes={"revision": minutes.revision_number},
    )
    _notify_minutes_readers(
        minutes,
        "meetings.minutes_adopted",
        _("Minutes adopted: %(meeting)s") % {"meeting": minutes.meeting.title},
        _delegation_members(minutes.meeting),
    )
    return minutes


def do_notify_missing_sign_offs(now: datetime | None = None) -> int:
    """
    Tell the secretariat, once per circulation, of circulated minutes whose sign-off
    deadline has passed with delegations still missing. Returns how many minutes were
    reported. Run from cron (`manage.py notify_sign_offs_due`); a second run sends nothing.
    """
    now = now or timezone.now()
    due = Minutes.objects.filter(
        state=Minutes.State.CIRCULATED,
        sign_off_deadline__lte=now,
        deadline_notified_at__isnull=True,
    ).values_list("pk", flat=True)
    reported = 0
    for pk in due:
        with transaction.atomic():
            # Locked and checked again: two runs at once must not both notify.
            minutes = (
                Minutes.objects.select_for_update()
                .filter(pk=pk, state=Minutes.State.CIRCULATED, deadline_notified_at__isnull=True)
                .select_related("meeting")
                .first()
            )
            if minutes is None:
                continue
            missing = minutes.delegations_yet_to_sign()
            if missing:
                title = _(
                    "Sign-off deadline passed for the minutes of %(meeting)s; missing: "
                    "%(delegations)s"
                ) % {
                    "meeting": minutes.meeting.title,
                    "delegations": ", ".join(str(d) for d in missing),
                }
                notify_staff(
                    Role.SECRETARIAT,
                    "meetings.sign_off_missing",
                    title,
                    f"{minutes.meeting.url or ''}#minutes",
                    about=minutes,
                )
                reported += 1
            minutes.deadline_notified_at = now
            minutes.save(update_fields=["deadline_notified_at"])
    return reported


@transaction.atomic
def do_publish_minutes(viewer: Viewer, minutes: Minutes) -> Minutes:
    _require_manager(viewer)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.state != Minutes.State.ADOPTED:
        raise ActionRefused(
            _("Only adopted minutes can be published; these are %(state)s.")
            % {"state": minutes.get_state_display().lower()}
        )
    minutes.state = Minutes.State.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.save()
    record(
        viewer.user,
        MeetingVerb.MINUTES_PUBLISHED,
        target=minutes,
        changes={"revision": minutes.revision_number},
    )
    participants = User.objects.filter(
        meeting_registrations__meeting=minutes.meeting, is_active=True
    ).distinct()
    _notify_minutes_readers(
        minutes,
        "meetings.minutes_published",
        _("Minutes published: %(meeting)s") % {"meeting": minutes.meeting.title},
        {*participants, *_delegation_members(minutes.meeting)},
    )
    return minutes


# Decisions and actions --------------------------------------------------------------


@transaction.atomic
def do_record_decision(
    viewer: Viewer, meeting: MeetingPage, text: str, *, public: bool = False
) -> Decision:
    """
    Record a decision. It is shown with the published minutes, or at once when `public`
    (see `meetings.access`).
    """
    _require_manager(viewer)
    _require_storable(text)
    if not text.strip():
        raise ActionRefused(_("Write the decision first."))
    MeetingPage.objects.select_for_update().filter(pk=meeting.pk).first()
    last = meeting.decisions.order_by("-number").values_list("number", flat=True).first() or 0
    decision = Decision.objects.create(
        meeting=meeting, number=last + 1, text=text.strip(), public=public
    )
    record(
        viewer.user,
        MeetingVerb.DECISION_RECORDED,
        target=decision,
        changes={"number": decision.number, "public": public, "text": decision.text[:200]},
    )
    return decision


def _notify_action(action: ActionItem, kind: str, title: str) -> int:
    owners = list(action_owners(action))
    viewers = viewers_for_background(owners)
    told = [user for user in owners if can_view_action(viewers[user.pk], action)]
    notify_each(told, kind, title, action.title, "/meetings/actions/", about=action)
    return len(told)


@transaction.atomic
def do_assign_action(
    viewer: Viewer,
    meeting: MeetingPage,
    *,
    title: str,
    due_date: date,
    owner_organisation: Organisation | None = None,
    owner_country: Country | None = None,
    decision: Decision | None = None,
) -> ActionItem:
    _require_manager(viewer)
    _require_storable(title)
    if not title.strip():
        raise ActionRefused(_("Say what the action is."))
    if (owner_organisation is None) == (owner_country is None):
        raise ActionRefused(_("An action has one owner: an organisation or a country."))
    if decision is not None and decision.meeting_id != meeting.pk:
        raise ActionRefused(_("That decision belongs to another meeting."))
    action = ActionItem.objects.create(
        meeting=meeting,
        decision=decision,
        title=title.strip(),
        due_date=due_date,
        owner_organisation=owner_organisation,
        owner_country=owner_country,
    )
    record(
        viewer.user,
        MeetingVerb.ACTION_ASSIGNED,
        target=action,
        changes={"owner": str(action.owner), "due_date": due_date.isoformat()},
    )
    do_notify_action_assigned(action)
    return action


def do_notify_action_assigned(action: ActionItem) -> int:
    return _notify_action(
        action,
        "meetings.action_assigned",
        _("New action for you: %(title)s") % {"title": action.title},
    )


def do_notify_action_changed(action: ActionItem) -> int:
    return _notify_action(
        action,
        "meetings.action_changed",
        _("An action for you changed: %(title)s") % {"title": action.title},
    )


def _changed_values(instance, field_names) -> dict:
    """The new values of the fields a form changed, as text, for the audit event."""
    return {name: str(getattr(instance, name, "") or "") for name in sorted(field_names)}


@transaction.atomic
def do_save_decision(viewer: Viewer, decision: Decision, *, changed=()) -> Decision:
    """
    Save a decision created or edited in the admin form: recorded in the audit trail as
    `do_record_decision` does, edits with the fields that changed.
    """
    _require_manager(viewer)
    _require_storable(decision.text)
    if not decision.text.strip():
        raise ActionRefused(_("Write the decision first."))
    created = decision.pk is None
    decision.save()
    record(
        viewer.user,
        MeetingVerb.DECISION_RECORDED if created else MeetingVerb.DECISION_EDITED,
        target=decision,
        changes={
            "meeting": decision.meeting.title,
            **_changed_values(decision, changed or ["number", "public", "text"]),
        },
    )
    return decision


@transaction.atomic
def do_save_action_item(viewer: Viewer, action: ActionItem, *, changed=()) -> ActionItem:
    """
    Save an action created or edited in the admin form. As with `do_assign_action` the
    owners are told: of a new action, and of any change to one.
    """
    _require_manager(viewer)
    _require_storable(action.title)
    if not action.title.strip():
        raise ActionRefused(_("Say what the action is."))
    if (action.owner_organisation_id is None) == (action.owner_country_id is None):
        raise ActionRefused(_("An action has one owner: an organisation or a country."))
    if action.decision is not None and action.decision.meeting_id != action.meeting_id:
        raise ActionRefused(_("That decision belongs to another meeting."))
    created = action.pk is None
    action.save()
    record(
        viewer.user,
        MeetingVerb.ACTION_ASSIGNED if created else MeetingVerb.ACTION_EDITED,
        target=action,
        changes=_changed_values(action, changed or ["owner", "due_date"]),
    )
    if created:
        do_notify_action_assigned(action)
    elif changed:
        do_notify_action_changed(action)
    return action


@transaction.atomic
def do_update_action_status(viewer: Viewer, action: ActionItem, status: str) -> ActionItem:
    _require_manager(viewer)
    if status not in ActionItem.Status.values:
        raise ActionRefused(_("Unknown status."))
    action.status = status
    action.save(update_fields=["status"])
    record(viewer.user, MeetingVerb.ACTION_STATUS, target=action, changes={"status": status})
    return action


def do_notify_due_actions(today: date | None = None, within_days: int = 7) -> int:
    """Remind owners once of open actions due within `within_days` (or overdue)."""
    today = today or timezone.localdate()
    due = ActionItem.objects.filter(
        status__in=ActionItem.OPEN_STATUSES,
        due_date__lte=today + timedelta(days=within_days),
        due_reminder_sent_on__isnull=True,
    ).select_related("meeting", "owner_organisation", "owner_country")
    reminded = 0
    for action in due:
        with transaction.atomic():
            _notify_action(
                action,
                "meetings.action_due",
                _("Action due on %(date)s: %(title)s")
                % {"date": action.due_date.isoformat(), "title": action.title},
            )
            action.due_reminder_sent_on = today
            action.save(update_fields=["due_reminder_sent_on"])
            reminded += 1
    return reminded


# Calendar tokens --------------------------------------------------------------------


@transaction.atomic
def do_create_calendar_token(viewer: Viewer, *, second_factor_used: bool) -> str:
    """
    A new private feed token for the viewer, replacing (revoking) any earlier one.
    `second_factor_used`: whether the session making it used the second factor (see
    `meetings.access.viewer_for_calendar`).
    """
    if not can_have_calendar_link(viewer):
        raise ActionRefused(_("Use your second factor before making a private calendar link."))
    do_revoke_calendar_tokens(viewer.user)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(
        user=viewer.user,
        token_hash=hash_calendar_token(token),
        second_factor_used=second_factor_used,
    )
    return token


def do_revoke_calendar_tokens(user) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
