"""
End to end in headless Chromium, over a real ASGI server: two signed-in CSO members open
the same thread; one replies through the page's form, the other sees the reply appear
without reloading. An anonymous browser's websocket to the members-only thread is refused.

pytest-django's `live_server` speaks WSGI only, so the test starts uvicorn (the production
ASGI server) in a subprocess on the test database (PostgreSQL, so another process can open
it) with the Redis channel layer, and both browsers talk only to it.
"""

import io
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management.base import BaseCommand
from django.db import connection
from playwright.sync_api import expect

from forums import demo as forums_demo
from forums.models import Thread
from portal.actions import do_grant_membership
from portal.models import StakeholderGroup
from tests.e2e.navigation import follow
from tests.factories import UserFactory
from tests.processes import child_environment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.redis,
    # Serialized rollback restores the Wagtail root page the migrations made, which the
    # flush after a transactional test removes (the demo home page hangs under it).
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
COLLEAGUE_PASSWORD = "a-long-pass-phrase-2026"
THREAD_TITLE = "SPA IV consultation: our input on victim protection"
# A wait for the page to change, not a speed target: generous for a loaded CI machine.
LIVE_TIMEOUT_MS = 15_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, server: subprocess.Popen, log_path: Path, deadline_s=30) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited early:\n{log_path.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(
        f"uvicorn did not listen on {port} in {deadline_s}s:\n{log_path.read_text()}"
    )


@pytest.fixture
def asgi_server():
    """uvicorn serving config.asgi on the test database; yields its base URL."""
    port = _free_port()
    env = child_environment(
        # WhiteNoise serves thread.js from the source tree only in debug mode (no
        # collectstatic in tests); without the script there is nothing live to test.
        DJANGO_DEBUG="true",
        PYTHONUNBUFFERED="1",
    )
    with tempfile.NamedTemporaryFile(prefix="uvicorn-", suffix=".log", delete=False) as log:
        log_path = Path(log.name)
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--ws",
                "websockets-sansio",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, server, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.returncode not in (0, -15):
            sys.stderr.write(log_path.read_text())
        log_path.unlink(missing_ok=True)


def _seed_forums() -> None:
    try:
        forums_demo.seed(BaseCommand(stdout=io.StringIO()))
    finally:
        connection.close()


@pytest.fixture
def cso_thread(portal_demo_data):
    # Publishing a post pushes to the channel layer through async_to_sync, which refuses
    # to run in a thread with an event loop, and Playwright's sync API keeps one in this
    # thread. The seed runs in a thread of its own (its own connection; this test's
    # database is committed to, so both see the same rows).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_seed_forums).result()
    return Thread.objects.get(title=THREAD_TITLE)


@pytest.fixture
def cso_colleague(portal_demo_data):
    """A second approved CSO member with a verified address, able to sign in."""
    colleague = UserFactory(
        email="cso.colleague@example.org",
        display_name="Mekong CSO Network",
        password=COLLEAGUE_PASSWORD,
    )
    colleague.emailaddress_set.create(email=colleague.email, verified=True, primary=True)
    do_grant_membership(None, colleague, StakeholderGroup.objects.get(name="CSO members"))
    return colleague


def _signed_in_page(browser, base_url: str, email: str, password: str):
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("main form input[name=login]", email)
    page.fill("main form input[name=password]", password)
    follow(page, "main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{email} could not sign in"
    return page


def _socket_outcome(page, path: str) -> dict:
    """Open a websocket from the page; report whether it opened and how it closed."""
    return page.evaluate(
        """path => new Promise(resolve => {
            const socket = new WebSocket("ws://" + location.host + path);
            let opened = false;
            socket.onopen = () => { opened = true; socket.close(1000); };
            socket.onclose = event => resolve({opened, code: event.code});
        })""",
        path,
    )


def test_two_members_see_each_others_posts_live(
    browser, asgi_server, cso_thread, cso_colleague, demo_password
):
    thread_url = f"{asgi_server}{cso_thread.get_absolute_url()}"

    reader = _signed_in_page(browser, asgi_server, "cso@example.org", demo_password)
    reader.goto(thread_url)
    expect(reader.locator("h1")).to_have_text(THREAD_TITLE)

    writer = _signed_in_page(browser, asgi_server, cso_colleague.email, COLLEAGUE_PASSWORD)
    writer.goto(thread_url)
    expect(writer.locator("h1")).to_have_text(THREAD_TITLE)

    # Both sockets are open: the reader's page counts two people reading.
    expect(reader.locator("[data-presence]")).to_have_text("2 reading", timeout=LIVE_TIMEOUT_MS)

    reader_navigations = []
    reader.on("framenavigated", lambda frame: reader_navigations.append(frame.url))

    reply = "Shelters that let survivors work: we can share our Chiang Rai model."
    writer.fill("main form[data-reply-form] textarea[name=body]", reply)
    writer.click("main form[data-reply-form] button[type=submit]")
    expect(writer.locator("#posts")).to_contain_text(reply)

    expect(reader.locator("#posts article.post").last).to_contain_text(
        reply, timeout=LIVE_TIMEOUT_MS
    )
    expect(reader.locator("#posts article.post").last).to_contain_text("Mekong CSO Network")
    assert reader_navigations == [], "the reader's page reloaded instead of updating live"

    # And the other way round: the reader answers, the writer sees it live.
    answer = "Thank you, please bring it to the March meeting."
    reader.fill("main form[data-reply-form] textarea[name=body]", answer)
    reader.click("main form[data-reply-form] button[type=submit]")
    expect(writer.locator("#posts")).to_contain_text(answer, timeout=LIVE_TIMEOUT_MS)


def test_an_anonymous_websocket_to_a_members_only_thread_is_refused(
    browser, asgi_server, cso_thread, demo_password
):
    socket_path = f"/ws/forums/threads/{cso_thread.pk}/"

    member = _signed_in_page(browser, asgi_server, "cso@example.org", demo_password)
    member.goto(f"{asgi_server}/")
    assert _socket_outcome(member, socket_path) == {"opened": True, "code": 1000}

    anonymous = browser.new_context().new_page()
    anonymous.goto(f"{asgi_server}/")
    outcome = _socket_outcome(anonymous, socket_path)
    # The consumer closes before accepting, so the server refuses the handshake (HTTP 403) and
    # the browser reports an abnormal closure without the socket ever opening.
    assert outcome == {"opened": False, "code": 1006}

    anonymous.goto(f"{asgi_server}{cso_thread.get_absolute_url()}")
    assert "/accounts/login/" in anonymous.url
    assert THREAD_TITLE not in anonymous.content()
