"""Optimistic transaction: read the server clock, WATCH the key, read the count, then MULTI/EXEC.

Several round trips per call, but still correct: WATCH makes EXEC fail (WatchError) if
another client changed the key after we read it, and then we start over with fresh data.
Time is the Redis server's (TIME), so clients whose clocks disagree still agree on the window.
TIME is read on the client, not through the watched pipeline: on a Redis Cluster every command
of a transaction must name a key of its slot, and TIME names none (redis-py refuses it there).
The pipeline asks for a transaction explicitly: a RedisCluster's pipeline() is not one by default.
"""

import uuid

import redis as redis_py


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.redis = redis
        self.limit = limit
        self.window_us = max(1, round(window * 1_000_000))
        self.ttl_ms = max(1, -(-self.window_us // 1000))

    def allow(self, key: str) -> bool:
        name = f"rl:watch:{key}"
        with self.redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    seconds, micros = self.redis.time()
                    now = seconds * 1_000_000 + micros
                    pipe.watch(name)
                    # Count only the calls inside the window: entries at or before now - window are stale.
                    in_window = pipe.zcount(name, f"({now - self.window_us}", "+inf")
                    allowed = in_window < self.limit
                    pipe.multi()
                    pipe.zremrangebyscore(name, "-inf", now - self.window_us)
                    if allowed:
                        pipe.zadd(name, {f"{now}:{uuid.uuid4().hex}": now})
                        pipe.pexpire(name, self.ttl_ms)
                    pipe.execute()
                    return allowed
                except redis_py.WatchError:
                    continue
