"""Mistake for this contract: the sliding-window *counter* approximation (Cloudflare's): two fixed
windows, the previous one weighted by how much of it still overlaps the sliding window. It uses
O(1) memory per key but is not exact: right after a window boundary it underestimates a burst
that came at the end of the previous window, and allows more than `limit` calls in one window."""

_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local window = tonumber(ARGV[2])
local n = math.floor(now / window)
local cur_key = KEYS[1] .. ':' .. n
local prev_key = KEYS[1] .. ':' .. (n - 1)
local cur = tonumber(redis.call('GET', cur_key) or '0')
local prev = tonumber(redis.call('GET', prev_key) or '0')
local weight = 1 - (now - n * window) / window
if prev * weight + cur < tonumber(ARGV[1]) then
    redis.call('INCR', cur_key)
    redis.call('PEXPIRE', cur_key, math.ceil(2 * window * 1000))
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
        return self.script(keys=[f"swc:{key}"], args=[self.limit, self.window]) == 1
