"""Hidden suite for rate_limiter_failover: the base problem's limiter on a Redis Cluster of 3
masters with one replica each (problem.toml: redis_cluster_replicas = 1), while a master dies.

Each cluster test kills one master (SIGKILL, from the trusted side: the candidate's worker cannot
signal it) after a seeded number of calls, keeps its replica from taking over while the calls
that must find no master are made (CONFIG SET cluster-replica-no-failover yes, on the replica's
own socket), then lets it fail over by itself and waits for every node to agree. Three tests,
three masters, three moments. Before the kill the judge waits until the replica has
acknowledged every write (its offset equals the master's), so no grant is lost and the limit
must hold exactly after the failover.

Judged by invariants: a call on the dead master's slot must not raise, must return True (fail
open) and must have retried at least MIN_RETRY_S (measured from outside, so at least what the
candidate measured); one that took longer than BUDGET_S + LATE_S counts against the candidate only
if the reference's own call on that slot, made right after, was on time, else the run is
undecided. Calls on the other masters' slots, and every call after the failover (after one call
on the victim's slots, which lets the client find the new master), must follow the exact limit.
"""

from __future__ import annotations

import os
import random
import signal
import time
from typing import Any

import pytest
import redis as redis_py
from rate_limiter import RateLimiter
from redis.crc import key_slot

from harness.services.redis.cluster import is_ready
from harness.authoring.testing import JudgeFault, Raw, fail, redis_cluster, redis_cluster_nodes, redis_url, reference, undecided

BUDGET_S = 1.5  # the statement's: a call on a slot with no master gives up within this, and is allowed
MIN_RETRY_S = 1.0  # the statement's: and it retries for at least this long first
LATE_S = 0.5  # slack for messaging and scheduling before a late call is looked at
STALLED_S = BUDGET_S + LATE_S  # the reference's probe took this long: the machine was slow
LIMIT = 3
WINDOW = 3600
SEEDS = [4, 6, 3]  # one per master (test i kills master i), picked so that the kill comes after 1, 2 and 4 calls

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

    def wait_failover(self, replica: int) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.role(replica) == "master" and is_ready([self.nodes[i].connection_pool.connection_kwargs["path"] for i in self.alive]):
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


class Run:
    """The calls of one test, and the exact limit they must follow (the window outlasts the test)."""

    def __init__(self, master: int, moment: int) -> None:
        self.master, self.moment = master, moment
        self.granted: dict[str, int] = {}
        self.log: list[str] = []

    def describe(self) -> str:
        head = (f"RateLimiter(cluster of 3 masters with a replica each, limit={LIMIT}, window={WINDOW}); "
                f"master {self.master} is killed after {self.moment} calls on its slots")
        return head + "; " + "; ".join(self.log[-40:])

    def call(self, limiter: Any, key: str, phase: str) -> tuple[Any, float]:
        sent = time.monotonic()
        result = limiter.allow(key)
        seconds = time.monotonic() - sent
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


@pytest.mark.redis_cluster
@pytest.mark.parametrize("master", [0, 1, 2], ids=["master-0", "master-1", "master-2"])
def test_a_master_fails_over(admin, master):
    """a master is killed after a seeded number of calls: calls on its slots fail open within the budget, the other slots keep their limit, and after its replica takes over the limit holds exactly"""
    rng = random.Random(SEEDS[master])
    admin.flush()
    victim, warm, probe = users_on(master, 3, rng)
    other = users_on((master + 1 + rng.randrange(2)) % 3, 1, rng)[0]
    moment = rng.randrange(LIMIT + 2)
    run = Run(master, moment)
    limiter = RateLimiter(redis_cluster(first_node=next(i for i in admin.alive if i != master and admin.role(i) == "master")), LIMIT, WINDOW)

    for _ in range(moment):
        run.exact(limiter, victim, "before", "while every master is up")
    run.exact(limiter, other, "before", "while every master is up")
    run.exact(limiter, warm, "before", "while every master is up")

    replica = admin.replica_of(master)
    admin.nodes[replica].config_set("cluster-replica-no-failover", "yes")
    admin.wait_synced(master, replica)
    admin.kill(master)
    run.log.append(f"[judge] master {master} killed; its replica held back")
    try:
        result, seconds = run.call(limiter, victim, "no master")
        if result is not True:
            fail(f"allow({victim!r}) returned {result!r} while its slot had no master: the statement pins fail open "
                 f"(retry for {MIN_RETRY_S:g} to {BUDGET_S:g} s, then allow)", input=run.describe(), expected=True, actual=result)
        if seconds < MIN_RETRY_S:
            fail(f"allow({victim!r}) gave up after {seconds:.2f} s while its slot had no master: retry for at least "
                 f"{MIN_RETRY_S:g} s (the replica takes over in about that time) before failing open",
                 input=run.describe(), expected=Raw(f"True after {MIN_RETRY_S:g} to {BUDGET_S:g} s"), actual=Raw(f"True after {seconds:.2f} s"))
        if seconds > STALLED_S:
            reference_s = _reference_probe(admin, master, probe)
            if reference_s > STALLED_S:
                undecided(f"a call on a dead master's slot took {seconds:.2f} s, and the reference's {reference_s:.2f} s", 1)
            fail(f"allow({victim!r}) took {seconds:.2f} s while its slot had no master: give up within {BUDGET_S:g} s "
                 f"(redis-py's own retries and backoff count too; the reference's call took {reference_s:.2f} s)",
                 input=run.describe(), expected=Raw(f"True within {BUDGET_S:g} s"), actual=Raw(f"{result!r} after {seconds:.2f} s"))
        run.exact(limiter, other, "no master", "while another master is down, this key's master serves it")
        run.exact(limiter, other, "no master", "while another master is down, this key's master serves it")
    finally:
        admin.nodes[replica].config_set("cluster-replica-no-failover", "no")
    admin.wait_failover(replica)
    run.log.append(f"[judge] node {replica} took over master {master}'s slots")

    run.call(limiter, warm, "after failover")  # the client finds the new master (fail open allowed here)
    for _ in range(LIMIT - run.granted.get(victim, 0) + 2):
        run.exact(limiter, victim, "after failover", "once the replica has taken over, the limit holds exactly")
    run.exact(limiter, other, "after failover", "once the replica has taken over, the limit holds exactly")
