"""rate_limiter reference against the `limits` library's moving window (a sliding log in a
Redis list, by Lua), on the same private Redis server. Decisions per second for one
client, and round trips per decision (counted through the client). Both use a one-hour
window, so every key allows exactly `limit` calls: the checksum is the number allowed."""

from __future__ import annotations

import random
from contextlib import contextmanager

import limits
import limits.storage
import limits.strategies
import redis

from harness.benchkit import Counter, counting_redis
from harness.peers import Contender, Workload
from harness.redis_server import redis_server

LIMIT = 100
NOTES: dict[str, str] = {}


@contextmanager
def environment():
    with redis_server() as url:
        yield url


def calls(keys: int):
    def build(n: int, rng: random.Random) -> list[str]:
        return [f"user-{rng.randrange(keys)}" for _ in range(n)]

    return build


WORKLOADS = [
    Workload("one client, 50 users, limit 100/hour", (20_000,), calls(50), smoke_size=300, unit="decisions"),
    Workload("one client, 5,000 users, limit 100/hour", (20_000,), calls(5000), smoke_size=300, unit="decisions"),
]


def _round_trips(name: str, make, keys: list[str]) -> None:
    Counter.reset()
    decide = make()
    for key in keys[:200]:
        decide(key)
    NOTES[name] = f"{Counter.operations / 200:.1f} round trips per decision"


def contenders(reference):
    def reference_factory(url: str, client: object):
        limiter = reference.RateLimiter(client, LIMIT, 3600.0)
        return limiter.allow

    def limits_factory(url: str, client: object):
        storage = limits.storage.RedisStorage("redis+unix://" + url.removeprefix("unix://"), connection_pool=client.connection_pool)
        moving = limits.strategies.MovingWindowRateLimiter(storage)
        item = limits.RateLimitItemPerHour(LIMIT)
        return lambda key: moving.hit(item, key)

    def runner(name: str, factory):
        def run(data) -> int:
            url, keys = data
            client = redis.Redis.from_url(url)
            client.flushdb()
            if name not in NOTES:
                _round_trips(name, lambda: factory(url, counting_redis(url)), keys)
                client.flushdb()
            decide = factory(url, client)
            return sum(1 for key in keys if decide(key))

        return run

    return {
        "reference": Contender("reference", runner("reference", reference_factory)),
        "limits MovingWindowRateLimiter (Redis)": Contender("pure Python", runner("limits", limits_factory)),
    }
