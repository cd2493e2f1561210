"""
One JSON object per log line in production, carrying the request id.

A log collector can then follow one request (or the task it enqueued, or the websocket
event it caused, where the id is bound: portal/request_context.py) across the web and
worker processes; the proxy's X-Request-ID makes the id the proxy's own.
"""

import json
import logging
from datetime import UTC, datetime

from portal.request_context import current_request_id

# Attributes every LogRecord has; anything else was passed as `extra=` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id()
        if request_id:
            entry["request_id"] = request_id
        entry.update({key: value for key, value in vars(record).items() if key not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
