"""Logging filters of the project as a whole (wired in settings.LOGGING)."""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Let one record through per ``seconds`` in each process and drop the rest, saying on the
    next one how many were dropped.

    For a dependency that fails on every request while it is down: django-redis logs every
    Redis error it ignores with its whole traceback, several per request, so a Redis outage
    under load wrote tens of thousands of tracebacks a minute (150 MB in a few minutes in
    bench/faults.py) and formatting them took the CPU the requests needed. One record a
    minute still says Redis is down; /readyz says it too.
    """

    def __init__(self, seconds=60):
        super().__init__()
        self.seconds = seconds
        self._next_at = 0.0
        self._dropped = 0
        self._lock = threading.Lock()

    def filter(self, record):
        now = time.monotonic()
        with self._lock:
            if now < self._next_at:
                self._dropped += 1
                return False
            self._next_at = now + self.seconds
            dropped, self._dropped = self._dropped, 0
        if dropped:
            record.msg = (
                f"{record.msg} ({dropped} more like it in the last {self.seconds:g} s "
                "not logged)"
            )
        return True
