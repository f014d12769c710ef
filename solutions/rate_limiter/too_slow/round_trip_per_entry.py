"""Too slow, though correct: counts the live entries with one ZSCORE round trip per entry,
inside an optimistic WATCH/MULTI transaction.

A decision on a full window of n calls makes n + 4 round trips: the network, not Redis,
becomes the cost, and it grows with the limit. The target is one round trip per decision.
(A member another client removes between ZRANGE and its ZSCORE reads None: not live, and the
transaction retries. Comparing None with `>` made this file crash once in a verify series.)
"""

import os

import redis as redis_lib


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.redis = redis
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))

    def allow(self, key: str) -> bool:
        name = f"ratelimit:{{{key}}}"
        while True:
            with self.redis.pipeline(transaction=True) as pipe:
                try:
                    seconds, micros = self.redis.time()  # not through the watched pipeline: a cluster transaction refuses TIME
                    now = seconds * 1_000_000 + micros
                    pipe.watch(name)
                    live = 0
                    for member in pipe.zrange(name, 0, -1):
                        score = pipe.zscore(name, member)  # None: another client removed it meanwhile (EXEC then retries)
                        if score is not None and score > now - self.window_us:
                            live += 1
                    allowed = live < self.limit
                    pipe.multi()
                    pipe.zremrangebyscore(name, "-inf", now - self.window_us)
                    if allowed:
                        pipe.zadd(name, {f"{now}:{os.urandom(8).hex()}": now})
                        pipe.pexpire(name, -(-self.window_us // 1000))
                    pipe.execute()
                    return allowed
                except redis_lib.WatchError:
                    continue
