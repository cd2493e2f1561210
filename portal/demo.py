"""Demo accounts, one per role, and the stakeholder groups they belong to."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from portal.models import User

SECRETARIAT = "Secretariat"
GOVERNMENT = "Government delegates"
CSO = "CSO members"
YOUTH = "Youth delegates"
MODERATORS = "Moderators"

DEMO_ACCOUNTS = [
    # email, display name, preferred language, group
    ("secretariat@example.org", "Secretariat officer", "en", SECRETARIAT),
    ("gov.th@example.org", "Thailand Task Force delegate", "th", GOVERNMENT),
    ("cso@example.org", "CSO focal point", "en", CSO),
    ("youth@example.org", "Mekong Youth Voice", "vi", YOUTH),
    ("moderator@example.org", "Forum moderator", "en", MODERATORS),
]

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    "add_image", "change_image", "choose_image", "add_document", "change_document",
    "choose_document",
]  # fmt: skip


def _grant_secretariat_editing(group: Group) -> None:
    """The secretariat edits the whole site in the Wagtail admin."""
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root_page = Page.get_first_root_node()
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(codename=codename),
        )


def seed(command) -> None:
    for name in (SECRETARIAT, GOVERNMENT, CSO, YOUTH, MODERATORS):
        Group.objects.get_or_create(name=name)
    _grant_secretariat_editing(Group.objects.get(name=SECRETARIAT))

    for email, display_name, language, group_name in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": display_name, "preferred_language": language}
        )
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=group_name))
        command.stdout.write(f"  {'created' if created else 'kept'} {email} ({group_name})")
