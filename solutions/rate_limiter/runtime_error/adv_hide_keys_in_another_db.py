"""Attack class 2/4 (make the check look elsewhere): keep the un-expiring log in database 15.

A sliding-window log in one Lua script, atomic and timed by the server clock, like the
reference, with one difference: the log lives in database 15 (the script does SELECT 15, works,
then SELECT 0) and has NO TTL, so it grows forever. To pass a TTL check that scans only the
current database, each user key also has a decoy in database 0, "ratelimit:{key}:<limit>:<window>",
holding a random epoch and a TTL of one window (renewed on every call). The epoch names the log
in database 15: when the judge flushes database 0 between tests, or a key is idle for a window
(all its grants are then outside the window anyway), a fresh epoch starts an empty log, so
every decision stays right. FLUSHDB only empties database 0, so database 15 keeps every old
log.

Correct verdict: wrong_answer: keys without a TTL are written (the rule "every key the limiter
writes has a TTL"). The suite must check every database (INFO keyspace, or SCAN in each), or
the judge's server must have `databases 1` (then SELECT 15 fails and this file is a
runtime_error, which would also be a correct refusal; with the present suite, a judge that
allows SELECT and checks only db 0 accepts it).
"""

import os

_SCRIPT = """
local decoy = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2])
local epoch = redis.call('GET', decoy)
if not epoch then
    epoch = ARGV[3]
    redis.call('SET', decoy, epoch)
end
redis.call('PEXPIRE', decoy, math.ceil(window_us / 1000))
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('SELECT', 15)
local log = 'adv:log:' .. epoch
redis.call('ZREMRANGEBYSCORE', log, '-inf', now - window_us)
local allowed = 0
if redis.call('ZCARD', log) < limit then
    redis.call('ZADD', log, now, t[1] .. '.' .. t[2] .. ':' .. ARGV[4])
    allowed = 1
end
redis.call('SELECT', 0)
return allowed
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))
        self.script = redis.register_script(_SCRIPT)

    def allow(self, key: str) -> bool:
        decoy = f"ratelimit:{{{key}}}:{self.limit}:{self.window_us}"
        allowed = self.script(keys=[decoy], args=[self.limit, self.window_us, os.urandom(8).hex(), os.urandom(8).hex()])
        return allowed == 1
