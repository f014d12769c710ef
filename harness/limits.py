"""Time limits inside the judged child process.

The limit raises `TimeLimitExceeded`, a BaseException, so a solution's
`except Exception:` cannot swallow it. Once the deadline passes the signal repeats
every REPEAT_S: an exception raised inside a garbage-collector callback is swallowed
by the interpreter (Hypothesis installs one), so a single signal can be lost. A loop
inside one long C call is not interruptible this way; the parent kills the child.
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from typing import Iterator


class TimeLimitExceeded(BaseException):
    def __init__(self, limit_s: float, what: str = "") -> None:
        super().__init__(f"{what or 'case'} exceeded its time limit of {limit_s:.2f} s")
        self.limit_s = limit_s
        self.what = what


def _on_alarm(signum, frame):  # noqa: ARG001
    # A fresh instance each time: re-raising one object would pile up its tracebacks.
    top = _active[-1] if _active else TimeLimitExceeded(0.0)
    raise TimeLimitExceeded(top.limit_s, top.what)


_active: list[TimeLimitExceeded] = []
REPEAT_S = 0.1


@contextmanager
def time_limit(seconds: float, what: str = "") -> Iterator[None]:
    """Raise TimeLimitExceeded if the block runs longer than `seconds` (wall clock).

    Nested limits keep the tighter deadline and restore the outer one afterwards.
    """
    outer_remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    deadline = seconds if not outer_remaining else min(seconds, outer_remaining)
    # An outer limit that is tighter keeps its own message.
    own = not outer_remaining or seconds <= outer_remaining
    if own:
        _active.append(TimeLimitExceeded(seconds, what))
    signal.setitimer(signal.ITIMER_REAL, max(deadline, 1e-4), REPEAT_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        if own:
            _active.pop()
        signal.signal(signal.SIGALRM, previous)
        if outer_remaining:
            left = outer_remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-4), REPEAT_S)
