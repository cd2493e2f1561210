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
    assert body["checks"]["elasticsearch"].startswith("error:")
    assert body["checks"]["database"] == "ok"
