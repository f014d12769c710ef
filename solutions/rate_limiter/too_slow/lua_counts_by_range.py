"""From the held-out check (solutions written without seeing the kit's), which the complexity
benchmark first accepted: its O(n) work happens inside Redis, hidden by the round trip in
wall-clock time; measuring time inside the Redis server (INFO commandstats) catches it.

Slow (subtle): one Lua script with server TIME and a unique member, but it counts the window with #ZRANGEBYSCORE (materialises all n entries, O(n) in Redis) instead of ZCARD/ZCOUNT; no trim until the TTL. Expect too_slow.
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

    def allow(self, key: str) -> bool:
        k = "rlzr:{" + key + "}"
        return bool(self.script(keys=[k, k + ":seq"],
                                args=[self.limit, repr(self.window_us), self.ttl_ms]))
