import logging

import pytest

pytestmark = pytest.mark.django_db


def test_live_answers_without_touching_services(client):
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_reports_each_configured_service(client, settings):
    settings.ELASTICSEARCH_URL = ""

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "channel_layer": "ok",
    }


def test_ready_is_503_and_names_the_service_that_is_down(client, settings):
    # Nothing listens on port 1: a real connection failure, not a stub.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"

    response = client.get("/health/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["elasticsearch"] == "fail"
    assert body["checks"]["database"] == "ok"


def test_ready_tells_the_public_nothing_about_the_failure_but_logs_it(client, settings, caplog):
    # An anonymous caller learns which check failed, never the exception, host or port.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"

    with caplog.at_level(logging.ERROR, logger="portal.health"):
        response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "ok", "channel_layer": "ok", "elasticsearch": "fail"},
    }
    assert "127.0.0.1" not in response.content.decode()
    assert "Error" not in response.content.decode()
    logged = [record for record in caplog.records if record.name == "portal.health"]
    assert logged
    assert "elasticsearch" in logged[0].getMessage()
    assert logged[0].exc_info is not None  # the traceback is in the server log
