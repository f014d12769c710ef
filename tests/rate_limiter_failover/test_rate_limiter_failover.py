"""Hidden suite for rate_limiter_failover: the base problem's limiter on a Redis Cluster of 3
masters with one replica each (problem.toml: redis_cluster_replicas = 1), while a master dies.

Each cluster test kills one master (SIGKILL, from the trusted side: the candidate's worker cannot
signal it) after a seeded number of calls, keeps its replica from taking over while the calls
that must find no master are made (CONFIG SET cluster-replica-no-failover yes, on the replica's
own socket), then lets it fail over by itself and waits for every node to agree. Three tests,
three masters, three moments. In the first, the whole cluster then goes down as well (the judge
turns on cluster-require-full-coverage, Redis's default, so every master answers CLUSTERDOWN),
and a call on another master's key must fail open the same way. Before the kill the judge waits until the replica has
acknowledged every write (its offset equals the master's), so no grant is lost and the limit
must hold exactly after the failover.

Judged by invariants: a call on the dead master's slot must not raise, must return True (fail
open) and must have retried at least MIN_RETRY_S (measured from outside, so at least what the
candidate measured); one that took longer than BUDGET_S + LATE_S counts against the candidate only
if the reference's own call on that slot, made right after, was on time, else the run is
undecided. Calls on the other masters' slots, and every call after the failover (after one call
on the victim's slots, which lets the client find the new master), must follow the exact limit.

Each test attaches a fault report of the calls from the kill on, measured here: availability,
errors that reached the caller, calls over the limit (as the caller saw them: a call allowed after
the key had already been allowed LIMIT times in the window, such as a grant failed open that the
new master never saw), p50 and p99 latency, and round trips per call, counted at the guards of
the cluster's nodes (testing.round_trips).

The base problem's rules that are cheap to check run on one server: every key has a TTL of at
most 3 windows, and the window is read on the Redis server's clock (a process whose clock runs
30 s fast shares the limit with one whose clock is true).
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import time
from dataclasses import dataclass
from typing import Any

import pytest
import redis as redis_py
from rate_limiter import RateLimiter
from redis.crc import key_slot

from harness.services.redis.cluster import is_ready
from harness.authoring.testing import (JudgeFault, Raw, another_worker, attach_report, fail, redis_cluster, redis_cluster_nodes, redis_url,
                             reference, round_trips, undecided)

BUDGET_S = 1.5  # the statement's: a call on a slot with no master gives up within this, and is allowed
MIN_RETRY_S = 1.0  # the statement's: and it retries for at least this long first
LATE_S = 0.5  # slack for messaging and scheduling before a late call is looked at
STALLED_S = BUDGET_S + LATE_S  # the reference's probe took this long: the machine was slow
LIMIT = 3
WINDOW = 3600
SEEDS = [4, 6, 3]  # one per master (test i kills master i), picked so that the kill comes after 1, 2 and 4 calls
WHOLE_CLUSTER_DOWN = 0  # the test (by master) in which the whole cluster then answers CLUSTERDOWN
SKEW_S = 30.0  # how fast the other process's clocks run in the server-clock check
CLOCK_WINDOW = 5.0  # that check's window: its two calls are milliseconds apart, far inside it
CLOCK_ATTEMPTS = 3  # a pair of calls further apart than the window leaves the check undecided; try again
EPS = 0.03  # slack for comparing the Redis server's clock with ours

SLOTS = 16384
NAMES = [f"user{i}" for i in range(200)]


def master_of_slot(slot: int) -> int:
    """Which of the 3 masters drill's cluster gave this slot (its ranges, in order)."""
    return min(slot // (SLOTS // 3), 2)


def users_on(master: int, count: int, rng: random.Random) -> list[str]:
    names = [n for n in NAMES if master_of_slot(key_slot(n.encode())) == master]
    return rng.sample(names, count)


class Admin:
    """The judge's view of the cluster, for the whole run: a client per node on its own socket
    (not the candidate's guard), and which nodes it has killed."""

    def __init__(self) -> None:
        self.nodes = redis_cluster_nodes()  # masters 0..2, then their replicas; waits for ok and synced replicas
        self.pids = [int(n.info("server")["process_id"]) for n in self.nodes]
        self.ports = [int(n.config_get("port")["port"]) for n in self.nodes]
        self.dead: set[int] = set()

    @property
    def alive(self) -> list[int]:
        return [i for i in range(len(self.nodes)) if i not in self.dead]

    def role(self, i: int) -> str:
        return self.nodes[i].info("replication")["role"]

    def a_master(self) -> int:
        return next(i for i in self.alive if self.role(i) == "master")

    def flush(self) -> None:
        for i in self.alive:
            if self.role(i) == "master":
                self.nodes[i].flushall()

    def replica_of(self, master: int) -> int:
        for i in self.alive:
            node = self.nodes[i]
            if i != master and self.role(i) == "slave" and int(node.info("replication")["master_port"]) == self.ports[master]:
                return i
        raise JudgeFault(f"master {master} of the cluster has no replica")

    def wait_synced(self, master: int, replica: int) -> None:
        """Until the replica has every write of the master (so that the kill loses none)."""
        deadline = time.monotonic() + 10
        while True:
            want = int(self.nodes[master].info("replication")["master_repl_offset"])
            if int(self.nodes[replica].info("replication").get("slave_repl_offset", -1)) >= want:
                return
            if time.monotonic() > deadline:
                raise JudgeFault("the replica did not catch up with its master within 10 s")
            time.sleep(0.005)

    def kill(self, i: int) -> None:
        pid = self.pids[i]
        self.dead.add(i)
        self.nodes[i].close()
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while _state(pid) not in ("Z", "X", None):
            if time.monotonic() > deadline:
                raise JudgeFault(f"cluster node {i} did not die after SIGKILL")
            time.sleep(0.005)

    def require_full_coverage(self, on: bool) -> None:
        """Turn cluster-require-full-coverage on (Redis's default: while a slot has no master, every
        master answers CLUSTERDOWN) or off on the live masters, and wait until they agree. The
        setting alone does not make a node look at its state again; CLUSTER SETSLOT ... STABLE (a
        no-op here: no slot is migrating) does."""
        masters = [i for i in self.alive if self.role(i) == "master"]
        for i in masters:
            self.nodes[i].config_set("cluster-require-full-coverage", "yes" if on else "no")
            self.nodes[i].execute_command("CLUSTER", "SETSLOT", 0, "STABLE")
        want = "fail" if on else "ok"
        deadline = time.monotonic() + 10
        while any(self.nodes[i].cluster("info")["cluster_state"] != want for i in masters):
            if time.monotonic() > deadline:
                raise JudgeFault(f"the live masters did not say cluster_state:{want} within 10 s of cluster-require-full-coverage "
                                 f"{'yes' if on else 'no'}")
            time.sleep(0.01)

    def wait_failover(self, replica: int | None = None) -> None:
        """Until `replica` is a master and every live node agrees; without `replica`, until any
        failover under way is done (a test that failed midway does not wait for its own, and the
        next kill would leave too few masters to elect its replica)."""
        deadline = time.monotonic() + 30
        while True:
            try:
                if ((replica is None or self.role(replica) == "master")
                        and is_ready([self.nodes[i].connection_pool.connection_kwargs["path"] for i in self.alive])):
                    return
            except redis_py.RedisError:
                pass
            if time.monotonic() > deadline:
                raise JudgeFault("the replica did not take over within 30 s of its master's death")
            time.sleep(0.02)


def _state(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    return data[data.rindex(b")") + 2:][:1].decode()


@pytest.fixture(scope="module")
def admin():
    view = Admin()
    yield view
    for i in view.alive:
        view.nodes[i].close()


def test_the_statement_example_on_one_server():
    """the base problem's example and its ValueErrors, on a single Redis server"""
    client = redis_py.Redis.from_url(redis_url())
    for limit, window in [(0, 60), (3, 0), (3, -1.0)]:
        try:
            RateLimiter(client, limit, window)
        except ValueError:
            continue
        fail(f"RateLimiter(redis, {limit}, {window}) must raise ValueError (limit < 1 or window <= 0)",
             expected=Raw("ValueError"), actual=Raw("no exception"))
    RateLimiter(client, 1, 0.001)  # valid: no exception
    limiter = RateLimiter(client, 3, 60)
    got = [limiter.allow(k) for k in ["alice"] * 4 + ["bob", "alice"]]
    if got != [True, True, True, False, True, False]:
        fail("RateLimiter(redis, 3, 60): allow('alice') x4, allow('bob'), allow('alice')",
             expected=[True, True, True, False, True, False], actual=got)


def test_the_base_rules_on_one_server():
    """the base problem's rules on a single Redis server: every key has a TTL of at most 3 windows, and the window is read on the Redis server's clock"""
    client = redis_py.Redis.from_url(redis_url())
    client.flushdb()
    window = 600.0
    limiter = RateLimiter(client, 2, window)
    calls = ["alice", "alice", "alice", "bob", "user:42"]
    for key in calls:
        limiter.allow(key)
    said = f"RateLimiter(redis, 2, {window:g}): " + ", ".join(f"allow({k!r})" for k in calls)
    ttls = {key: client.pttl(key) for key in client.scan_iter(count=1000)}
    if not ttls:
        fail("after these calls Redis holds no keys at all: the limiter must keep its state in the shared Redis",
             input=said, expected=Raw("the limiter's keys in Redis"), actual=Raw("no keys"))
    for key, pttl in sorted(ttls.items()):
        if pttl < 0 or pttl > 3 * window * 1000:
            fail(f"key {key!r} has {'no TTL' if pttl < 0 else f'a TTL of {pttl / 1000:,.0f} s'}: the base problem's rule is a "
                 f"TTL on every key, of at most 3 windows, so that nothing outlives the traffic (PEXPIRE about one window)",
                 input=said, expected=Raw(f"a TTL of at most {3 * window:g} s"), actual=Raw(f"PTTL {key!r} = {pttl}"))
    if max(ttls.values()) < (window - 60) * 1000:
        fail(f"every key expires within {max(ttls.values()) / 1000:,.0f} s, but a grant counts for the whole window of "
             f"{window:g} s: give the keys a TTL of at least the window", input=said,
             expected=Raw(f"a key with a TTL of about {window:g} s"), actual=Raw(repr(ttls)))

    # Two application servers, one with its clocks 30 s fast, share limit 1: each grant must block
    # the other's call made milliseconds later. Read on either process's clock, the fast one trims
    # the true one's grant as 30 s old, or does not count its own as inside the true one's window.
    fast = another_worker(skew_s=SKEW_S).RateLimiter(redis_py.Redis.from_url(redis_url()), 1, CLOCK_WINDOW)
    true = RateLimiter(client, 1, CLOCK_WINDOW)
    for attempt in range(CLOCK_ATTEMPTS):
        for first, second, who in [(true, fast, "the true clock's grant, then the fast clock's call"),
                                   (fast, true, "the fast clock's grant, then the true clock's call")]:
            key = f"clock-{attempt}-{'tf' if first is true else 'ft'}"
            sent = time.monotonic()
            got = [first.allow(key), second.allow(key)]
            if time.monotonic() - sent > CLOCK_WINDOW - EPS:
                break  # the second call may have come after the window: this attempt proves nothing
            if got != [True, False]:
                fail(f"two processes whose clocks disagree by {SKEW_S:g} s share one limit ({who}, milliseconds apart): "
                     f"use the Redis server's clock (TIME in the script), not time.time()",
                     input=f"RateLimiter(redis, 1, {CLOCK_WINDOW:g}) in a process with a true clock and in one whose clocks run "
                           f"{SKEW_S:g} s fast; allow({key!r}) in each, in turn",
                     expected=[True, False], actual=got)
        else:
            return
    undecided(f"the server-clock check (two calls {CLOCK_WINDOW:g} s apart or more)", CLOCK_ATTEMPTS)


@dataclass
class Made:
    """One call of the candidate's, as the judge saw it from outside."""

    phase: str
    seconds: float
    round_trips: int  # to any node, counted at the guards
    raised: str | None = None
    over_limit: bool = False  # allowed, after the key had already been allowed LIMIT times


FAULT_PHASES = ("no master", "after failover")


def report_data(calls: list[Made]) -> dict[str, Any] | None:
    """A Jepsen/Maelstrom-style summary of the calls from the kill on, measured here."""
    after = [c for c in calls if c.phase in FAULT_PHASES]
    if not after:
        return None
    times = sorted(c.seconds for c in after)
    trips = [c.round_trips for c in after]
    return {
        "calls_from_the_kill": len(after),
        "calls_without_a_master": sum(c.phase == "no master" for c in after),
        "availability_share": sum(c.raised is None and c.seconds <= STALLED_S for c in after) / len(after),  # answered within STALLED_S
        "errors_to_caller": sum(c.raised is not None for c in after),
        "calls_over_limit": sum(c.over_limit for c in after),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p99_ms": round(times[min(len(times) - 1, round(0.99 * (len(times) - 1)))] * 1000, 1),
        "round_trips_per_call": round(sum(trips) / len(trips), 2),
        "most_round_trips_in_a_call": max(trips),
        # The reference's probe goes to the nodes over TCP, past the guards: not counted, not guessed.
        "reference_round_trips_per_call": None,
    }


class Run:
    """The calls of one test, and the exact limit they must follow (the window outlasts the test)."""

    def __init__(self, master: int, moment: int) -> None:
        self.master, self.moment = master, moment
        self.granted: dict[str, int] = {}  # grants the limit must count (made while the key's master was up)
        self.allowed: dict[str, int] = {}  # every True the caller got, failed open or not
        self.log: list[str] = []
        self.calls: list[Made] = []

    def describe(self) -> str:
        head = (f"RateLimiter(cluster of 3 masters with a replica each, limit={LIMIT}, window={WINDOW}); "
                f"master {self.master} is killed after {self.moment} calls on its slots")
        return head + "; " + "; ".join(self.log[-40:])

    def call(self, limiter: Any, key: str, phase: str) -> tuple[Any, float]:
        trips = round_trips()
        sent = time.monotonic()
        try:
            result = limiter.allow(key)
        except Exception as exc:
            self.calls.append(Made(phase, time.monotonic() - sent, round_trips() - trips, raised=type(exc).__name__))
            raise
        seconds = time.monotonic() - sent
        made = Made(phase, seconds, round_trips() - trips)
        if result is True:
            made.over_limit = self.allowed.get(key, 0) >= LIMIT
            self.allowed[key] = self.allowed.get(key, 0) + 1
        self.calls.append(made)
        self.log.append(f"[{phase}] allow({key!r}) -> {result!r} in {seconds:.2f} s")
        if type(result) is not bool:
            fail(f"allow({key!r}) must return True or False", input=self.describe(), expected=Raw("a bool"), actual=result)
        return result, seconds

    def exact(self, limiter: Any, key: str, phase: str, why: str) -> None:
        """A call that must follow the limit exactly: allowed iff fewer than LIMIT grants were recorded."""
        result, _ = self.call(limiter, key, phase)
        wanted = self.granted.get(key, 0) < LIMIT
        if result is not wanted:
            fail(f"{why}: allow({key!r}) returned {result}, but {self.granted.get(key, 0)} calls for {key!r} had been "
                 f"allowed (the limit is {LIMIT} per {WINDOW} s)", input=self.describe(), expected=wanted, actual=result)
        if result:
            self.granted[key] = self.granted.get(key, 0) + 1


def _reference_probe(admin: Admin, master: int, key: str) -> float:
    """How long the reference's own call on the dead master's slot takes now (trusted side, over TCP)."""
    from redis.cluster import RedisCluster

    client = RedisCluster(host="127.0.0.1", port=admin.ports[admin.a_master()])
    try:
        limiter = reference().RateLimiter(client, LIMIT, WINDOW)
        start = time.monotonic()
        limiter.allow(key)
        return time.monotonic() - start
    finally:
        client.close()


def fail_open(run: Run, limiter: Any, key: str, phase: str, when: str, admin: Admin, master: int, probe: str) -> None:
    """A call made while its key's slot cannot be served: it must return True after retrying for
    MIN_RETRY_S to BUDGET_S (a late one is undecided if the reference's own call is late too)."""
    result, seconds = run.call(limiter, key, phase)
    if result is not True:
        fail(f"allow({key!r}) returned {result!r} {when}: the statement pins fail open "
             f"(retry for {MIN_RETRY_S:g} to {BUDGET_S:g} s, then allow)", input=run.describe(), expected=True, actual=result)
    if seconds < MIN_RETRY_S:
        fail(f"allow({key!r}) gave up after {seconds:.2f} s {when}: retry for at least "
             f"{MIN_RETRY_S:g} s (the replica takes over in about that time) before failing open",
             input=run.describe(), expected=Raw(f"True after {MIN_RETRY_S:g} to {BUDGET_S:g} s"), actual=Raw(f"True after {seconds:.2f} s"))
    if seconds > STALLED_S:
        reference_s = _reference_probe(admin, master, probe)
        if reference_s > STALLED_S:
            undecided(f"a call {when} took {seconds:.2f} s, and the reference's {reference_s:.2f} s", 1)
        fail(f"allow({key!r}) took {seconds:.2f} s {when}: give up within {BUDGET_S:g} s "
             f"(redis-py's own retries and backoff count too; the reference's call took {reference_s:.2f} s)",
             input=run.describe(), expected=Raw(f"True within {BUDGET_S:g} s"), actual=Raw(f"{result!r} after {seconds:.2f} s"))


@pytest.mark.redis_cluster
@pytest.mark.parametrize("master", [0, 1, 2], ids=["master-0", "master-1", "master-2"])
def test_a_master_fails_over(admin, master):
    """a master is killed after a seeded number of calls: calls on its slots fail open within the budget, the other slots keep their limit, and after its replica takes over the limit holds exactly"""
    rng = random.Random(SEEDS[master])
    admin.wait_failover()
    admin.flush()
    victim, warm, probe = users_on(master, 3, rng)
    other = users_on((master + 1 + rng.randrange(2)) % 3, 1, rng)[0]
    moment = rng.randrange(LIMIT + 2)
    run = Run(master, moment)
    try:
        _fail_over(admin, run, victim, warm, probe, other)
    finally:  # on a failure too: the figures up to the failing call
        data = report_data(run.calls)
        if data is not None:
            attach_report(f"fault report, master {master} killed (SIGKILL) and failed over", data)


def _fail_over(admin: Admin, run: Run, victim: str, warm: str, probe: str, other: str) -> None:
    """The test's calls: `run.moment` calls on `victim`'s slot, the kill of `run.master`, the calls without
    it, the failover, and the calls after."""
    master = run.master
    limiter = RateLimiter(redis_cluster(first_node=next(i for i in admin.alive if i != master and admin.role(i) == "master")), LIMIT, WINDOW)

    for _ in range(run.moment):
        run.exact(limiter, victim, "before", "while every master is up")
    run.exact(limiter, other, "before", "while every master is up")
    run.exact(limiter, warm, "before", "while every master is up")

    replica = admin.replica_of(master)
    admin.nodes[replica].config_set("cluster-replica-no-failover", "yes")
    admin.wait_synced(master, replica)
    admin.kill(master)
    run.log.append(f"[judge] master {master} killed; its replica held back")
    coverage = False
    try:
        fail_open(run, limiter, victim, "no master", "while its slot had no master", admin, master, probe)
        run.exact(limiter, other, "no master", "while another master is down, this key's master serves it")
        run.exact(limiter, other, "no master", "while another master is down, this key's master serves it")
        if master == WHOLE_CLUSTER_DOWN:
            down = next(n for n in NAMES if n not in (victim, warm, probe, other) and master_of_slot(key_slot(n.encode())) != master)
            coverage = True
            admin.require_full_coverage(True)
            run.log.append("[judge] cluster-require-full-coverage yes (Redis's default): every master answers CLUSTERDOWN")
            fail_open(run, limiter, down, "cluster down", "while the whole cluster answered CLUSTERDOWN", admin, master, probe)
            admin.require_full_coverage(False)
            coverage = False
            run.log.append("[judge] cluster-require-full-coverage no: the other masters serve again")
    finally:
        if coverage:
            admin.require_full_coverage(False)
        admin.nodes[replica].config_set("cluster-replica-no-failover", "no")
    admin.wait_failover(replica)
    run.log.append(f"[judge] node {replica} took over master {master}'s slots")

    run.call(limiter, warm, "after failover")  # the client finds the new master (fail open allowed here)
    for _ in range(LIMIT - run.granted.get(victim, 0) + 2):
        run.exact(limiter, victim, "after failover", "once the replica has taken over, the limit holds exactly")
    run.exact(limiter, other, "after failover", "once the replica has taken over, the limit holds exactly")
