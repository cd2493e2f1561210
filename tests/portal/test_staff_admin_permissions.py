"""
Every staff group can do its work in the Wagtail admin, and no more: a matrix of the
admin's screens against each group (with its second factor used in the session).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from portal.models import Role, StakeholderGroup, User
from portal.permissions import MFA_SESSION_KEY
from portal.staff_permissions import PAGE_EDITORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALLOWED = "allowed"
DENIED = "denied"

PERSONAS = {
    "secretariat": "secretariat@example.org",
    "moderator": "moderator@example.org",
    "safeguarding lead": "safeguarding@example.org",
    "page editor": "editor@example.org",
    "cso member": "cso@example.org",
}

URLS = {
    "dashboard": "/admin/",
    "snippets menu": "/admin/snippets/",
    "add a meeting paper": "/admin/snippets/meetings/meetingpaper/add/",
    "add a decision": "/admin/snippets/meetings/decision/add/",
    "add an action": "/admin/snippets/meetings/actionitem/add/",
    "list actions": "/admin/snippets/meetings/actionitem/",
    "add an SPA IV area": "/admin/snippets/knowledge/spaarea/add/",
    "add a publication type": "/admin/snippets/knowledge/publicationtype/add/",
    "list exploitation forms": "/admin/snippets/knowledge/exploitationform/",
    "list thesaurus concepts": "/admin/snippets/knowledge/thesaurusconcept/",
    "rebuild the search index": "/admin/library/thesaurus/rebuild/",
    "add a draft-text round": "/admin/snippets/consultations/draftround/add/",
    "add a draft paragraph": "/admin/snippets/consultations/draftparagraph/add/",
    "pages": "/admin/pages/",
    "images": "/admin/images/",
    "documents": "/admin/documents/",
    "membership requests": "/admin/membership/requests/",
    "organisations": "/admin/organisations/",
    "users": "/admin/users/",
    "groups": "/admin/groups/",
}

MATRIX = {
    "secretariat": {url for url in URLS if url not in {"users", "groups"}},
    "moderator": {"dashboard"},
    "safeguarding lead": {"dashboard"},
    # Wagtail lists snippet types to those who may change one; editors only look terms up.
    "page editor": {
        "dashboard",
        "list exploitation forms",
        "pages",
        "images",
        "documents",
    },
    "cso member": set(),
}


@pytest.fixture
def staff_world(portal_demo_data):
    editor = UserFactory(email="editor@example.org")
    editor.groups.add(Group.objects.get(name=PAGE_EDITORS))


def outcome(response):
    if response.status_code == 200:
        return ALLOWED
    # Wagtail sends a signed-in user lacking a permission back to the dashboard with a
    # message, and one without admin access to sign in; both are refusals, never a 500.
    assert response.status_code in (302, 403, 404), response.status_code
    return DENIED


def signed_in_with_second_factor(client, email):
    user = User.objects.get(email=email)
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.pk
    session.save()
    return client


# One test per group, every screen in it: the whole row shows in a failure.
@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_admin_matrix(client, staff_world, persona):
    signed_in_with_second_factor(client, PERSONAS[persona])

    outcomes = {screen: outcome(client.get(url)) for screen, url in URLS.items()}

    assert outcomes == {screen: ALLOWED if screen in MATRIX[persona] else DENIED for screen in URLS}


def test_secretariat_sees_the_snippets_menu(client, staff_world):
    signed_in_with_second_factor(client, "secretariat@example.org")

    page = client.get("/admin/").content.decode()

    assert "/admin/snippets/" in page
    assert "Library taxonomy" in page


def test_a_group_created_later_gets_its_roles_rights_and_loses_them_with_the_role(db):
    group = StakeholderGroup.objects.create(
        name="Secretariat (Bangkok office)", role=Role.SECRETARIAT
    )
    assert group.auth_group.permissions.filter(codename="add_meetingpaper").exists()

    group.role = Role.CSO
    group.save()

    assert not group.auth_group.permissions.filter(codename="add_meetingpaper").exists()
    assert not group.auth_group.permissions.filter(codename="access_admin").exists()


def test_the_migration_grants_existing_groups(db):
    """Run on a database whose groups predate it, the migration gives them their rights."""
    group = StakeholderGroup.objects.create(name="Moderators", role=Role.MODERATOR)
    group.auth_group.permissions.clear()

    call_command("migrate", "portal", "0008", verbosity=0)
    call_command("migrate", "portal", verbosity=0)

    assert group.auth_group.permissions.filter(codename="access_admin").exists()
