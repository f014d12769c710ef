"""Wrong: the failover handled as the reference does, but no ValueError for limit < 1 or
window <= 0 (the base problem's rule, which still holds)."""

import os
import time

from redis.backoff import NoBackoff
from redis.exceptions import ClusterError, ConnectionError, ReadOnlyError, RedisClusterException, TimeoutError, TryAgainError
from redis.retry import Retry

BUDGET_S = 1.5  # the statement's budget for one call while its slot has no master
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


# The errors of a master that is down or of a slot map that is changing, not of the script:
# ClusterError covers CLUSTERDOWN and MASTERDOWN, ConnectionError covers LOADING.
TRANSIENT = (ConnectionError, TimeoutError, ClusterError, TryAgainError, ReadOnlyError, RedisClusterException)


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
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
            except TRANSIENT:
                pass
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return True  # fail open: the product stays up while one shard is out
            time.sleep(min(PAUSE_S, remaining))
