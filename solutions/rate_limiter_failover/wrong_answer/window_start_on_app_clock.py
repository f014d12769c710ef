"""Wrong answer: the grants are stamped with the Redis server's TIME, but the window's start is
computed on the application server's clock (time.time() - window) and passed to the script. A
process whose clock runs 30 s fast trims the grants of the others as 30 s old and lets its own
call through over the limit.
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
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[4]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
    return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(window_us / 1000))
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

    def _window_start_us(self) -> int:
        return int(time.time() * 1_000_000) - self.window_us

    def allow(self, key: str) -> bool:
        started = time.monotonic()
        while True:
            try:
                return self.script(keys=[f"rl:{{{key}}}"], args=[self.limit, self.window_us, os.urandom(6).hex(), self._window_start_us()]) == 1
            except (ConnectionError, TimeoutError, RedisClusterException, ClusterError, TryAgainError):
                pass
            if time.monotonic() - started >= BUDGET_S:
                return True
            time.sleep(PAUSE_S)
