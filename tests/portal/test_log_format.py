"""Production log lines are JSON objects that carry the request id."""

import json
import logging
import sys

from portal.log_format import JsonFormatter
from portal.request_context import bind


def record(message="Search fell back to the database", **extra):
    logger = logging.getLogger("knowledge.search")
    return logger.makeRecord(
        logger.name, logging.WARNING, __file__, 1, message, (), None, extra=extra
    )


def test_a_line_inside_a_request_carries_its_id_and_extras():
    with bind("req-7f3a", "203.0.113.9"):
        line = JsonFormatter().format(record(publication=42))

    entry = json.loads(line)
    assert entry["request_id"] == "req-7f3a"
    assert entry["message"] == "Search fell back to the database"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "knowledge.search"
    assert entry["publication"] == 42


def test_a_line_outside_a_request_has_no_id_and_keeps_the_traceback():
    try:
        raise RuntimeError("Elasticsearch did not answer")
    except RuntimeError:
        logger = logging.getLogger("portal.health")
        failed = logger.makeRecord(
            logger.name, logging.ERROR, __file__, 1, "check failed", (), sys.exc_info()
        )

    entry = json.loads(JsonFormatter().format(failed))
    assert "request_id" not in entry
    assert "RuntimeError: Elasticsearch did not answer" in entry["exception"]
    assert "\n" not in JsonFormatter().format(failed)  # one line per record
