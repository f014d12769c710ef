"""rate_limiter reference against the `limits` library's moving window (a sliding log in a
Redis list, by Lua), on the same private Redis server, and on the same private 3-master
Redis Cluster (redis-py's RedisCluster for both; limits' RedisClusterStorage): decisions per
second for one client and for several processes deciding at once, and round trips per
decision (counted through the client, on the single server). Wall time, since most of the work is in the Redis server. Both use
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
from redis.cluster import RedisCluster

from harness.sandbox.benchkit import Counter, counting_redis
from harness.maintain.peers import Contender, PeersError, Timed, Workload
from harness.services.redis.cluster import redis_cluster
from harness.services.redis.server import redis_server

LIMIT = 100
PROCESSES = 4
NOTES: dict[str, str] = {}


@dataclass(frozen=True)
class Servers:
    url: str  # the single server
    cluster: list[tuple[str, int]]  # the cluster's masters, as it names them
    cluster_urls: list[str]  # their own unix sockets, to empty them between runs


@contextmanager
def environment():
    with redis_server() as url, redis_cluster() as nodes:
        yield Servers(url, [(n.host, n.port) for n in nodes], [n.url for n in nodes])


@dataclass(frozen=True)
class Calls:
    keys: list[str]
    processes: int
    cluster: bool


def calls(users: int, processes: int = 1, *, cluster: bool = False):
    def build(n: int, rng: random.Random) -> Calls:
        return Calls([f"user-{rng.randrange(users)}" for _ in range(n)], processes, cluster)

    return build


def _workload(name: str, build) -> Workload:
    return Workload(name, (20_000,), build, smoke_size=300, unit="decisions", timer="wall time", show_rate=True)


WORKLOADS = [
    _workload("one client, 50 users, limit 100/hour", calls(50)),
    _workload("one client, 5,000 users, limit 100/hour", calls(5000)),
    _workload(f"{PROCESSES} processes at once, 50 users, limit 100/hour", calls(50, PROCESSES)),
    _workload(f"{PROCESSES} processes at once, 5,000 users, limit 100/hour", calls(5000, PROCESSES)),
    _workload("Redis Cluster (3 masters), one client, 5,000 users, limit 100/hour", calls(5000, cluster=True)),
    _workload(f"Redis Cluster (3 masters), {PROCESSES} processes at once, 5,000 users", calls(5000, PROCESSES, cluster=True)),
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
    def reference_factory(servers: Servers, client: object, cluster: bool):
        limiter = reference.RateLimiter(client, LIMIT, 3600.0)
        return limiter.allow

    def limits_factory(servers: Servers, client: object, cluster: bool):
        if cluster:
            where = ",".join(f"{host}:{port}" for host, port in servers.cluster)
            storage = limits.storage.RedisClusterStorage(f"redis+cluster://{where}")
        else:
            storage = limits.storage.RedisStorage("redis+unix://" + servers.url.removeprefix("unix://"),
                                                  connection_pool=client.connection_pool)
        moving = limits.strategies.MovingWindowRateLimiter(storage)
        item = limits.RateLimitItemPerHour(LIMIT)
        return lambda key: moving.hit(item, key)

    def client_for(servers: Servers, cluster: bool):
        if cluster:
            host, port = servers.cluster[0]
            return RedisCluster(host=host, port=port)
        return redis.Redis.from_url(servers.url)

    def empty(servers: Servers, cluster: bool) -> None:
        for url in servers.cluster_urls if cluster else [servers.url]:
            with redis.Redis.from_url(url) as node:
                node.flushall()

    def runner(name: str, factory):
        def run(data) -> Timed:
            servers, work = data
            empty(servers, work.cluster)
            if name not in NOTES:
                _round_trips(name, lambda: factory(servers, counting_redis(servers.url), False), work.keys)
                empty(servers, False)
            if work.processes > 1:
                return _in_processes(lambda: factory(servers, client_for(servers, work.cluster), work.cluster), work.keys, work.processes)
            decide = factory(servers, client_for(servers, work.cluster), work.cluster)
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
