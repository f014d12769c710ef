"""Wrong: a circuit breaker per hash slot that opens when a call fails open and never closes:
every later call on that slot waits out the budget and is allowed without asking Redis, so the
limit never comes back once the replica has taken over.
"""

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


def _transient(exc: Exception) -> bool:
    """An error of a master that is down or of a map that is changing, not of the script."""
    return isinstance(exc, (ConnectionError, TimeoutError, RedisClusterException, ClusterError, TryAgainError, ReadOnlyError))


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
        self.dead_slots = set()

    @staticmethod
    def slot_of(key: str) -> int:
        from redis.crc import key_slot

        return key_slot(key.encode())

    def allow(self, key: str) -> bool:
        """True if fewer than `limit` calls were allowed for `key` in the last `window` seconds;
        True as well (not recorded) if its slot had no master for the whole budget."""
        deadline = time.monotonic() + BUDGET_S
        slot = self.slot_of(key)
        if slot in self.dead_slots:  # a breaker that never closes: wait out the budget, never ask again
            time.sleep(BUDGET_S - 0.1)
            return True
        while True:
            try:
                allowed = self.script(keys=[f"ratelimit:{{{key}}}"], args=[self.limit, self.window_us, os.urandom(8).hex()])
                return allowed == 1
            except Exception as exc:  # noqa: BLE001 - sorted by _transient
                if not _transient(exc):
                    raise
            if time.monotonic() + PAUSE_S >= deadline:
                self.dead_slots.add(slot)
                return True
            time.sleep(PAUSE_S)
