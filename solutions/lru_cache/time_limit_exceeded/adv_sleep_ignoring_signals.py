"""Attack class 6 (timeouts): sleep forever, using no CPU, with every catchable signal ignored.

At import it sets SIG_IGN for SIGTERM, SIGINT, SIGHUP, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
SIGUSR1/2 and SIGPIPE, and blocks them in the signal mask as well. get() then sleeps 10^6 s
in chunks (time.sleep restarts after EINTR). A judge that only limits CPU time never fires; one
that stops the worker with SIGTERM or SIGALRM waits forever.

Correct verdict: time_limit_exceeded. The wall-clock backstop must end the worker with SIGKILL
(which cannot be ignored) and report the test as over its limit.
"""

import signal
import time

_IGNORED = [getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGALRM", "SIGVTALRM", "SIGPROF",
                                               "SIGXCPU", "SIGUSR1", "SIGUSR2", "SIGPIPE") if hasattr(signal, name)]
for _sig in _IGNORED:
    try:
        signal.signal(_sig, signal.SIG_IGN)
    except (OSError, ValueError):
        pass
try:
    signal.pthread_sigmask(signal.SIG_BLOCK, _IGNORED)
except (OSError, ValueError, AttributeError):
    pass


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        deadline = time.monotonic() + 10**6
        while time.monotonic() < deadline:
            time.sleep(3600)
        return self.data.get(key, -1)

    def put(self, key, value) -> None:
        self.data[key] = value
