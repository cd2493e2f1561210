"""Real `manage.py` processes (task worker, web server) against the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def this_database_url(host: str | None = None, port: int | None = None) -> str:
    """The URL of the database this test process uses (optionally through another address)."""
    database = connection.settings_dict
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    return (
        f"postgres://{credentials}@{host or database['HOST'] or '127.0.0.1'}:"
        f"{port or database['PORT'] or 5432}/{database['NAME']}"
    )


def start(arguments: list[str], log: Path, **environment: str) -> subprocess.Popen:
    """Start `python <arguments>` in the repository with the test settings; output to `log`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": this_database_url(),
        **environment,
    }
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, *arguments], cwd=ROOT, env=env, stdout=output, stderr=output
        )


def kill(process: subprocess.Popen) -> None:
    """SIGKILL, as the kernel's out-of-memory killer or a lost machine ends a process."""
    process.kill()
    process.wait()


def stop(process: subprocess.Popen, timeout: float = 30) -> int:
    """SIGTERM, as an orchestrator stops a process, and wait for it to finish."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()
