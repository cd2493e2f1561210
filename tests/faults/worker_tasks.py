"""
Tasks for the task worker fault tests only: each writes what it does to a file the test
reads, since a task run in another process leaves nothing else the test can count.
"""

import os
import time
from pathlib import Path

from portal.background import task


def _write(log: str, line: str) -> None:
    # One write of a short line in append mode: lines of several processes never mix.
    with open(log, "a") as output:
        output.write(line + "\n")
        output.flush()
        os.fsync(output.fileno())


@task()
def hold_until_released(log: str, name: str, release: str) -> str:
    """Start, wait until the file `release` exists (a minute at most), finish."""
    _write(log, f"start {name}")
    deadline = time.monotonic() + 60
    while not Path(release).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    _write(log, f"done {name}")
    return name


@task()
def record_run(log: str, name: str) -> str:
    """A short task: a line in `log` each time it runs."""
    time.sleep(0.02)
    _write(log, f"ran {name} {os.getpid()}")
    return name
