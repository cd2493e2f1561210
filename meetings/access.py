"""
Who may see or do what with a meeting, composed only from `portal.permissions`.

These functions add no visibility rule of their own beyond combining the portal's:
a paper needs both its meeting and itself to be visible; minutes before publication
are for the secretariat and the participating delegations; the online link is for
registered participants. (Candidates to move into portal.permissions.)
"""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled

from portal.models import Role
from portal.permissions import Viewer, can_view, has_role, viewer_for_user


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
