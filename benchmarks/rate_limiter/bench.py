"""Complexity benchmark for rate_limiter: one round trip per decision, cheap inside Redis.

n is the limit. A run fills one key's window with n allowed calls, then makes 4n calls
that are denied (the window is an hour, so nothing leaves it): 5n decisions (2n in the family
timed inside Redis). A
sliding-log decision costs O(log n) in Redis and one round trip, so the run grows like n;
a solution that reads the whole log, or makes a round trip per entry, grows like n^2.
The work happens in the Redis server as well as in this process: a run is timed as this
process's CPU time plus the time the server spent executing the run's commands (a wall
clock also counted the time a busy machine kept either process waiting, which grows with
the round trips a decision makes: a correct WATCH/MULTI limiter failed on it with both
cores busy). One family is timed by the server's time alone, which leaves out the round
trip: O(n) work inside Redis per decision shows there even when each step is cheap. The
round trips themselves are counted (COUNT_FAMILIES).
"""

from __future__ import annotations

import random

import redis

from harness.sandbox.benchkit import Answers, Family, counting_redis, redis_server_time
from harness.sandbox.benchkit import redis_url

TARGET = "allow: one round trip to Redis per decision, O(log n) work in Redis for n calls in the window"
TIMER = "process+redis"
WINDOW_S = 3600.0

_clients: dict[str, object] = {}


def full_window(n: int, rng: random.Random) -> dict:
    return {"limit": n, "counted": False, "denied": 4}


def full_window_then_n_denied(n: int, rng: random.Random) -> dict:
    # n denied calls are enough to show O(n) work per call inside Redis, and each run costs
    # 2n round trips of wall time instead of 5n (watch_multi makes several per decision).
    return {"limit": n, "counted": False, "denied": 1}


def counted_full_window(n: int, rng: random.Random) -> dict:
    return {"limit": n, "counted": True, "denied": 4}


def _client(counted: bool):
    key = "counted" if counted else "plain"
    if key not in _clients:
        _clients[key] = counting_redis(redis_url()) if counted else redis.Redis.from_url(redis_url())
    return _clients[key]


def run(module, workload) -> tuple[int, Answers]:
    """The decisions, each checked against the reference's."""
    limit = workload["limit"]
    client = _client(workload["counted"])
    _client(False).flushdb()
    limiter = module.RateLimiter(client, limit, WINDOW_S)
    allow = limiter.allow
    calls = (1 + workload["denied"]) * limit
    answers = Answers()
    add = answers.append
    for _ in range(calls):
        add(allow("bench-user"))
    return calls, answers


FAMILIES = [
    # Time inside the Redis server (INFO commandstats): no round trip to dilute O(n) work
    # done in Redis, such as a Lua loop over the whole log (held-out solutions hid one here).
    Family("work inside Redis, a full window, then n denied calls", (16, 1024), full_window_then_n_denied, unit="limit",
           timer=redis_server_time(redis_url), timer_name="time inside the Redis server", sample_s=0.001, rounds=5),
    # Smaller: the server-time family above already sees O(n) work; this one adds what the
    # client pays (round trips, work in Python) and the decisions per second.
    Family("a full window: n allowed calls, then 4n denied", (8, 128), full_window, unit="limit"),
]

COUNT_FAMILIES = [
    Family("round trips, a full window", (16, 128), counted_full_window, unit="limit", label="round trips to Redis"),
]
