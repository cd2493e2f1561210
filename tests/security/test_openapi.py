"""
Schemathesis over the library API's OpenAPI description (/api/library/openapi.json).

Every operation is called in-process through Django's WSGI handler with generated
parameters, valid and invalid, as an anonymous caller: no 5xx, and each answer matches
the status codes and response schemas the description promises.

Wagtail's API v2 (/api/v2/) publishes no schema; tests/security/test_query_parameters.py
covers it with Hypothesis.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from knowledge.search.openapi import schema as library_api_description

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.elasticsearch,
]


# The description is built by code (knowledge/search/openapi.py) and needs no database;
# its calls go in-process to Django's WSGI handler. (Schemathesis' lazy `from_fixture`
# does not work with pytest 9, so the schema is loaded when the module is imported.)
schema = schemathesis.openapi.from_dict(library_api_description())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def in_process_calls(world):
    """
    Django's handler closes "old" connections around each request; inside the world's
    transaction that would end it (the test client disconnects these receivers too).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_served_description_is_the_one_tested(world):
    response = Client().get("/api/library/openapi.json")
    assert response.status_code == 200
    assert response.json() == library_api_description()


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_library_api_answers_as_described(case, world):
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
