"""Audit entries for second-factor changes, and the session mark for a factor just set up."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.dispatch import receiver

from portal.actions import do_record_mfa_change
from portal.permissions import MFA_SESSION_KEY


@receiver(authenticator_added)
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    do_record_mfa_change(user, added=True, kind=authenticator.type)
    # Setting up a factor proves it, so it counts for this session.
    request.session[MFA_SESSION_KEY] = user.pk


@receiver(authenticator_removed)
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    do_record_mfa_change(user, added=False, kind=authenticator.type)
    if request.session.get(MFA_SESSION_KEY) == user.pk:
        del request.session[MFA_SESSION_KEY]
