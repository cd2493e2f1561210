"""Real `manage.py` processes (task worker, web server) against the test database."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from tests.processes import child_environment, this_database_url

__all__ = ["kill", "start", "stop", "this_database_url"]

ROOT = Path(__file__).resolve().parents[2]


def start(arguments: list[str], log: Path, **environment: str) -> subprocess.Popen:
    """Start `python <arguments>` in the repository with the test settings; output to `log`."""
    env = child_environment(**environment)
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
