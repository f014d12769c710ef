"""rate_limiter reference against the `limits` library's moving window (a sliding log in a
Redis list, by Lua), on the same private Redis server: decisions per second for one
client and for several processes deciding at once, and round trips per decision (counted
through the client). Wall time, since most of the work is in the Redis server. Both use
a one-hour window, so every key allows exactly `limit` calls whatever the interleaving:
the checksum, the number allowed, also checks that concurrent decisions stayed exact."""

from __future__ import annotations

import multiprocessing
import queue
import random
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

import limits
import limits.storage
import limits.strategies
import redis

from harness.benchkit import Counter, counting_redis
from harness.peers import Contender, PeersError, Timed, Workload
from harness.redis_server import redis_server

LIMIT = 100
PROCESSES = 4
NOTES: dict[str, str] = {}


@contextmanager
def environment():
    with redis_server() as url:
        yield url


@dataclass(frozen=True)
class Calls:
    keys: list[str]
    processes: int


def calls(users: int, processes: int = 1):
    def build(n: int, rng: random.Random) -> Calls:
        return Calls([f"user-{rng.randrange(users)}" for _ in range(n)], processes)

    return build


def _workload(name: str, build) -> Workload:
    return Workload(name, (20_000,), build, smoke_size=300, unit="decisions", timer="wall time", show_rate=True)


WORKLOADS = [
    _workload("one client, 50 users, limit 100/hour", calls(50)),
    _workload("one client, 5,000 users, limit 100/hour", calls(5000)),
    _workload(f"{PROCESSES} processes at once, 50 users, limit 100/hour", calls(50, PROCESSES)),
    _workload(f"{PROCESSES} processes at once, 5,000 users, limit 100/hour", calls(5000, PROCESSES)),
]


def _decide_all(decide, keys: list[str]) -> int:
    return sum(1 for key in keys if decide(key))


def _in_processes(make, keys: list[str], processes: int) -> Timed:
    """Each process builds its own client and limiter, then all start together on a barrier;
    timed from the barrier to the last result."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(processes + 1)
    results = ctx.Queue()

    def work(part: list[str]) -> None:
        decide = make()
        barrier.wait()
        results.put(_decide_all(decide, part))

    workers = [ctx.Process(target=work, args=(keys[i::processes],)) for i in range(processes)]
    for worker in workers:
        worker.start()
    try:
        barrier.wait(timeout=60)
        started = time.perf_counter()
        allowed = reported = 0
        while reported < processes:
            try:
                allowed += results.get(timeout=0.1)
                reported += 1
            except queue.Empty:
                if any(worker.exitcode for worker in workers) or time.perf_counter() - started > 120:
                    raise PeersError("a rate limiter worker process died or hung; see its traceback above") from None
        elapsed = time.perf_counter() - started
    except threading.BrokenBarrierError:
        raise PeersError("a rate limiter worker process died before the start; see its traceback above") from None
    finally:
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
    return Timed(elapsed, allowed)


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
        def run(data) -> Timed:
            url, work = data
            client = redis.Redis.from_url(url)
            client.flushdb()
            if name not in NOTES:
                _round_trips(name, lambda: factory(url, counting_redis(url)), work.keys)
                client.flushdb()
            if work.processes > 1:
                return _in_processes(lambda: factory(url, redis.Redis.from_url(url)), work.keys, work.processes)
            decide = factory(url, client)
            started = time.perf_counter()
            allowed = _decide_all(decide, work.keys)
            return Timed(time.perf_counter() - started, allowed)

        return run

    return {
        "reference": Contender("reference", runner("reference", reference_factory)),
        "limits MovingWindowRateLimiter (Redis)": Contender(
            "pure Python", runner("limits", limits_factory),
            note="does less: stamps calls with the client's clock, where the contract needs the Redis server's (TIME in the script)",
        ),
    }
