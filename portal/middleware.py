from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.permissions import viewer_for_request


class RequireSecondFactorMiddleware:
    """
    Keep members whose roles need a second factor out of the Wagtail admin until they
    have one and have used it in this session.

    Their restricted rights elsewhere already wait for the second factor in
    `portal.permissions`; the admin needs this gate too, because Wagtail grants access
    through Django permissions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            viewer = viewer_for_request(request)
            if viewer.needs_mfa:
                return self._second_factor_needed(request)
        return self.get_response(request)

    def _second_factor_needed(self, request):
        if is_mfa_enabled(request.user):
            # A second factor exists but this session did not use it: sign in again fully.
            messages.warning(request, _("Sign in again with your second factor to continue."))
            return redirect(f"{reverse('mfa_reauthenticate')}?next={request.path}")
        messages.warning(
            request,
            _("Your role needs two-factor authentication. Set it up to continue."),
        )
        return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
