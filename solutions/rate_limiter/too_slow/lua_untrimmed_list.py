"""From the held-out check (solutions written without seeing the kit's), which the complexity
benchmark first accepted: its O(n) work happens inside Redis, hidden by the round trip in
wall-clock time; measuring time inside the Redis server (INFO commandstats) catches it.

Slow: one round trip, Lua keeps every grant ever made in a LIST (never trimmed while the key stays active) and counts the window by scanning it from the oldest entry: O(total grants) per call and unbounded memory. Expect too_slow.
"""
import math

_SCRIPT = """
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2])
local ttl_ms = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local all = redis.call('LRANGE', key, 0, -1)
local used = 0
for i = 1, #all do
  if tonumber(all[i]) > now - window_us then used = used + 1 end
end
if used < limit then
  redis.call('RPUSH', key, string.format('%.0f', now))
  redis.call('PEXPIRE', key, ttl_ms)
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
        self.args = [int(limit), repr(window * 1_000_000), max(1, math.ceil(window * 1000)) + 1]
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        return self.script(keys=["rlall:" + key], args=self.args) == 1
