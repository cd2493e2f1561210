"""
What each staff group may do in the Wagtail admin, in one table.

The secretariat runs COMMIT's year from the admin (pages, the library and its taxonomy,
meeting papers, decisions and actions, draft-text rounds, members); moderators and
safeguarding leads enter it for their queues and panels; page editors and page
moderators (Wagtail's own groups) edit pages and the library. A stakeholder group's
Django group carries the rights of its role (`StakeholderGroup.save` applies them), and
a data migration applied them to the groups that already existed.

Entering the admin still needs a second factor used in the session
(`portal.permissions.admin_needs_second_factor`): these rights never count without it.

The grant works on real or historical models alike (`models` is the app registry or a
migration's `apps`), so the migration and the running site apply the same table.
"""

from __future__ import annotations

from portal.models.membership import Role

ALL = ("add", "change", "delete", "view")

# Wagtail's own groups, by name (the portal renames Wagtail's "Moderators" and "Editors").
PAGE_EDITORS = "Page editors"
PAGE_MODERATORS = "Page moderators"

_ADMIN = [("wagtailadmin", "admin", "access_admin")]
_TAXONOMY = ("spaarea", "exploitationform", "publicationtype")


def _model_permissions(app_label: str, models: tuple[str, ...], actions=ALL):
    return [(app_label, model, f"{action}_{model}") for model in models for action in actions]


# (app label, model, codename) of each group's model permissions.
MODEL_PERMISSIONS: dict[str, list[tuple[str, str, str]]] = {
    Role.SECRETARIAT: [
        *_ADMIN,
        *_model_permissions("portal", ("country", "organisation", "stakeholdergroup")),
        *_model_permissions("meetings", ("meetingpaper", "decision", "actionitem")),
        *_model_permissions("knowledge", _TAXONOMY),
        *_model_permissions("consultations", ("draftround", "draftsection", "draftparagraph")),
        # The SPA IV results framework and its registers (reports are reviewed on the site).
        *_model_permissions(
            "results",
            (
                "area",
                "output",
                "disaggregation",
                "indicator",
                "reportingperiod",
                "policyimprovement",
                "cooperationagreement",
                "indicatorlink",
            ),
        ),
        ("home", "sitesettings", "change_sitesettings"),
    ],
    Role.MODERATOR: [*_ADMIN],
    Role.SAFEGUARDING: [*_ADMIN],
    PAGE_EDITORS: [*_ADMIN, *_model_permissions("knowledge", _TAXONOMY, ("view",))],
    PAGE_MODERATORS: [*_ADMIN, *_model_permissions("knowledge", _TAXONOMY, ("view",))],
}

# Page permissions on the root page (so on every page), for the roles that edit pages.
# Wagtail's own groups already hold theirs from Wagtail's migrations.
PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.SECRETARIAT: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# (app label, model, codename) of permissions on the root collection (every image and document).
COLLECTION_PERMISSIONS: dict[str, list[tuple[str, str, str]]] = {
    Role.SECRETARIAT: [
        *_model_permissions("wagtailimages", ("image",), ("add", "change", "choose")),
        *_model_permissions("wagtaildocs", ("document",), ("add", "change", "choose")),
    ],
}

STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.MODERATOR, Role.SAFEGUARDING})


def _permission(models, app_label: str, model: str, codename: str):
    """The permission, created when missing: on a fresh database the migration runs before
    Django's post-migrate signal creates permissions."""
    content_type, _ = models.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = models.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def grant_staff_permissions(models, auth_group, key: str) -> None:
    """
    Give `auth_group` every permission its work needs (`key`: a role, or the name of one
    of Wagtail's groups). Adds, never removes: rights a superuser granted by hand stay.
    """
    for app_label, model, codename in MODEL_PERMISSIONS.get(key, ()):
        auth_group.permissions.add(_permission(models, app_label, model, codename))
    page_codenames = PAGE_PERMISSIONS.get(key, ())
    if page_codenames:
        root_page = models.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
        if root_page is not None:
            GroupPagePermission = models.get_model("wagtailcore", "GroupPagePermission")
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group_id=auth_group.pk,
                    page_id=root_page.pk,
                    permission=_permission(models, "wagtailcore", "page", codename),
                )
    collection_permissions = COLLECTION_PERMISSIONS.get(key, ())
    if collection_permissions:
        root = models.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
        if root is not None:
            GroupCollectionPermission = models.get_model("wagtailcore", "GroupCollectionPermission")
            for app_label, model, codename in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group_id=auth_group.pk,
                    collection_id=root.pk,
                    permission=_permission(models, app_label, model, codename),
                )


def revoke_staff_permissions(models, auth_group) -> None:
    """
    Take back every staff right from `auth_group`: a group whose role changed from a staff
    role to another must not keep the admin (a CSO group never enters it).
    """
    codenames = {
        (app_label, codename)
        for permissions in MODEL_PERMISSIONS.values()
        for app_label, _model, codename in permissions
    }
    for permission in auth_group.permissions.select_related("content_type"):
        if (permission.content_type.app_label, permission.codename) in codenames:
            auth_group.permissions.remove(permission)
    models.get_model("wagtailcore", "GroupPagePermission").objects.filter(
        group_id=auth_group.pk
    ).delete()
    models.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group_id=auth_group.pk
    ).delete()
