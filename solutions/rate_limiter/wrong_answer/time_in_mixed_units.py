"""Mistake: adds TIME's two fields in different units: the seconds as milliseconds, the second
field (microseconds) as it is. Within one second the scores step by microseconds as they should,
but at every whole second of the server clock they jump back by almost a second, so the grants
stamped just before it stay "in the future": never trimmed, still counted after they have left
the window, until the key expires. A grant 0.1 s before a whole second, another after it, and a
third call once the first is older than the window: denied, though only one grant is inside."""

import os

_SLIDING_LOG = """
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window_us)
if redis.call('ZCARD', key) < limit then
    redis.call('ZADD', key, now, t[1] .. '.' .. t[2] .. ':' .. ARGV[3])
    redis.call('PEXPIRE', key, math.ceil(window_us / 1000))
    return 1
end
return 0
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))
        self.script = redis.register_script(_SLIDING_LOG)

    def allow(self, key: str) -> bool:
        """True if fewer than `limit` calls were allowed for `key` in the last `window` seconds."""
        allowed = self.script(
            keys=[f"ratelimit:{{{key}}}"],
            args=[self.limit, self.window_us, os.urandom(8).hex()],
        )
        return allowed == 1
