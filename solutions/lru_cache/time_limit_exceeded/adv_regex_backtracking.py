"""Attack class 6 (timeouts): catastrophic regex backtracking, one C call that never returns.

get() matches `(a|aa)+$`-style nested quantifiers against 64 'a's and a 'b'. The `re` engine
runs in C without checking for signals for a very long time (about 2^64 steps), so an alarm
handler in the worker never gets to run.

Correct verdict: time_limit_exceeded. CPU time is read from outside and the worker is killed.
"""

import re

_EVIL = re.compile(r"^(a|aa|a?a)+$")


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        _EVIL.match("a" * 64 + "b")
        return self.data.get(key, -1)

    def put(self, key, value) -> None:
        self.data[key] = value
