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

from django.db.models import Q

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
        # The search thesaurus: what a query finds in every language is the secretariat's call.
        *_model_permissions("knowledge", ("thesaurusconcept",)),
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


def _permissions(models, wanted) -> dict[tuple[str, str, str], object]:
    """
    The permissions named by (app label, model, codename), created when missing: on a fresh
    database the migration runs before Django's post-migrate signal creates them. A handful
    of queries whatever the number: every stakeholder group's save applies its role's rights.
    """
    wanted = set(wanted)
    ContentType = models.get_model("contenttypes", "ContentType")
    Permission = models.get_model("auth", "Permission")
    type_keys = {(app_label, model) for app_label, model, _codename in wanted}
    matching = Q(pk__in=[])
    for app_label, model in type_keys:
        matching |= Q(app_label=app_label, model=model)
    types = {(t.app_label, t.model): t for t in ContentType.objects.filter(matching)}
    for app_label, model in type_keys - types.keys():
        types[app_label, model], _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
    existing = {
        (p.content_type_id, p.codename): p
        for p in Permission.objects.filter(
            content_type__in=list(types.values()),
            codename__in={codename for *_, codename in wanted},
        )
    }
    found = {}
    for app_label, model, codename in wanted:
        content_type = types[app_label, model]
        permission = existing.get((content_type.pk, codename))
        if permission is None:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
        found[app_label, model, codename] = permission
    return found


def grant_staff_permissions(models, auth_group, key: str) -> None:
    """
    Give `auth_group` every permission its work needs (`key`: a role, or the name of one
    of Wagtail's groups). Adds, never removes: rights a superuser granted by hand stay.
    """
    model_permissions = list(MODEL_PERMISSIONS.get(key, ()))
    page_permissions = [("wagtailcore", "page", c) for c in PAGE_PERMISSIONS.get(key, ())]
    collection_permissions = list(COLLECTION_PERMISSIONS.get(key, ()))
    permissions = _permissions(
        models, [*model_permissions, *page_permissions, *collection_permissions]
    )
    if model_permissions:
        auth_group.permissions.add(*(permissions[name] for name in model_permissions))
    if page_permissions:
        root_page = models.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
        if root_page is not None:
            GroupPagePermission = models.get_model("wagtailcore", "GroupPagePermission")
            for name in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group_id=auth_group.pk, page_id=root_page.pk, permission=permissions[name]
                )
    if collection_permissions:
        root = models.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
        if root is not None:
            GroupCollectionPermission = models.get_model("wagtailcore", "GroupCollectionPermission")
            for name in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group_id=auth_group.pk, collection_id=root.pk, permission=permissions[name]
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
