"""Attack class 5 (escape the timer): the same cost added to every run, whatever its size.

The limiter is too_slow/lua_counts_by_range.py (correct; it counts the window with
#ZRANGEBYSCORE, O(n) inside Redis per decision). Its constructor also runs a Lua loop of about
10 ms inside Redis, and the bench builds one limiter per run. The loop lifts the run's time at
limit 16 far more than at limit 1,024, so c(n1)/r(n1) rises to meet c(n2)/r(n2): from the two
sizes alone, the "work inside Redis" family gave G 0.39, E -11, 7.3x the reference at 1,024: a
pass. It needs no knowledge of the sizes.

Correct verdict: too_slow. A pass over 2x the reference's time is measured again at a third size
(complexity.marginal_growth), where the padding cancels in the differences of times: G_d 2.2,
E_d 4.9.
"""
import math

_SCRIPT = """
local key = KEYS[1]
local seqkey = KEYS[2]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2])
local ttl_ms = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local inside = redis.call('ZRANGEBYSCORE', key, '(' .. string.format('%.0f', now - window_us), '+inf')
if #inside < limit then
  local seq = redis.call('INCR', seqkey)
  redis.call('ZADD', key, string.format('%.0f', now), string.format('%.0f', now) .. ':' .. seq)
  redis.call('PEXPIRE', key, ttl_ms)
  redis.call('PEXPIRE', seqkey, ttl_ms)
  return 1
end
return 0
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float):
        if limit < 1:
            raise ValueError("limit must be >= 1")
        if not window > 0:
            raise ValueError("window must be > 0")
        self.redis = redis
        self.limit = int(limit)
        self.window_us = window * 1_000_000
        self.ttl_ms = max(1, math.ceil(window * 1000)) + 1
        self.script = redis.register_script(_SCRIPT)
        redis.eval("local x = 0 for i = 1, 1500000 do x = x + i end return 1", 0)  # padding, inside Redis

    def allow(self, key: str) -> bool:
        k = "rlzr:{" + key + "}"
        return bool(self.script(keys=[k, k + ":seq"],
                                args=[self.limit, repr(self.window_us), self.ttl_ms]))
