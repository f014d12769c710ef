"""Mistake on a Redis Cluster: two keys per user (a log and a sequence counter) without a hash tag.

accepted/lua_sequence_member.py with plain key names: `limiter:log:<key>` and `limiter:seq:<key>`.
On one server that is fine. On a Redis Cluster each key hashes to its own slot, almost always
two different ones, and a script may only touch keys of one slot: redis-py refuses to send it
(RedisClusterException: "EVAL - all keys must map to the same key slot"; the server itself would
answer CROSSSLOT). Name them `limiter:{<key>}:log` and `limiter:{<key>}:seq`: only the part in
braces is hashed, so both land in the user's slot.

Correct verdict: runtime_error (in the Redis Cluster stage), with a message about hash tags.
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
        keys = [f"limiter:log:{key}", f"limiter:seq:{key}"]
        return bool(self.script(keys=keys, args=[self.limit, self.window_ms]))
