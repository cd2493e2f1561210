"""SENTRY_DSN turns error reporting on in production, without personal data; unset, it is off."""

import json

from tests.config.test_production_settings import REQUIRED, run_manage

# Nothing listens on port 1, and the transport below keeps the reports in the process:
# the test needs no network and sends nothing anywhere.
DSN = "http://publickey@127.0.0.1:1/42"

REPORT = """
import json, logging, os, sys
from django.conf import settings
from portal.request_context import bind


def post_reply(body):
    raise RuntimeError("Elasticsearch did not answer")

state = {"imported": "sentry_sdk" in sys.modules}
if state["imported"]:
    import sentry_sdk
    from sentry_sdk.transport import Transport

    events = []

    class Recorder(Transport):
        def capture_envelope(self, envelope):
            events.append(envelope.get_event())

    client = sentry_sdk.get_client()
    client.transport = Recorder(client.options)
    state["active"] = client.is_active()
    state["dsn"] = client.options["dsn"]
    state["send_default_pii"] = client.options["send_default_pii"]
    with bind("failing-request-0001", os.environ["CLIENT_ADDRESS"]):
        try:
            post_reply(os.environ["POST_BODY"])
        except RuntimeError:
            logging.getLogger("portal.health").exception("Readiness check failed")
    state["events"] = events
print(json.dumps(state, default=str))
"""


# Personal data the failing code holds, which no report may carry.
ADDRESS = "203.0.113.9"
BODY = "My cousin was taken to the boats at Kantang"


def report(env) -> dict:
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        REPORT,
        env={**env, "CLIENT_ADDRESS": ADDRESS, "POST_BODY": BODY},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_sentry_dsn_the_sdk_is_not_even_imported():
    assert report(REQUIRED) == {"imported": False}


def test_with_sentry_dsn_an_error_is_reported_with_the_request_id_and_no_personal_data():
    state = report({**REQUIRED, "SENTRY_DSN": DSN})

    assert state["imported"]
    assert state["active"]
    assert state["dsn"] == DSN
    assert state["send_default_pii"] is False
    [event] = state["events"]
    assert event["tags"]["request_id"] == "failing-request-0001"
    assert event["exception"]["values"][0]["value"] == "Elasticsearch did not answer"
    sent = json.dumps(event)
    assert ADDRESS not in sent
    assert BODY not in sent
    assert "user" not in event
