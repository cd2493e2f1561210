"""
Every staff tool has an entry in the admin's menu, shown only to those who may use it: a
matrix of the menu entries (and the screens they open) against each staff role.
"""

import json

import pytest
from django.contrib.auth.models import Group

from portal.staff_permissions import PAGE_EDITORS
from tests.factories import UserFactory
from tests.portal.test_staff_admin_permissions import PERSONAS, signed_in_with_second_factor

pytestmark = pytest.mark.django_db

ENTRIES = {
    "consultation inboxes": "/admin/consultations/inboxes/",
    "moderation queue": "/forums/moderation/",
    "safeguarding queue": "/forums/safeguarding/",
    "meetings: agenda and minutes": "/admin/meetings/at-work/",
    "audit trail": "/admin/membership/audit/",
    "import publications": "/admin/library/import/",
}

MATRIX = {
    "secretariat": {
        "consultation inboxes",
        "moderation queue",
        "meetings: agenda and minutes",
        "audit trail",
        "import publications",
    },
    "moderator": {"moderation queue"},
    "safeguarding lead": {"safeguarding queue"},
    "page editor": set(),
}


@pytest.fixture
def staff_world(portal_demo_data):
    editor = UserFactory(email="editor@example.org")
    editor.groups.add(Group.objects.get(name=PAGE_EDITORS))


def menu_urls(dashboard_html: str) -> set[str]:
    """Every address in the admin's sidebar menu (its items are JSON props in the page)."""
    start = dashboard_html.index('id="wagtail-sidebar-props"')
    props = dashboard_html[dashboard_html.index(">", start) + 1 :]
    props = props[: props.index("</script>")]
    return set(_urls(json.loads(props)))


def _urls(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url" and isinstance(value, str):
                yield value
            else:
                yield from _urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _urls(value)


@pytest.mark.parametrize("persona", MATRIX)
def test_the_menu_shows_each_role_its_tools_and_no_others(client, staff_world, persona):
    signed_in_with_second_factor(client, PERSONAS[persona])

    shown = menu_urls(client.get("/admin/").content.decode())

    assert {entry for entry, url in ENTRIES.items() if url in shown} == MATRIX[persona]


@pytest.mark.parametrize("persona", MATRIX)
def test_each_entry_opens_for_its_role_only(client, staff_world, persona):
    signed_in_with_second_factor(client, PERSONAS[persona])

    opened = {
        entry
        for entry, url in ENTRIES.items()
        if client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    }

    assert opened == MATRIX[persona]


def test_the_meetings_entry_links_each_meeting_to_its_agenda_and_minutes(client, staff_world):
    signed_in_with_second_factor(client, PERSONAS["secretariat"])

    page = client.get("/admin/meetings/at-work/").content.decode()

    assert "Meetings: agenda and minutes" in page
    assert "No meeting is published yet." in page
