"""
/metrics sums every uvicorn worker, as production runs them (Procfile: `--workers`).

A scrape reaches one worker; the figures must be the whole server's all the same, and a
worker that dies must take its open websockets out of the figure.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.parser import text_string_to_metric_families
from websockets.sync.client import connect

from tests.processes import child_environment

ROOT = Path(settings.BASE_DIR)
TOKEN = "metrics-token-across-workers-51c9"
# Generous for a loaded machine: each worker imports Django and Wagtail.
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """uvicorn with two workers and a metrics directory; yields (base URL, directory)."""
    port = free_port()
    directory = tmp_path / "metrics"
    directory.mkdir()
    log_path = tmp_path / "uvicorn.log"
    env = child_environment(
        METRICS_TOKEN=TOKEN,
        PROMETHEUS_MULTIPROC_DIR=str(directory),
        PYTHONUNBUFFERED="1",
    )
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
                "--ws",
                "websockets-sansio",
                "--no-access-log",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                get(f"{base}/health/live")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log_path.read_text()) from None
                time.sleep(0.3)
        yield base, directory
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def get(url: str, headers=None) -> bytes:
    # A new connection each time, so the workers share the requests between them. Only
    # http:// URLs of the server this test started.
    assert url.startswith("http://127.0.0.1:")
    headers = {"Connection": "close", **(headers or {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read()


def scrape(base: str) -> dict:
    text = get(f"{base}/metrics", {"Authorization": f"Bearer {TOKEN}"}).decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def answered(samples) -> float:
    return samples[("portal_http_requests_total", (("method", "GET"), ("status", "2xx")))]


def counted_by(directory: Path, kind: str, sample: str) -> dict[int, float]:
    """Each worker's own value of `sample`, read from its file as prometheus_client wrote it."""
    counts = {}
    for path in directory.glob(f"{kind}_*.db"):
        values = MmapedDict(str(path), read_mode=True)
        try:
            counts[int(path.stem.rsplit("_", 1)[1])] = sum(
                value for key, value, _ in values.read_all_values() if f'"{sample}"' in key
            )
        finally:
            values.close()
    return counts


def workers_that_served(directory: Path) -> int:
    counts = counted_by(directory, "counter", "portal_http_requests_total")
    return sum(1 for count in counts.values() if count)


def open_sockets_by_worker(directory: Path) -> dict[int, float]:
    counts = counted_by(directory, "gauge_livesum", "portal_websocket_connections")
    return {pid: count for pid, count in counts.items() if count}


def test_requests_served_by_either_worker_add_up_in_one_scrape(server):
    base, directory = server

    # Until both workers have answered some (the kernel hands connections out as it likes).
    sent = 1  # the readiness probe
    while workers_that_served(directory) < 2 and sent < 500:
        get(f"{base}/health/live")
        sent += 1
    assert workers_that_served(directory) == 2

    # Whichever worker answers, the count is every request so far (the scrapes included).
    counts = [answered(scrape(base)) for _ in range(6)]
    assert counts == [sent + n for n in range(6)]


def test_open_websockets_add_up_and_a_killed_worker_s_sockets_leave_the_figure(server):
    base, directory = server
    address = base.replace("http://", "ws://") + "/ws/announcements/"

    sockets = []
    with ExitStack() as open_sockets:
        # The kernel hands each connection to whichever worker accepts first, and the second
        # worker may still be starting (the server answers once one is up): keep opening
        # sockets, with pauses, until both hold some (40 in a row once went to one worker).
        deadline = time.monotonic() + START_TIMEOUT_S
        while len(open_sockets_by_worker(directory)) < 2 and len(sockets) < 200:
            if time.monotonic() > deadline:
                break
            sockets.append(open_sockets.enter_context(connect(address, origin=base)))
            if len(sockets) % 10 == 0:
                time.sleep(0.5)
        held = open_sockets_by_worker(directory)
        assert len(held) == 2
        assert scrape(base)[("portal_websocket_connections", ())] == len(sockets)

        # SIGKILL: no clean-up runs in the worker; the scrape must notice it is gone.
        victim, lost = min(held.items())
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                figure = scrape(base)[("portal_websocket_connections", ())]
            except OSError:
                figure = None
            if figure == len(sockets) - lost or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert figure == len(sockets) - lost
