"""Mistake: a fixed window. One counter per key per window (INCR on key:<window number>), so a
client can get `limit` calls just before a window boundary and `limit` more just after it:
twice the limit within one window length."""

_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local bucket = KEYS[1] .. ':' .. math.floor(now / tonumber(ARGV[2]))
local count = redis.call('INCR', bucket)
if count == 1 then
    redis.call('PEXPIRE', bucket, math.ceil(tonumber(ARGV[2]) * 1000))
end
if count <= tonumber(ARGV[1]) then
    return 1
end
return 0
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        return self.script(keys=[f"fixed:{key}"], args=[self.limit, self.window]) == 1
