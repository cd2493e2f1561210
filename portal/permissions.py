"""
The one place that answers "may this person see or do this?".

Every path that shows or sends restricted material — pages, listings, search
(including facet counts), feeds, calendars, APIs, websockets, document files,
emails — builds a `Viewer` and asks this module. Nothing else re-implements
a visibility rule.

The rules:
- The secretariat sees everything.
- Other rights come from *approved* memberships of stakeholder groups.
- Rights of roles that reach restricted material (secretariat, government,
  moderators, safeguarding leads) count only once the person has a second
  factor and has used it in this session (`mfa_verified`).
- A suspended or deactivated account has no rights beyond the public's.
- An object is public, for any approved member, or for chosen groups
  (`portal.models.AccessControlled`). Wagtail's own page privacy settings
  (login required, or groups) are honoured as well.

Visibility is also expressed as *keys*, so a search engine can filter inside
the engine: an object carries `object_visibility_keys(obj)`, a viewer carries
`visibility_keys(viewer)`, and the viewer may see the object when the two sets
intersect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from portal import lookups  # noqa: F401 - registers field__any_of
from portal.models import AccessControlled, AccessLevel, Membership, Notification, Role
from portal.models.membership import ROLES_REQUIRING_MFA
from portal.models.users import NameInForums

PUBLIC_KEY = "public"
MEMBERS_KEY = "members"
SECRETARIAT_KEY = "secretariat"
# Set in the session when a second factor is added during it: proving the code while
# setting it up is as good as using it at login.
MFA_SESSION_KEY = "portal.mfa_verified_user"


def group_key(group_id: int) -> str:
    return f"group:{group_id}"


@dataclass(frozen=True)
class Viewer:
    """Who is looking, with the rights that count right now."""

    user: object | None = None
    roles: frozenset[str] = frozenset()
    group_ids: frozenset[int] = frozenset()
    auth_group_ids: frozenset[int] = frozenset()
    government_countries: frozenset[str] = frozenset()
    # Roles this person holds but that do not count until a second factor is used.
    roles_awaiting_mfa: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def is_member(self) -> bool:
        return bool(self.group_ids)

    @property
    def is_secretariat(self) -> bool:
        return Role.SECRETARIAT in self.roles

    @property
    def needs_mfa(self) -> bool:
        return bool(self.roles_awaiting_mfa)


ANONYMOUS = Viewer()


def mfa_verified(session, user) -> bool:
    """Whether this session has passed a second factor for `user`."""
    if session is None or user is None or not user.is_authenticated:
        return False
    if session.get(MFA_SESSION_KEY) == user.pk:
        return True

    # allauth records each authentication method used in the session.
    class _SessionCarrier:
        def __init__(self, session):
            self.session = session

    records = get_authentication_records(_SessionCarrier(session), user)
    return any(record.get("method") == "mfa" for record in records)


def viewer_for_user(user, *, mfa_ok: bool) -> Viewer:
    """
    The viewer for `user`. `mfa_ok` says whether a second factor counts: from the
    session for requests and websockets; for background work (digests) pass
    `is_mfa_enabled(user)`.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    if user.suspended_at is not None:
        return Viewer(user=user)
    memberships = Membership.objects.filter(
        user=user, status=Membership.Status.APPROVED
    ).select_related("group__country")
    return _viewer_from(user, memberships, mfa_ok=mfa_ok)


def _viewer_from(user, memberships, *, mfa_ok: bool) -> Viewer:
    """The viewer of an active, unsuspended `user` from their approved memberships."""
    roles, awaiting, group_ids, auth_group_ids, countries = set(), set(), set(), set(), set()
    for membership in memberships:
        group = membership.group
        if group.role in ROLES_REQUIRING_MFA and not mfa_ok:
            awaiting.add(group.role)
            continue
        roles.add(group.role)
        group_ids.add(group.pk)
        auth_group_ids.add(group.auth_group_id)
        if group.role == Role.GOVERNMENT and group.country is not None:
            countries.add(group.country.code)
    return Viewer(
        user=user,
        roles=frozenset(roles),
        group_ids=frozenset(group_ids),
        auth_group_ids=frozenset(auth_group_ids),
        government_countries=frozenset(countries),
        roles_awaiting_mfa=frozenset(awaiting),
    )


def rights_of(user_ids) -> dict[int, tuple]:
    """
    Everything `viewer_for_user` reads about each user, in two queries: when this
    changes, a viewer built earlier may be wrong and must be rebuilt (long-lived
    websockets compare it on every event). Keep it in step with `viewer_for_user`. The
    session, which decides whether a second factor counts, is not part of it.
    """
    rights = {
        pk: (is_active, suspended_at, [])
        for pk, is_active, suspended_at in get_user_model()
        .objects.filter(pk__any_of=user_ids)
        .values_list("pk", "is_active", "suspended_at")
    }
    memberships = (
        Membership.objects.filter(user__any_of=user_ids, status=Membership.Status.APPROVED)
        .order_by("user_id", "group_id")
        .values_list(
            "user_id", "group_id", "group__role", "group__auth_group_id", "group__country__code"
        )
    )
    for user_id, *group in memberships:
        if user_id in rights:
            rights[user_id][2].append(tuple(group))
    return {
        pk: (active, suspended, tuple(groups)) for pk, (active, suspended, groups) in rights.items()
    }


def rights_generation() -> int | None:
    """
    A number the database raises, in the same transaction, with every change to what
    `rights_of` reads (triggers: portal/migrations/0010_rights_generation.py). Read it
    before the rights: rights read after it are at least as new, so while it has not
    moved, rights read since are still current and need not be read again.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM portal_rights_generation WHERE id = 1")
        row = cursor.fetchone()
    # No row (a hand-emptied table): None, which vouches for nothing.
    return row[0] if row is not None else None


def viewer_for_request(request) -> Viewer:
    """The viewer for an HTTP request, computed once per request."""
    cached = getattr(request, "_portal_viewer", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    viewer = viewer_for_user(user, mfa_ok=mfa_verified(getattr(request, "session", None), user))
    request._portal_viewer = viewer
    return viewer


def viewer_for_scope(scope) -> Viewer:
    """The viewer for a websocket (call through database_sync_to_async in consumers)."""
    user = scope.get("user")
    return viewer_for_user(user, mfa_ok=mfa_verified(scope.get("session"), user))


def rights_key(viewer: Viewer) -> tuple:
    """
    The same for viewers that hold the same rights, whoever they are: a rule that does
    not compare the viewer with someone (a post's author, an action's owner) answers
    them alike, so it can be asked once for each key (a post's watchers, a meeting's
    audience, a thread's sockets).
    """
    return (viewer.user is not None, replace(viewer, user=None))


def allowed_by_rights(viewers: dict, rule: Callable[[Viewer], bool], *, alone=()) -> set:
    """
    The keys of `viewers` (id: viewer) whom `rule` allows, asked once for each set of
    rights (`rights_key`) rather than once a viewer. Only for a rule that compares the
    viewer with nobody but those in `alone` (their own posts, say): they, and viewers
    without an account, are asked on their own.
    """
    allowed, by_rights = set(), {}
    for pk, viewer in viewers.items():
        if pk in alone or viewer.user is None:
            may = rule(viewer)
        else:
            key = rights_key(viewer)
            if key not in by_rights:
                by_rights[key] = rule(viewer)
            may = by_rights[key]
        if may:
            allowed.add(pk)
    return allowed


def viewer_for_background(user) -> Viewer:
    """The viewer for work done on someone's behalf outside a request (digests, exports)."""
    return viewer_for_user(user, mfa_ok=bool(user and user.pk and is_mfa_enabled(user)))


def viewers_for_background(users) -> dict[int, Viewer]:
    """
    `viewer_for_background` of each of `users` (saved accounts), by id, in two queries
    for them all rather than two for each (a post's announcement to its thread's
    watchers took 4 queries a watcher, on the cores that deliver the post live).
    """
    users = [user for user in users if user is not None and user.pk]
    counted = [user.pk for user in users if user.is_active and user.suspended_at is None]
    memberships: dict[int, list] = {pk: [] for pk in counted}
    with_mfa: set[int] = set()
    if counted:
        # As allauth's is_mfa_enabled: any authenticator of the account counts.
        with_mfa = set(
            Authenticator.objects.filter(user_id__any_of=counted).values_list("user_id", flat=True)
        )
        for membership in Membership.objects.filter(
            user__any_of=counted, status=Membership.Status.APPROVED
        ).select_related("group__country"):
            memberships[membership.user_id].append(membership)
    return {
        user.pk: (
            _viewer_from(user, memberships[user.pk], mfa_ok=user.pk in with_mfa)
            if user.pk in memberships
            else viewer_for_user(user, mfa_ok=False)  # inactive or suspended: no query
        )
        for user in users
    }


def admin_needs_second_factor(request) -> bool:
    """
    Must this request use a second factor before entering the Wagtail admin?

    The admin shows every page, document and member whatever their privacy, so whoever
    may enter it needs a second factor used in this session: the roles that require one,
    and staff, superuser and directly granted admin accounts too, which hold no role.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if viewer_for_request(request).needs_mfa:
        return True
    if mfa_verified(getattr(request, "session", None), user):
        return False
    return user.is_active and (
        user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


# Keys -------------------------------------------------------------------------------


def visibility_keys(viewer: Viewer) -> frozenset[str]:
    keys = {PUBLIC_KEY}
    if viewer.is_member:
        keys.add(MEMBERS_KEY)
    if viewer.is_secretariat:
        keys.add(SECRETARIAT_KEY)
    keys.update(group_key(group_id) for group_id in viewer.group_ids)
    return frozenset(keys)


def object_visibility_keys(obj) -> frozenset[str]:
    """Keys of an AccessControlled object; any one of them grants sight of it."""
    keys = {SECRETARIAT_KEY}
    if obj.access_level == AccessLevel.PUBLIC:
        keys.add(PUBLIC_KEY)
    elif obj.access_level == AccessLevel.MEMBERS:
        keys.add(MEMBERS_KEY)
    else:
        keys.update(group_key(group.pk) for group in obj.allowed_groups.all())
    return frozenset(keys)


# Objects ----------------------------------------------------------------------------


def can_view(viewer: Viewer, obj) -> bool:
    """May `viewer` see this AccessControlled object (and, for pages, its page privacy)?"""
    if isinstance(obj, Page) and not _page_restrictions_allow(viewer, obj):
        return False
    return bool(visibility_keys(viewer) & object_visibility_keys(obj))


def filter_viewable(viewer: Viewer, queryset: QuerySet) -> QuerySet:
    """Only the AccessControlled objects in `queryset` that `viewer` may see."""
    if viewer.is_secretariat:
        return queryset
    allowed = Q(access_level=AccessLevel.PUBLIC)
    if viewer.is_member:
        allowed |= Q(access_level=AccessLevel.MEMBERS)
        allowed |= Q(
            access_level=AccessLevel.GROUPS,
            pk__in=queryset.model.objects.filter(allowed_groups__in=viewer.group_ids).values("pk"),
        )
    queryset = queryset.filter(allowed)
    if issubclass(queryset.model, Page):
        queryset = filter_viewable_pages(viewer, queryset)
    return queryset


def filter_viewable_through(viewer: Viewer, queryset: QuerySet, relation: str) -> QuerySet:
    """
    Only the objects in `queryset` whose AccessControlled `relation` (a foreign key, e.g.
    a decision's "meeting") `viewer` may see: `filter_viewable` applied across the key.
    """
    related_model = queryset.model._meta.get_field(relation).related_model
    return queryset.filter(
        **{f"{relation}__in": filter_viewable(viewer, related_model.objects.all())}
    )


# Wagtail page privacy ---------------------------------------------------------------


def _editions(page: Page) -> list[Page]:
    """
    The page and its other language editions (translations and aliases share its
    translation key). Privacy set on any edition, or above it in its tree, holds for all:
    wagtail-localize copies a page's privacy only when the copy is made, so a section
    restricted later in English would otherwise stay open under /th/.
    """
    if not page.translation_key:
        return [page]
    return list(Page.objects.filter(translation_key=page.translation_key)) or [page]


def _page_restrictions_allow(viewer: Viewer, page: Page) -> bool:
    for edition in _editions(page):
        for restriction in edition.get_view_restrictions():
            if not _restriction_allows(viewer, restriction):
                return False
    return True


def _restriction_allows(viewer: Viewer, restriction: PageViewRestriction) -> bool:
    if viewer.is_secretariat:
        return True
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return viewer.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return any(group.pk in viewer.auth_group_ids for group in restriction.groups.all())
    # Password-protected pages are opened through their own form, never listed.
    return False


def filter_viewable_pages(viewer: Viewer, queryset: QuerySet) -> QuerySet:
    """Pages in `queryset` whose Wagtail privacy settings (and ancestors') admit `viewer`."""
    if viewer.is_secretariat:
        return queryset
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
        "groups"
    ):
        if not _restriction_allows(viewer, restriction):
            # The restricted section in every language: its pages and their editions.
            section = Page.objects.filter(path__startswith=restriction.page.path)
            queryset = queryset.exclude(path__startswith=restriction.page.path).exclude(
                translation_key__in=section.values("translation_key")
            )
    return queryset


def viewable_pages(viewer: Viewer, pages: QuerySet) -> list[Page]:
    """
    The pages of `pages` (as their specific class) that `viewer` may open: page privacy
    for all of them in one query, then an access-controlled page's own access level.
    For menus and other short lists of pages of mixed types.
    """
    return [
        page
        for page in filter_viewable_pages(viewer, pages).specific()
        if not isinstance(page, AccessControlled)
        or visibility_keys(viewer) & object_visibility_keys(page)
    ]


def only_password_protection_refuses(viewer: Viewer, page: Page) -> bool:
    """True when the sole obstacles are password restrictions, which have their own form."""
    refusing = [
        restriction
        for restriction in page.get_view_restrictions()
        if not _restriction_allows(viewer, restriction)
    ]
    if hasattr(page, "access_level") and not (
        visibility_keys(viewer) & object_visibility_keys(page)
    ):
        return False
    return bool(refusing) and all(
        restriction.restriction_type == PageViewRestriction.PASSWORD for restriction in refusing
    )


def can_view_page(viewer: Viewer, page: Page) -> bool:
    """May `viewer` open this page? (Pages that are not AccessControlled: privacy only.)"""
    if hasattr(page, "access_level"):
        return can_view(viewer, page)
    return _page_restrictions_allow(viewer, page)


# Actions ----------------------------------------------------------------------------


def has_role(viewer: Viewer, role: str, country: str | None = None) -> bool:
    if role == Role.GOVERNMENT and country is not None:
        return country.upper() in viewer.government_countries
    return role in viewer.roles


def can_manage_memberships(viewer: Viewer) -> bool:
    return viewer.is_secretariat


def can_view_audit_trail(viewer: Viewer) -> bool:
    # Superusers run the site; the Wagtail admin already asks them for the second factor.
    return viewer.is_secretariat or bool(getattr(viewer.user, "is_superuser", False))


def can_moderate(viewer: Viewer) -> bool:
    return viewer.is_secretariat or Role.MODERATOR in viewer.roles


def can_handle_safeguarding(viewer: Viewer) -> bool:
    # Safeguarding cases are seen by safeguarding leads only, not by every moderator.
    return Role.SAFEGUARDING in viewer.roles


def can_see_real_identity(viewer: Viewer, member) -> bool:
    """Behind a Youth Forum pseudonym: the member themself, moderators, the secretariat."""
    return viewer.user is not None and (
        viewer.user.pk == member.pk or can_moderate(viewer) or can_handle_safeguarding(viewer)
    )


def appears_by_pseudonym(member) -> bool:
    """
    Does `member` appear by their pseudonym outside pseudonymous forums? Youth delegates
    do (some are minors) unless they chose their display name in their profile. Any
    youth membership counts, pending or past: a young person's posts stay behind the
    pseudonym after they leave the group.
    """
    if member.name_in_forums == NameInForums.REAL_NAME:
        return False
    cached = member.__dict__.get("_is_youth_delegate")
    if cached is None:
        cached = member.__dict__["_is_youth_delegate"] = Membership.objects.filter(
            user=member, group__role=Role.YOUTH
        ).exists()
    return cached


def member_name_for(viewer: Viewer, member, *, pseudonymous_place: bool = False) -> str:
    """
    The one answer to "which name does `viewer` see for `member`": the pseudonym in a
    pseudonymous place or for a youth delegate, with the real name added for those who
    may see who is behind it; the public name otherwise; "former member" once erased.
    """
    if member is None or not member.is_active:
        return _("Former member")
    if not (pseudonymous_place or appears_by_pseudonym(member)):
        return member.public_name
    pseudonym = member.pseudonym or _("Member")
    if can_see_real_identity(viewer, member):
        return f"{pseudonym} ({member.public_name})"
    return pseudonym


# What notifications are about -------------------------------------------------------

# Apps whose objects have their own visibility rule (a meeting's minutes, a forum thread)
# register it here from `AppConfig.ready()`, so that a notification about such an object
# is shown only to a session that may see the object now.
VISIBILITY_RULES: dict[type, Callable[[Viewer, object], bool]] = {}
# What each rule reads, so a list of notifications loads it in one query per kind.
SUBJECT_QUERYSETS: dict[type, Callable[[], QuerySet]] = {}


def register_visibility_rule(
    model: type,
    rule: Callable[[Viewer, object], bool],
    *,
    queryset: Callable[[], QuerySet] | None = None,
) -> None:
    """
    Use `rule(viewer, obj)` for objects of `model` (and its subclasses). `queryset`, when
    given, returns the model's objects with what the rule reads already joined or
    prefetched (it is called when a list is loaded, never at import time).
    """
    VISIBILITY_RULES[model] = rule
    if queryset is not None:
        SUBJECT_QUERYSETS[model] = queryset


def subject_querysets() -> list[QuerySet]:
    """The registered querysets, for `GenericPrefetch` over notifications' subjects."""
    return [make() for make in SUBJECT_QUERYSETS.values()]


def can_view_subject(viewer: Viewer, obj) -> bool | None:
    """
    May `viewer` see `obj`, by the rule registered for its model, or as an access-
    controlled object or page? None when no rule is known for it.
    """
    for model in type(obj).__mro__:
        if model in VISIBILITY_RULES:
            return VISIBILITY_RULES[model](viewer, obj)
    if isinstance(obj, AccessControlled):
        return can_view(viewer, obj)
    if isinstance(obj, Page):
        return can_view_page(viewer, obj)
    return None


def can_read_notification(viewer: Viewer, notification: Notification) -> bool:
    """
    May this session read the notification's title, text and link?

    A notification is written for its member with all their rights, second factor
    included. When it says what it is about, the session must be able to see that thing
    now (rights revoked since count). When it does not, or its subject is of a kind with
    no known rule, only a session holding all the member's rights reads it: a role that
    still waits for the second factor hides it.
    """
    if viewer.user is None or viewer.user.pk != notification.user_id:
        return False
    if notification.about_type_id is not None:
        subject = notification.about
        if subject is None:  # deleted since: nothing left to tell
            return False
        allowed = can_view_subject(viewer, subject)
        if allowed is not None:
            return allowed
    return not viewer.needs_mfa


register_visibility_rule(
    Membership,
    lambda viewer, membership: viewer.user is not None and viewer.user.pk == membership.user_id,
)
