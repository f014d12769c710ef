"""Wrong: retries for 3 s before failing open, twice the statement's budget of 1.5 s: every call on a
dead master's slot holds its request (and its thread) that much longer.
"""

import os
import time

from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError, RedisClusterException, ResponseError, TimeoutError
from redis.retry import Retry

BUDGET_S = 3.0  # twice the statement's budget
PAUSE_S = 0.05

_SLIDING_LOG = """
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window_us)
if redis.call('ZCARD', key) < limit then
    redis.call('ZADD', key, now, t[1] .. '.' .. t[2] .. ':' .. ARGV[3])
    redis.call('PEXPIRE', key, math.ceil(window_us / 1000))
    return 1
end
return 0
"""


def _transient(exc: Exception) -> bool:
    """An error of a master that is down or of a map that is changing, not of the script."""
    if isinstance(exc, (ConnectionError, TimeoutError, RedisClusterException)):
        return True
    return isinstance(exc, ResponseError) and str(exc).startswith(("CLUSTERDOWN", "TRYAGAIN", "MOVED", "ASK", "MASTERDOWN", "LOADING", "READONLY"))


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))
        redis.set_retry(Retry(NoBackoff(), 0))  # one attempt per command: the budget below is ours
        self.script = redis.register_script(_SLIDING_LOG)

    def allow(self, key: str) -> bool:
        """True if fewer than `limit` calls were allowed for `key` in the last `window` seconds;
        True as well (not recorded) if its slot had no master for the whole budget."""
        deadline = time.monotonic() + BUDGET_S
        while True:
            try:
                allowed = self.script(keys=[f"ratelimit:{{{key}}}"], args=[self.limit, self.window_us, os.urandom(8).hex()])
                return allowed == 1
            except Exception as exc:  # noqa: BLE001 - sorted by _transient
                if not _transient(exc):
                    raise
            if time.monotonic() + PAUSE_S >= deadline:
                return True  # fail open: the product stays up while one shard is out
            time.sleep(PAUSE_S)
