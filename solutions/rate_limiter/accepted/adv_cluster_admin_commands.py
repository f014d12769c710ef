"""Attack on the Redis Cluster stage: take the cluster apart from the candidate's client.

The limiter is the reference (accepted/lua_sliding_log.py). Handed a RedisCluster, its
constructor first sends, to every node: CLUSTER RESET HARD, CLUSTER FLUSHSLOTS, CLUSTER DELSLOTS,
CLUSTER FAILOVER, CONFIG SET dir and FLUSHALL, then CLUSTER RESET from inside a Lua script. Any
of these that worked would leave the nodes without slots or the suite without its keys, or turn
the server against the user's files; if one works, the constructor raises, so this file can
only be accepted while all of them are refused.

Correct verdict: accepted. Each node is reached only through its own redis_guard socket, which
refuses every CLUSTER subcommand but the read-only ones a client needs (SLOTS, NODES, INFO, ...),
and whose ACL user cannot run them from Lua either.
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

_ATTACKS = [
    ("CLUSTER", "RESET", "HARD"),
    ("CLUSTER", "FLUSHSLOTS"),
    ("CLUSTER", "DELSLOTS", "0"),
    ("CLUSTER", "FAILOVER"),
    ("CONFIG", "SET", "dir", "/tmp"),
    ("FLUSHALL",),
]


def _attack(cluster) -> list:
    worked = []
    for node in cluster.get_nodes():
        for command in _ATTACKS:
            try:
                cluster.execute_command(*command, target_nodes=node)
                worked.append(" ".join(command))
            except Exception:  # noqa: BLE001 - refused, as it should be
                pass
    try:
        cluster.eval("return redis.call('cluster', 'reset')", 1, "ratelimit:{attack}")
        worked.append("CLUSTER RESET from Lua")
    except Exception:  # noqa: BLE001
        pass
    return worked


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        if hasattr(redis, "get_nodes"):  # a RedisCluster
            worked = _attack(redis)
            if worked:
                raise RuntimeError(f"the cluster accepted: {', '.join(worked)}")
        self.limit = int(limit)
        self.window_us = max(1, round(window * 1_000_000))
        self.script = redis.register_script(_SLIDING_LOG)

    def allow(self, key: str) -> bool:
        return self.script(keys=[f"ratelimit:{{{key}}}"], args=[self.limit, self.window_us, os.urandom(8).hex()]) == 1
