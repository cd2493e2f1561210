"""
A join request used to put its organisation on the member's profile at once, while it
was still pending. The profile organisation now follows approved memberships only; this
applies the rule of `portal.actions._sync_profile_organisation` to existing accounts.
"""

from django.db import migrations


def follow_approved_memberships(apps, schema_editor):
    User = apps.get_model("portal", "User")
    Membership = apps.get_model("portal", "Membership")
    for user in User.objects.exclude(organisation=None).iterator():
        named = list(
            Membership.objects.filter(user=user, status="approved", organisation__isnull=False)
            .order_by("decided_at", "pk")
            .values_list("organisation_id", flat=True)
        )
        if user.organisation_id not in named:
            user.organisation_id = next(iter(named), None)
            user.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_rename_wagtail_moderators_group")]

    operations = [migrations.RunPython(follow_approved_memberships, migrations.RunPython.noop)]
