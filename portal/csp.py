"""
The Content-Security-Policy of production (django-csp), without 'unsafe-inline'.

The policy itself is CONTENT_SECURITY_POLICY in config/settings/production.py. The
portal's own pages carry no inline script, style element or style attribute (the one
inline <script> is JSON-LD, a data block no policy executes): every script and style is
a file under /static/, so an injected <script> or onclick= does not run. Wagtail's admin is
the exception: its date pickers and inline panels ship small inline scripts, so under
/admin/ (signed-in staff with a second factor only) inline scripts and styles are allowed.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"

ADMIN_RELAXATION = {
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's one relaxation."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.replace = {**(parts.replace or {}), **ADMIN_RELAXATION}
        return parts
