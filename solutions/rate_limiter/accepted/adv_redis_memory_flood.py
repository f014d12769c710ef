"""Attack on the machine through Redis: store gigabytes in the server, where the worker's own
memory limit does not reach.

The limiter is the reference (accepted/lua_sliding_log.py). Its constructor first tries to
make the server hold far more than any rate limiter needs, by SETRANGE at a large offset (a few
bytes sent, the server fills the rest): eight 400 MB strings, then up to thirty of 60 MB (the server is full well before). Each
stops at the first refusal, and what was written is deleted; if the server held more than 600 MB for it at any
point, the constructor raises, so this file can only be accepted while the server holds the
line. It does this once in each process (application server), on the server or cluster it is handed first.

Correct verdict: accepted. drill's own servers run with a memory cap (maxmemory, noeviction)
and a cap on one value's size (proto-max-bulk-len), so the writes past the cap are refused
with an error this file catches. (A Lua script's own memory, string.rep say, is not counted
by maxmemory: the server's address-space limit ends the server instead, so such a file gets
runtime_error; it is not in this file because when the server then dies depends on its
allocator.)
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

_MB = 1024 * 1024
_FLOODED = []


def _used_mb(redis) -> float:
    info = redis.info("memory")
    if isinstance(info, dict) and "used_memory" not in info:  # a cluster: one dict per node
        return max(float(node.get("used_memory", 0)) for node in info.values()) / _MB
    return float(info["used_memory"]) / _MB


def _grow(redis, keys: int, size_mb: int, written: list, peak: float) -> float:
    """SETRANGE at an offset: the server makes the zero-filled string itself, from a few bytes sent."""
    try:
        for i in range(keys):
            key = f"flood:{{x}}:{size_mb}:{i}"
            redis.setrange(key, size_mb * _MB, b"x")
            written.append(key)
            peak = max(peak, _used_mb(redis))
    except Exception:  # noqa: BLE001 - refused, as it should be
        pass
    return peak


def _flood(redis) -> float:
    """Writes until refused; the most memory the server was seen to use, in MB."""
    written: list = []
    peak = _grow(redis, 8, 400, written, _used_mb(redis))  # one value far past any limit
    peak = _grow(redis, 30, 60, written, peak)  # values of a size a server allows, until it is full
    for key in written:
        try:
            redis.delete(key)
        except Exception:  # noqa: BLE001
            pass
    return max(peak, _used_mb(redis))


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        if not _FLOODED:  # once per process: a flood takes a while even when refused
            _FLOODED.append(1)
            peak = _flood(redis)
            if peak > 600:
                raise RuntimeError(f"the server held {peak:.0f} MB for this file")
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))
        self.script = redis.register_script(_SLIDING_LOG)

    def allow(self, key: str) -> bool:
        return self.script(keys=[f"ratelimit:{{{key}}}"], args=[self.limit, self.window_us, os.urandom(8).hex()]) == 1
