"""
Wagtail's first migrations create a "Moderators" group that may publish any page. The
portal's forum moderators are a stakeholder group of the same name with no such rights,
so Wagtail's group is renamed "Page moderators" (its permissions unchanged).
"""

from django.db import migrations


def rename(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    StakeholderGroup = apps.get_model("portal", "StakeholderGroup")
    wagtail_group = Group.objects.filter(name="Moderators").first()
    if wagtail_group is None or StakeholderGroup.objects.filter(auth_group=wagtail_group).exists():
        return
    if not Group.objects.filter(name="Page moderators").exists():
        wagtail_group.name = "Page moderators"
        wagtail_group.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_membership_and_access"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
