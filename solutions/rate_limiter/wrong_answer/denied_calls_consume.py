"""Mistake: adds every call to the log (ZADD) before deciding, so denied calls take up quota too.
A client that keeps retrying while limited keeps its window full and is never let through again."""

import os

_SCRIPT = """
local key = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window_us = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window_us)
redis.call('ZADD', key, now, t[1] .. '.' .. t[2] .. ':' .. ARGV[3])
redis.call('PEXPIRE', key, math.ceil(window_us / 1000))
if redis.call('ZCARD', key) <= tonumber(ARGV[1]) then
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
        return self.script(keys=[f"log:{key}"], args=[self.limit, self.window_us, os.urandom(8).hex()]) == 1
