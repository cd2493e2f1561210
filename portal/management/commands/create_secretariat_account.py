"""
Create the first secretariat account, with a second factor from the start.

Two steps, so the operator proves the authenticator app works before the account exists:

    manage.py create_secretariat_account officer@example.org
        prints a new TOTP secret (and its otpauth:// link) to add to an authenticator app;
    manage.py create_secretariat_account officer@example.org --secret SECRET --code 123456
        checks the app's current code against that secret, asks for a password, and only
        then creates the account: verified email, TOTP second factor, Secretariat member.

The password is asked for on the terminal, or read from SECRETARIAT_PASSWORD (never an
option: options end up in shell history and process lists).
"""

import getpass
import os

from allauth.mfa.adapter import get_adapter
from allauth.mfa.totp.internal.auth import generate_totp_secret, validate_totp_code
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from portal.actions import do_create_secretariat_account
from portal.models import Role, StakeholderGroup


class Command(BaseCommand):
    help = "Create the first secretariat account; it insists on a working second factor (TOTP)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="Secretariat", help="display name")
        parser.add_argument("--secret", help="the TOTP secret printed by the first step")
        parser.add_argument("--code", help="the code the authenticator app shows now")

    def handle(self, *args, email, name, secret, code, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account with {email} already exists.")
        if not StakeholderGroup.objects.filter(role=Role.SECRETARIAT).exists():
            raise CommandError("There is no Secretariat group yet: run `manage.py init_site`.")
        if not secret:
            self._show_new_secret(email)
            return
        if not code or not validate_totp_code(secret, code):
            raise CommandError(
                "That code does not match the secret: check the app's clock and enter the "
                "code it shows now (--code). No account was created."
            )
        password = self._password(email)
        user = do_create_secretariat_account(
            email=email, password=password, display_name=name, totp_secret=secret
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {user.email}: Secretariat member, signs in with password and the "
                "authenticator app's code."
            )
        )

    def _show_new_secret(self, email):
        secret = generate_totp_secret()
        url = get_adapter().build_totp_url(get_user_model()(email=email), secret)
        self.stdout.write(
            "Add this secret to an authenticator app (or open the link on the phone):\n"
            f"  secret: {secret}\n  link:   {url}\n"
            "Then run again with the code the app shows:\n"
            f"  manage.py create_secretariat_account {email} --secret {secret} --code CODE"
        )

    def _password(self, email) -> str:
        password = os.environ.get("SECRETARIAT_PASSWORD")
        if password is None:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ. No account was created.")
        try:
            validate_password(password, get_user_model()(email=email))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages) + " No account was created.") from error
        return password
