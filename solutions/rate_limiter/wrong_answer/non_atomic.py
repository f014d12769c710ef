"""Mistake: read, decide and write in separate round trips (trim, ZCARD, then ZADD), as in
redis-developer/redis-ratelimiting-js#2. Correct one call at a time, but concurrent callers
all read the same count and all take the last free slot, so together they exceed the limit."""

import uuid


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.redis = redis
        self.limit = limit
        self.window_us = round(window * 1_000_000)

    def allow(self, key: str) -> bool:
        name = f"log:{key}"
        seconds, micros = self.redis.time()
        now = seconds * 1_000_000 + micros
        self.redis.zremrangebyscore(name, "-inf", now - self.window_us)
        if self.redis.zcard(name) >= self.limit:
            return False
        self.redis.zadd(name, {f"{now}:{uuid.uuid4().hex}": now})
        self.redis.pexpire(name, -(-self.window_us // 1000))
        return True
