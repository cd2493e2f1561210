"""
The one answer to someone who may not see a thing, for every app: sign in (anonymous),
use your second factor (a role that waits for it), otherwise 404, so a member learns
nothing about what they may not see, not even that it exists.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse

from portal.middleware import second_factor_needed
from portal.permissions import Viewer


class ActionRefused(Exception):
    """
    An action or look-up cannot be done; the message says why, for the person who asked.
    (Defined here, below actions and queries, so both can raise it.)
    """


def refuse(request, viewer: Viewer) -> HttpResponse:
    """Return the redirect for `viewer`, or raise Http404."""
    if not viewer.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if viewer.needs_mfa:
        return second_factor_needed(request)
    raise Http404
