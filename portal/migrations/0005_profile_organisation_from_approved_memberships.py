"""
A join request used to put its organisation on the member's profile at once, while it
was still pending. The profile organisation now follows approved memberships only; this
applies the rule of `portal.actions._sync_profile_organisation` to existing accounts.

Suspended members kept their stakeholder groups' Django groups (and with them Wagtail
admin and page-privacy rights); they now hold none while suspended.
"""

from django.db import migrations


def follow_approved_memberships(apps, schema_editor):
    User = apps.get_model("portal", "User")
    Membership = apps.get_model("portal", "Membership")
    # Everyone: a profile with an organisation no approved membership names loses it, and
    # one without gets the organisation its earliest approved membership names.
    for user in User.objects.iterator():
        named = list(
            Membership.objects.filter(user=user, status="approved", organisation__isnull=False)
            .order_by("decided_at", "pk")
            .values_list("organisation_id", flat=True)
        )
        wanted = user.organisation_id if user.organisation_id in named else next(iter(named), None)
        if wanted != user.organisation_id:
            user.organisation_id = wanted
            user.save(update_fields=["organisation"])


def suspended_members_hold_no_groups(apps, schema_editor):
    User = apps.get_model("portal", "User")
    StakeholderGroup = apps.get_model("portal", "StakeholderGroup")
    stakeholder_auth_groups = list(StakeholderGroup.objects.values_list("auth_group_id", flat=True))
    for user in User.objects.exclude(suspended_at=None).iterator():
        user.groups.remove(*stakeholder_auth_groups)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_unique_pseudonyms_and_name_in_forums")]

    operations = [
        migrations.RunPython(follow_approved_memberships, migrations.RunPython.noop),
        migrations.RunPython(suspended_members_hold_no_groups, migrations.RunPython.noop),
    ]
