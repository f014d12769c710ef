"""Sliding-window log in Lua, with a per-key sequence number (INCR) to make members unique.

Same algorithm as the reference, but the uniqueness comes from Redis itself: a second key
counts calls, and the member is "<time>-<sequence>". Both keys get a TTL on every write,
so neither outlives the traffic.
"""

_SCRIPT = """
local log, seq = KEYS[1], KEYS[2]
local limit = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZREMRANGEBYSCORE', log, '-inf', now - window_ms)
if redis.call('ZCARD', log) >= limit then
    return 0
end
local n = redis.call('INCR', seq)
redis.call('ZADD', log, now, t[1] .. '.' .. t[2] .. '-' .. n)
redis.call('PEXPIRE', log, math.ceil(window_ms))
redis.call('PEXPIRE', seq, math.ceil(window_ms))
return 1
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError(f"need limit >= 1 and window > 0, got limit={limit!r}, window={window!r}")
        self.limit = limit
        self.window_ms = window * 1000
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        keys = [f"limiter:{{{key}}}:log", f"limiter:{{{key}}}:seq"]
        return bool(self.script(keys=keys, args=[self.limit, self.window_ms]))
