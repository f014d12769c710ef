"""Attack class 6 (timeouts): busy loop that swallows every exception a judge could raise in-process.

get() spins in a Python loop wrapped in `except BaseException: pass`, so TimeLimitExceeded
raised by an alarm handler, KeyboardInterrupt from SIGINT, SystemExit from a handler and
MemoryError are all caught and the loop goes on. It also ignores SIGXCPU, so RLIMIT_CPU's soft
limit does nothing (only the hard limit's SIGKILL would), and re-arms nothing.

Correct verdict: time_limit_exceeded. The judge measures CPU time from outside and kills the
worker; it never depends on an exception the candidate can catch.
"""

import signal

try:
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
except (AttributeError, OSError, ValueError):
    pass


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        while True:
            try:
                while True:
                    x = 0
                    for i in range(10**7):
                        x += i
            except BaseException:  # noqa: BLE001 - the point of the attack
                continue

    def put(self, key, value) -> None:
        self.data[key] = value
