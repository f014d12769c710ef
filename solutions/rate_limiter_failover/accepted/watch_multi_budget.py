"""Accepted: an optimistic transaction (WATCH/MULTI/EXEC) instead of a script, with the same
budget: every error of a master that is down is retried for up to 1.5 s, then the call fails open.

TIME is read from the key's own master (target_nodes on a RedisCluster), so no other master's
trouble reaches this key's decisions; a WatchError (another client won the race) starts over at
once and is not an error. redis-py tries each command once (set_retry with 0 retries): the budget
is kept here, with the clock read at the start of the call.
"""

import time
import uuid

import redis as redis_py
from redis.backoff import NoBackoff
from redis.exceptions import (AskError, ClusterError, ConnectionError, MovedError, ReadOnlyError, RedisClusterException,
                              TimeoutError, TryAgainError)
from redis.retry import Retry

BUDGET_S = 1.5
PAUSE_S = 0.05
# redis-py turns the cluster's error replies into these classes (and drops the code from the
# message: a CLUSTERDOWN reply is a ClusterDownError saying "The cluster is down"). ClusterError
# covers CLUSTERDOWN and MASTERDOWN, ConnectionError covers LOADING.
TRANSIENT = (ConnectionError, TimeoutError, RedisClusterException, ClusterError, TryAgainError, MovedError, AskError,
             ReadOnlyError)


class RateLimiter:
    def __init__(self, redis, limit: int, window: float) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        redis.set_retry(Retry(NoBackoff(), 0))
        self.redis = redis
        self.limit = limit
        self.window_us = max(1, round(window * 1_000_000))
        self.ttl_ms = max(1, -(-self.window_us // 1000))

    def _now_us(self, name: str) -> int:
        if hasattr(self.redis, "get_node_from_key"):  # a RedisCluster: the clock of the key's master
            seconds, micros = self.redis.time(target_nodes=self.redis.get_node_from_key(name))
        else:
            seconds, micros = self.redis.time()
        return seconds * 1_000_000 + micros

    def _decide(self, name: str) -> bool:
        with self.redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    now = self._now_us(name)
                    pipe.watch(name)
                    allowed = pipe.zcount(name, f"({now - self.window_us}", "+inf") < self.limit
                    pipe.multi()
                    pipe.zremrangebyscore(name, "-inf", now - self.window_us)
                    if allowed:
                        pipe.zadd(name, {f"{now}:{uuid.uuid4().hex}": now})
                        pipe.pexpire(name, self.ttl_ms)
                    pipe.execute()
                    return allowed
                except redis_py.WatchError:
                    continue

    def allow(self, key: str) -> bool:
        name = f"rl:watch:{{{key}}}"
        deadline = time.monotonic() + BUDGET_S
        while True:
            try:
                return self._decide(name)
            except TRANSIENT:
                pass
            if time.monotonic() + PAUSE_S >= deadline:
                return True  # fail open, recorded nowhere
            time.sleep(PAUSE_S)
