"""Attack class 6 (timeouts): make the Redis server spin instead of the worker.

allow() runs EVAL "while true do end" 0: the server executes the script forever (a Lua script
is never preempted; after lua-time-limit other clients only get BUSY errors), while the worker
waits on its socket using no CPU. A CPU-time limit on the worker never fires, and the server
stays blocked for every later test and for the next judged file unless the judge recovers it
(SCRIPT KILL, or a fresh server).

Correct verdict: time_limit_exceeded: the wall-clock backstop ends the test. A kit test should
check that the next run (another file) gets a working Redis.
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.redis = redis
        self.limit = limit
        self.window = window

    def allow(self, key: str) -> bool:
        self.redis.eval("local i = 0 while true do i = i + 1 end", 0)
        return True
