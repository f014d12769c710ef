"""Too slow, though correct: every decision reads the key's whole log (ZRANGE 0 -1) and
counts the live entries in Python, inside an optimistic WATCH/MULTI transaction.

Each decision moves O(limit) entries over the network and through Python, so a full
window of n calls costs O(n) per decision instead of O(log n). ZREMRANGEBYSCORE plus
ZCARD in Redis answer the same question without moving the entries.
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
                    entries = pipe.zrange(name, 0, -1, withscores=True)
                    live = sum(1 for _, score in entries if score > now - self.window_us)
                    allowed = live < self.limit
                    pipe.multi()
                    if len(entries) > live:
                        pipe.zremrangebyscore(name, "-inf", now - self.window_us)
                    if allowed:
                        pipe.zadd(name, {f"{now}:{os.urandom(8).hex()}": now})
                        pipe.pexpire(name, -(-self.window_us // 1000))
                    pipe.execute()
                    return allowed
                except redis_lib.WatchError:
                    continue
