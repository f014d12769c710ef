"""Wrong: the base problem's reference, unchanged: redis-py's default retries hold a call on a dead
master's slot for seconds and then raise to the caller.

Per key, a sorted set holds one member per allowed call, scored by the Redis server's
time in microseconds. The script reads the server clock (TIME), trims the entries that
have left the window (ZREMRANGEBYSCORE), counts the rest (ZCARD) and, only if the count
is below the limit, adds the call (ZADD) and renews the key's TTL (PEXPIRE). The member
is the time plus a random suffix from the client, so calls in the same microsecond never
collapse into one entry. Redis runs a script without interleaving other commands, so
concurrent callers cannot both see the last free slot.
"""

import os

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
