"""
Who may see or do what with a meeting, composed only from `portal.permissions`.

These functions add no visibility rule of their own beyond combining the portal's:
a paper needs both its meeting and itself to be visible; minutes before publication
are for the secretariat and the participating delegations; the online link is for
registered participants. (Candidates to move into portal.permissions.)

Decisions and action items follow the minutes' publication: a reader sees them only
once the minutes are published and the reader may see them (that is, may see the
meeting), unless the secretariat marks a decision public (`Decision.public`), which
shows it and the actions under it to the meeting's audience at once. The secretariat
sees them throughout. An action's owners (its organisation's members, or its
country's government delegates with the second factor used) see their own action, so
that who must act knows it; the decision behind it stays hidden from them until
published. Every path that lists decisions or actions (meeting page and its printable
form, open actions, notifications) asks the functions below.
"""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.db.models import Q, QuerySet

# The submodule, not the package: meeting pages import this module (see live_agenda).
from meetings.models.minutes import Minutes
from portal.models import Role
from portal.permissions import (
    Viewer,
    can_view,
    filter_viewable_through,
    has_role,
    viewer_for_user,
)


def can_view_meeting(viewer: Viewer, meeting) -> bool:
    return meeting.live and can_view(viewer, meeting)


def can_view_paper(viewer: Viewer, paper) -> bool:
    return can_view_meeting(viewer, paper.meeting) and can_view(viewer, paper)


def can_manage_meeting(viewer: Viewer) -> bool:
    """Running meetings (minutes, decisions, actions, registrations) is the secretariat's."""
    return viewer.is_secretariat


def is_suspended(viewer: Viewer) -> bool:
    return viewer.user is not None and viewer.user.suspended_at is not None


def can_register(viewer: Viewer, meeting) -> bool:
    return (
        viewer.is_authenticated and not is_suspended(viewer) and can_view_meeting(viewer, meeting)
    )


def speaks_for_delegation(viewer: Viewer, delegation) -> bool:
    """A government delegate (second factor used) of the delegation's country."""
    return delegation.country_id is not None and has_role(
        viewer, Role.GOVERNMENT, delegation.country.code
    )


def delegations_of(viewer: Viewer, meeting) -> list:
    return [d for d in meeting.delegations.all() if speaks_for_delegation(viewer, d)]


def can_view_minutes(viewer: Viewer, minutes) -> bool:
    if not can_view_meeting(viewer, minutes.meeting):
        return False
    if minutes.state == minutes.State.PUBLISHED or viewer.is_secretariat:
        return True
    if minutes.state == minutes.State.DRAFT:
        return False
    return bool(delegations_of(viewer, minutes.meeting))


# Decisions and actions ----------------------------------------------------------------


def _published_minutes_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}minutes__state": Minutes.State.PUBLISHED})


def can_view_published_minutes(viewer: Viewer, meeting) -> bool:
    minutes = getattr(meeting, "minutes", None)
    return (
        minutes is not None
        and minutes.state == Minutes.State.PUBLISHED
        and can_view_minutes(viewer, minutes)
    )


def can_view_decision(viewer: Viewer, decision) -> bool:
    if not can_view_meeting(viewer, decision.meeting):
        return False
    return (
        can_manage_meeting(viewer)
        or decision.public
        or can_view_published_minutes(viewer, decision.meeting)
    )


def is_action_owner(viewer: Viewer, action) -> bool:
    """Whether the viewer answers for the action (rights that count in this session)."""
    if viewer.user is None or not viewer.is_member:
        return False
    if action.owner_organisation_id is not None:
        return viewer.user.organisation_id == action.owner_organisation_id
    return action.owner_country_id is not None and has_role(
        viewer, Role.GOVERNMENT, action.owner_country.code
    )


def can_view_action(viewer: Viewer, action) -> bool:
    if not can_view_meeting(viewer, action.meeting):
        return False
    return (
        can_manage_meeting(viewer)
        or is_action_owner(viewer, action)
        or (action.decision is not None and action.decision.public)
        or can_view_published_minutes(viewer, action.meeting)
    )


def filter_viewable_decisions(viewer: Viewer, decisions: QuerySet) -> QuerySet:
    """The `decisions` the viewer may see: `can_view_decision` as a query."""
    decisions = filter_viewable_through(viewer, decisions.filter(meeting__live=True), "meeting")
    if can_manage_meeting(viewer):
        return decisions
    return decisions.filter(Q(public=True) | _published_minutes_q("meeting__"))


def filter_viewable_actions(viewer: Viewer, action_items: QuerySet) -> QuerySet:
    """The `action_items` the viewer may see: `can_view_action` as a query."""
    action_items = filter_viewable_through(
        viewer, action_items.filter(meeting__live=True), "meeting"
    )
    if can_manage_meeting(viewer):
        return action_items
    visible = Q(decision__public=True) | _published_minutes_q("meeting__")
    if viewer.is_member and viewer.user.organisation_id is not None:
        visible |= Q(owner_organisation_id=viewer.user.organisation_id)
    if viewer.government_countries:
        visible |= Q(owner_country__code__in=viewer.government_countries)
    return action_items.filter(visible)


def can_see_online_link(viewer: Viewer, meeting, registration) -> bool:
    if not can_view_meeting(viewer, meeting):
        return False
    return viewer.is_secretariat or (registration is not None and registration.is_participating)


# Private calendar feeds ---------------------------------------------------------------


def can_have_calendar_link(viewer: Viewer) -> bool:
    """
    Making, showing or revoking a private feed link. A link is a lasting credential, so
    a session whose roles still wait for the second factor gets none until it is used.
    """
    return viewer.is_authenticated and not viewer.needs_mfa


def viewer_for_calendar(token) -> Viewer:
    """
    Whom a private feed is read as: its owner with their rights as they are now (a
    revoked membership drops out at once), except that roles needing a second factor
    count only if the link was made in a session that used it and the owner still has
    one. A link made password-only never lists role-restricted meetings.
    """
    owner = token.user
    return viewer_for_user(owner, mfa_ok=token.second_factor_used and is_mfa_enabled(owner))
