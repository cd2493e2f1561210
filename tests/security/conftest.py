"""
Fixtures of the site-wide security suites: one seeded site per test module.

Seeding the demo site takes seconds, so each module seeds it once inside a transaction
that is rolled back when the module ends; each test runs in a savepoint inside it
(tests are marked `django_db`). Websocket scenarios run through `async_to_sync` from the
test's own thread, so the consumers' ORM calls use that thread's connection and see the
uncommitted world. Search documents go to a throw-away index prefix, deleted afterwards.
"""

import uuid

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import TestCase, override_settings

from knowledge.search import documents
from portal import search_client
from tests.security.world import build_world, clients_for_roles


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    prefix = f"test-security-{uuid.uuid4().hex[:10]}"
    with django_db_blocker.unblock(), override_settings(COMMIT_SEARCH_INDEX_PREFIX=prefix):
        with transaction.atomic():
            # Search indexing and text extraction wait for a commit that never comes.
            with TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True):
                seeded = build_world()
            seeded.clients = clients_for_roles()
            if settings.ELASTICSEARCH_URL:
                documents.client().indices.refresh(index=f"{prefix}*", ignore_unavailable=True)
            yield seeded
            transaction.set_rollback(True)
        if settings.ELASTICSEARCH_URL:
            search_client.delete_indices(documents.client(), f"{prefix}*")


@pytest.fixture
def clients(world, db):
    return world.clients
