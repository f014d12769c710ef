"""The exception a time limit raises on the trusted side.

Limits are enforced from outside the candidate's process: the runner reads the worker's
CPU time from the kernel and kills the worker at the limit (harness.worker.channel). This
is what the suite then sees. A BaseException, so that a suite's `except Exception:`
cannot swallow it.
"""

from __future__ import annotations


class TimeLimitExceeded(BaseException):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
