"""
Print the current TOTP code of a demo account (the secretariat's by default), so a
developer can pass its second-factor step without an authenticator app.
"""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.models import User

DEMO_SECRETARIAT_EMAIL = "secretariat@example.org"


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of the demo secretariat account, or of the "
        "account with the given email. Development and test settings only."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default=DEMO_SECRETARIAT_EMAIL)

    def handle(self, *args, email, **options):
        # A code printed on a server is a second factor given away: only where demo data
        # (with its published password) is allowed, never under the production settings.
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "demo_totp refuses to run with these settings: it gives away a second factor. "
                "Use config.settings.dev (the default of manage.py) or config.settings.test."
            )
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(
                f"No account with the email {email!r}. `manage.py seed_demo` creates the demo "
                "accounts."
            )
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(
                f"{email} has no TOTP authenticator: it sets one up at /accounts/2fa/ "
                "(the demo secretariat gets one from `manage.py seed_demo`)."
            )
        secret = decrypt(authenticator.data["secret"])
        counter = int(time.time()) // mfa_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
