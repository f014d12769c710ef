"""Mistake on a Redis Cluster: WATCH the key, then read the server clock through the watched pipeline.

accepted/watch_multi.py as it was before the cluster stage: correct on one server (WATCH makes
EXEC fail if another client changed the key, and the call starts over), but on a Redis Cluster a
transaction runs on the node of its keys' slot, and every command in it must name a key of that
slot. TIME names none, so redis-py's cluster pipeline refuses it (RedisClusterException: "Calling
pipelined function time is blocked when running redis in cluster mode"). Read TIME on the client
before WATCH, or do the whole decision in one Lua script.

Correct verdict: runtime_error (in the Redis Cluster stage; the single-server stage passes).
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
                    pipe.watch(name)
                    seconds, micros = pipe.time()
                    now = seconds * 1_000_000 + micros
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
