from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.permissions import admin_needs_second_factor


class RequireSecondFactorMiddleware:
    """
    Keep everyone who may use the Wagtail admin out of it until they have a second
    factor and have used it in this session (`admin_needs_second_factor`).

    Restricted rights elsewhere already wait for the second factor in
    `portal.permissions`; the admin needs this gate too, because Wagtail grants access
    through Django permissions, which staff and superusers hold without any role.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and admin_needs_second_factor(request):
            return second_factor_needed(request)
        return self.get_response(request)


def second_factor_needed(request):
    """Send a member whose role needs a second factor to set it up, or to use it."""
    next_url = urlencode({"next": request.get_full_path()})
    if is_mfa_enabled(request.user):
        # A second factor exists but this session did not use it.
        messages.warning(request, _("Confirm your second factor to continue."))
        return redirect(f"{reverse('mfa_reauthenticate')}?{next_url}")
    messages.warning(
        request, _("Your role needs two-factor authentication. Set it up to continue.")
    )
    return redirect(f"{reverse('mfa_activate_totp')}?{next_url}")


class ExactPrefixLocaleMiddleware(LocaleMiddleware):
    """
    Take the language from the URL only when the first path segment IS a language code.

    Django's LocaleMiddleware also accepts "variants": it reads /th-delegation-briefing/
    or /my-story/ as Thai or Burmese, and the page 404s. Slugs that start with a language
    code and a hyphen are common here (/vi-..., /my-..., /lo-...), so the match is exact.
    Unprefixed URLs are English (i18n_patterns with prefix_default_language=False).
    """

    def process_request(self, request):
        segment = request.path_info.lstrip("/").split("/", 1)[0].lower()
        codes = {code.lower(): code for code, _name in settings.LANGUAGES}
        translation.activate(codes.get(segment, settings.LANGUAGE_CODE))
        request.LANGUAGE_CODE = translation.get_language()
