"""Log lines as production writes them: JSON, formatted when emitted (as the request id is)."""

import io
import json
import logging
from contextlib import contextmanager

from portal.log_format import JsonFormatter


@contextmanager
def json_log_lines(level=logging.INFO):
    """
    Capture every log line as the production formatter writes it; yields a function that
    returns the lines so far, parsed. The formatter reads the request id when a line is
    written, so a captured record formatted later (pytest's caplog) would lose it.
    """
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(level)
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(min(previous_level, level))
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
