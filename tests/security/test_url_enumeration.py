"""
Every URL pattern and every page, as every probing role: no 5xx, no restricted content.

The world (tests/security/world.py) holds restricted content with canary strings. Each
URL pattern is requested with real ids of that content and with hostile ids, as an
anonymous visitor, a member of another group and two password-only privileged sessions.
A canary in a body, a streamed file or a redirect's Location is a leak.
"""

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from tests.security.routes import all_routes, cases_for, url_for
from tests.security.world import ROLES, leaked_canaries

# Hostile ids are about parsing, which rarely depends on the role: a visitor and a member
# are enough (and keep the suite fast).
HOSTILE_ROLES = ["anonymous", "youth"]
# The admin: members of a group without admin rights, and the secretariat's password-only
# session (whose admin rights must wait for the second factor).
ADMIN_ROLES = ["youth", "secretariat_password_only"]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.elasticsearch,
]


def _params():
    params = []
    for route in all_routes():
        if route.is_admin:
            continue
        for case in cases_for(route):
            for role in HOSTILE_ROLES if case.hostile else ROLES:
                params.append(pytest.param(case, role, id=f"{case.id}-{role}"))
    return params


def client_as(world, role: str) -> Client:
    """A fresh client on the role's session (a GET that logs out must not spoil the next)."""
    client = Client()
    session_cookie = world.clients[role].cookies.get(settings.SESSION_COOKIE_NAME)
    if session_cookie is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie.value
    return client


def body_of(response) -> bytes:
    """The whole body, including a streamed file download."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body + response.get("Location", "").encode()


def check(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, f"GET {url} answered {response.status_code}"
    body = body_of(response)
    leaks = leaked_canaries(body)
    assert not leaks, f"GET {url} ({response.status_code}) shows {leaks}"


@pytest.mark.parametrize(("case", "role"), _params())
def test_url_pattern(case, role, world):
    check(client_as(world, role), url_for(world, case))


def check_all(client: Client, urls) -> None:
    failures = []
    for url in urls:
        try:
            check(client, url)
        except AssertionError as error:
            failures.append(str(error).splitlines()[0])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_every_admin_url(role, world):
    """The Wagtail admin's patterns, filled with a restricted page's id where they take one."""
    urls = [
        url_for(world, case)
        for route in all_routes()
        if route.is_admin
        for case in cases_for(route)
    ]
    check_all(client_as(world, role), urls)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_tree(role, world):
    """Wagtail's pages (the catch-all route): every live page in every language."""
    pages = Page.objects.live().exclude(depth=1).specific()
    check_all(client_as(world, role), [url for page in pages if (url := page.get_url())])
