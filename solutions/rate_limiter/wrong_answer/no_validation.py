"""Mistake: no argument checks. RateLimiter(r, 0, 1) and RateLimiter(r, 5, 0) are accepted
silently (a limiter that denies everything, or one whose window is empty) instead of raising
ValueError."""

import os

_SCRIPT = """
local key = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window_us = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window_us)
if redis.call('ZCARD', key) < tonumber(ARGV[1]) then
    redis.call('ZADD', key, now, t[1] .. '.' .. t[2] .. ':' .. ARGV[3])
    redis.call('PEXPIRE', key, math.max(1, math.ceil(window_us / 1000)))
    return 1
end
return 0
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        self.limit = limit
        self.window_us = round(window * 1_000_000)
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        return self.script(keys=[f"log:{key}"], args=[self.limit, self.window_us, os.urandom(8).hex()]) == 1
