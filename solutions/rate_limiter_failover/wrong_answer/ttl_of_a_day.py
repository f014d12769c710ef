"""Wrong answer: every key gets a TTL of one day whatever the window, so after a short window's
traffic the keys stay in Redis for far longer than 3 windows (the base problem's TTL rule).
"""

import os
import time

from redis.backoff import NoBackoff
from redis.exceptions import ClusterError, ConnectionError, RedisClusterException, TimeoutError, TryAgainError
from redis.retry import Retry

BUDGET_S = 1.4
PAUSE_S = 0.04

_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window_us = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window_us)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
    return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], 86400000)
return 1
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be at least 1 and window positive")
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))
        redis.set_retry(Retry(NoBackoff(), 0))
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        started = time.monotonic()
        while True:
            try:
                return self.script(keys=[f"rl:{{{key}}}"], args=[self.limit, self.window_us, os.urandom(6).hex()]) == 1
            except (ConnectionError, TimeoutError, RedisClusterException, ClusterError, TryAgainError):
                pass
            if time.monotonic() - started >= BUDGET_S:
                return True
            time.sleep(PAUSE_S)
