"""Distributed rate limiter.
`drill show rate_limiter` prints the full statement.
"""


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        """redis: a redis.Redis client;
        at most `limit` allowed calls per key in any `window` seconds.
        """
        raise NotImplementedError("RateLimiter.__init__")

    def allow(self, key: str) -> bool:
        """True if this call for `key` is allowed (and counted),
        False if the key is over its limit.
        """
        raise NotImplementedError("RateLimiter.allow")
