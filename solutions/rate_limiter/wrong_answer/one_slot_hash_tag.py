"""Mistake on a Redis Cluster: a hash tag that is the same for every user, `{ratelimit}:<key>`.

Every decision is right, on one server and on a cluster: each user still has a key of their own,
and one script touches one key. But only the part in braces is hashed, so every user's key is
in one slot, on one node: the cluster holds the whole limiter on one master, and adding nodes
spreads none of its load. The tag must be the user (`ratelimit:{<key>}`), so that one user's keys
share a slot and different users' keys do not.

Correct verdict: wrong_answer (the Redis Cluster stage checks how users spread over the slots).
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
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))
        self.script = redis.register_script(_SLIDING_LOG)

    def allow(self, key: str) -> bool:
        return self.script(keys=[f"{{ratelimit}}:{key}"], args=[self.limit, self.window_us, os.urandom(8).hex()]) == 1
