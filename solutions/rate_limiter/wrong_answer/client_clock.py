"""Mistake: stamps calls with the caller's clock (time.time() passed into the script), like the
moving window of the `limits` library. Application servers whose clocks disagree by seconds
trim each other's entries (or keep them "in the future"), so together they exceed the limit."""

import time
import uuid

_SCRIPT = """
local key = KEYS[1]
local now = tonumber(ARGV[3])
local window_us = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window_us)
if redis.call('ZCARD', key) < tonumber(ARGV[1]) then
    redis.call('ZADD', key, now, ARGV[3] .. ':' .. ARGV[4])
    redis.call('PEXPIRE', key, math.ceil(window_us / 1000))
    return 1
end
return 0
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window_us = round(window * 1_000_000)
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        now_us = time.time_ns() // 1000
        return self.script(keys=[f"log:{key}"], args=[self.limit, self.window_us, now_us, uuid.uuid4().hex]) == 1
