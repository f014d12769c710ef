"""Mistake: uses the timestamp (server time in milliseconds) as the sorted-set member as well as
its score, as in peterkhayes/rolling-rate-limiter#11. Calls in the same millisecond write the
same member, collapse into one entry, and count once, so a fast burst gets past the limit."""

_SCRIPT = """
local key = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window_ms = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window_ms)
if redis.call('ZCARD', key) < tonumber(ARGV[1]) then
    redis.call('ZADD', key, now, now)
    redis.call('PEXPIRE', key, window_ms)
    return 1
end
return 0
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window_ms = max(1, round(window * 1000))
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        return self.script(keys=[f"log:{key}"], args=[self.limit, self.window_ms]) == 1
