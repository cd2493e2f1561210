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
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.elasticsearch,
]


@pytest.fixture(scope="module")
def library_api(world, django_db_blocker):
    """The description, loaded from the running app, whose calls go to that app."""
    # Django's handler closes "old" connections around each request; inside the world's
    # transaction that would end it (the test client disconnects these receivers too).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock():
            yield schemathesis.openapi.from_wsgi(
                "/api/library/openapi.json", get_wsgi_application()
            )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("library_api")


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_library_api_answers_as_described(case):
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
