"""
Every staff group holds the permissions its work needs (`portal.staff_permissions`):
the secretariat could not add a meeting paper, a decision, an action, a library term or a
draft-text round, and had no Snippets menu. Wagtail's "Editors" group is renamed "Page
editors" (as 0003 renamed its "Moderators"), so it is not mistaken for a portal role.
Groups created later get their role's rights when saved (`portal.signals`).
"""

from django.db import migrations

from portal.staff_permissions import (
    PAGE_EDITORS,
    PAGE_MODERATORS,
    STAFF_ROLES,
    grant_staff_permissions,
)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    StakeholderGroup = apps.get_model("portal", "StakeholderGroup")
    editors = Group.objects.filter(name="Editors").first()
    if (
        editors is not None
        and not StakeholderGroup.objects.filter(auth_group=editors).exists()
        and not Group.objects.filter(name=PAGE_EDITORS).exists()
    ):
        editors.name = PAGE_EDITORS
        editors.save(update_fields=["name"])
    for name in (PAGE_EDITORS, PAGE_MODERATORS):
        group = Group.objects.filter(name=name, stakeholder_group__isnull=True).first()
        if group is not None:
            grant_staff_permissions(apps, group, name)
    for group in StakeholderGroup.objects.filter(role__in=STAFF_ROLES).select_related("auth_group"):
        grant_staff_permissions(apps, group.auth_group, group.role)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0008_name_translations"),
        ("portal", "0003_rename_wagtail_moderators_group"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
