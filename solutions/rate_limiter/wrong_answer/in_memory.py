"""Mistake: keeps the log in process memory (a dict of deques) instead of Redis. Each process,
each instance, enforces its own limit, so N application servers allow N times the limit."""

import time
from collections import defaultdict, deque


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.log = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        calls = self.log[key]
        while calls and calls[0] <= now - self.window:
            calls.popleft()
        if len(calls) >= self.limit:
            return False
        calls.append(now)
        return True
