"""Audit entries for second-factor changes, the session mark for a factor just set up, and
the admin rights of staff groups."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.apps import apps as django_apps
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from portal.actions import do_record_mfa_change, do_sync_sites_record
from portal.models import StakeholderGroup
from portal.permissions import MFA_SESSION_KEY
from portal.staff_permissions import (
    STAFF_ROLES,
    grant_staff_permissions,
    revoke_staff_permissions,
)


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


@receiver(post_save, sender=StakeholderGroup)
def on_stakeholder_group_saved(sender, instance, raw=False, **kwargs):
    """
    A staff group holds its role's admin rights from the moment it exists; a group whose
    role is not (or no longer) a staff role holds none.
    """
    if raw:
        return
    if instance.role in STAFF_ROLES:
        grant_staff_permissions(django_apps, instance.auth_group, instance.role)
    else:
        revoke_staff_permissions(django_apps, instance.auth_group)


@receiver(post_migrate)
def sync_sites_record(sender, app_config=None, **kwargs):
    # Once per migrate, after the sites app's own (it creates "example.com").
    if app_config is not None and app_config.label == "portal":
        do_sync_sites_record()
