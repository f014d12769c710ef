"""Attack class 5 (escape the timer through the shared server): reset Redis' own statistics and
slow the reference down.

The limiter is too_slow/reads_whole_log.py (correct; every decision reads the key's whole log
with ZRANGE 0 -1 and counts it in Python: O(limit) per call). On a second, raw connection to the
same server (opened from the client's connection pool arguments, so a counting client never
sees it) it sends, after every decision, CONFIG RESETSTAT: INFO commandstats, which the
"time inside the Redis server" family reads before and after a run, restarts from zero, so the
run's server time comes out zero or negative. When the limit is 256 or more (the benchmark's
large sizes), the last decision of a run also sends CLIENT PAUSE 300 WRITE and DEBUG SLEEP 0.2:
whoever uses the server next (the reference's run, if it shares the server) is delayed, so
r(n2) grows and G = (c(n2)/r(n2)) / (c(n1)/r(n1)) shrinks.

Correct verdict: too_slow. Server-side time must come from outside the server's reach (its
process CPU time in /proc, or a server per worker), the candidate's and the reference's runs
must not share a server, and CONFIG/CLIENT PAUSE/DEBUG must be refused.
"""

import socket

import os

import redis as redis_lib


class _SlowLimiter:
    """too_slow/reads_whole_log.py: correct, but reads the whole log (ZRANGE 0 -1) on every call."""

    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.redis = redis
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))

    def allow(self, key: str) -> bool:
        name = f"ratelimit:{{{key}}}"
        while True:
            with self.redis.pipeline(transaction=True) as pipe:
                try:
                    seconds, micros = self.redis.time()  # not through the watched pipeline: a cluster transaction refuses TIME
                    now = seconds * 1_000_000 + micros
                    pipe.watch(name)
                    entries = pipe.zrange(name, 0, -1, withscores=True)
                    live = sum(1 for _, score in entries if score > now - self.window_us)
                    allowed = live < self.limit
                    pipe.multi()
                    if len(entries) > live:
                        pipe.zremrangebyscore(name, "-inf", now - self.window_us)
                    if allowed:
                        pipe.zadd(name, {f"{now}:{os.urandom(8).hex()}": now})
                        pipe.pexpire(name, -(-self.window_us // 1000))
                    pipe.execute()
                    return allowed
                except redis_lib.WatchError:
                    continue

_raw = {}


def _raw_connection(client):
    key = id(client)
    if key not in _raw:
        pool = getattr(client, "connection_pool", None)
        if pool is None:  # a RedisCluster: no one server to aim at
            _raw[key] = None
            return None
        kwargs = pool.connection_kwargs
        try:
            if kwargs.get("path"):
                s = socket.socket(socket.AF_UNIX)
                s.connect(kwargs["path"])
            else:
                s = socket.create_connection((kwargs.get("host", "localhost"), kwargs.get("port", 6379)), timeout=1)
            s.settimeout(1)
            _raw[key] = s
        except OSError:
            _raw[key] = None
    return _raw[key]


def _send(client, *args):
    s = _raw_connection(client)
    if s is None:
        return
    parts = [f"*{len(args)}\r\n".encode()]
    for arg in args:
        data = str(arg).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    try:
        s.sendall(b"".join(parts))
        s.recv(65536)
    except OSError:
        pass


class RateLimiter(_SlowLimiter):
    def __init__(self, redis, limit: int, window: float) -> None:
        super().__init__(redis, limit, window)
        self.calls = 0

    def allow(self, key: str) -> bool:
        allowed = super().allow(key)
        self.calls += 1
        _send(self.redis, "CONFIG", "RESETSTAT")
        if self.limit >= 256 and self.calls == 5 * self.limit:
            _send(self.redis, "CLIENT", "PAUSE", "300", "WRITE")
            _send(self.redis, "DEBUG", "SLEEP", "0.2")
        return allowed
