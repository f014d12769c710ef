"""Hidden suite for rate_limiter, Redis Cluster stage (problem.toml: redis_cluster = true).

The judge starts a private cluster of 3 masters; the candidate gets a redis-py RedisCluster,
built in its own worker, that reaches each node through that node's filtering socket. `drill
check` runs this stage, `drill test` skips it (and says so). It runs after the single-server
stage (the file sorts after test_rate_limiter.py), so the cluster settles meanwhile.

Checked here: every key one user's decisions write hashes to one slot (a script or transaction
over keys in two slots fails with CROSSSLOT); users spread over the slots (a hash tag that is
the same for every user puts the whole limiter on one node); clients that first reach different
nodes share one limit; the barrier race and the clock-skew case again, across those clients.
"""

import pytest
from rate_limiter import RateLimiter
from redis.crc import key_slot
from rl_support import PACE, QUIET, WINDOW, Stage, Text, Timeline, Worker, check_race, clock_skew, race, start_workers

from harness.authoring.testing import fail, redis_cluster, redis_cluster_nodes

pytestmark = pytest.mark.redis_cluster

NODES = 3
# Users whose own names hash to slots on every node (0: alice, heidi, niaj; 1: bob, carol, dave, frank, grace; 2: erin, ivan, judy, mallory).
USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj"]


@pytest.fixture(scope="module")
def nodes():
    clients = redis_cluster_nodes()  # waits, once, for cluster_state:ok
    yield clients
    for c in clients:
        c.close()


@pytest.fixture(autouse=True)
def clean(nodes):
    """An empty cluster for every test."""
    for node in nodes:
        node.flushall()
    return nodes


@pytest.fixture(scope="module")
def stage(nodes):
    """The scenarios of the tests below the first, run side by side when the first of them runs:
    the clock-skew scenario sleeps while the other tests' processes start. Each starts fresh
    processes; none uses the main one, whose clients served the first test."""
    return Stage({
        "clock skew": lambda: clock_skew(
            lambda: Worker("process S, clock 30 s slow, client first on node 0", 3, WINDOW, skew=-30.0, client=redis_cluster(first_node=0)),
            lambda: Worker("process F, clock 30 s fast, client first on node 2", 3, WINDOW, skew=+30.0, client=redis_cluster(first_node=2)),
            3, WINDOW, ("alice-{}", "erin-{}"), where="on a Redis Cluster, "),
        "nodes": nodes_scenario,
        "race": race_scenario,
    }, reset=lambda: [node.flushall() for node in nodes])


def keys_by_node(nodes) -> list[list[bytes]]:
    return [sorted(node.scan_iter(count=1000)) for node in nodes]


def test_cluster_one_slot_per_user_and_users_spread_over_slots(nodes):
    """on a Redis Cluster, all the keys of one user's decisions hash to one slot, and different users to different slots"""
    limit = 2
    client = redis_cluster(first_node=0)
    limiter = RateLimiter(client, limit, 3600)
    slot_of_user: dict[str, int] = {}
    where: dict[str, str] = {}
    for user in USERS:
        for node in nodes:
            node.flushall()
        tl = Timeline(limit, 3600)
        tl.burst(limiter, user, limit + 1, pace=PACE)
        tl.check(f"RateLimiter(cluster, {limit}, 3600), calls for {user!r}")
        found = [(k, i) for i, keys in enumerate(keys_by_node(nodes)) for k in keys]
        if not found:
            fail(f"after {limit + 1} calls for {user!r} the cluster holds no keys at all: the limiter must keep its state in the "
                 "shared Redis", input=tl.describe(), expected=Text("the limiter's keys in the cluster"), actual=Text("no keys"))
        slots = {k: key_slot(k) for k, _ in found}
        if len(set(slots.values())) > 1:
            listed = ", ".join(f"{k!r} (slot {s})" for k, s in slots.items())
            fail(f"the keys written for user {user!r} hash to {len(set(slots.values()))} different slots ({listed}); "
                 "on a Redis Cluster one decision's keys must share a slot, or no script or transaction can touch them together: "
                 "give them one hash tag, e.g. ratelimit:{" + user + "}:log",
                 input=tl.describe(), expected=Text("every key of one user in one hash slot"), actual=Text(listed))
        slot_of_user[user] = next(iter(slots.values()))
        where[user] = ", ".join(repr(k) for k, _ in found)
    distinct = set(slot_of_user.values())
    if len(distinct) < len(USERS) // 2:
        listed = "; ".join(f"{u}: {where[u]} (slot {s})" for u, s in list(slot_of_user.items())[:4])
        fail(f"the keys of {len(USERS)} different users hash to only {len(distinct)} slot{'s' if len(distinct) > 1 else ''} "
             f"({', '.join(map(str, sorted(distinct)))}): a hash tag that does not contain the user (such as {{ratelimit}}) "
             "puts every user on one node, so the cluster does not spread the load; put the user's key in the hash tag",
             input=f"RateLimiter(cluster, {limit}, 3600); {limit + 1} calls for each of {', '.join(USERS)}",
             expected=Text(f"users spread over at least {len(USERS) // 2} slots"), actual=Text(listed + " ..."))
    client.close()


def nodes_scenario():
    limit = 3
    workers = yield from start_workers([f"process {i} (client first reached node {i})" for i in range(NODES)], limit, 3600,
                                       clients=[redis_cluster(first_node=i) for i in range(NODES)], main=False)
    yield QUIET
    tl = Timeline(limit, 3600)
    for user in ["alice", "bob", "erin", "heidi", "ivan"]:
        for i in (0, 1, 2, 1, 0):
            tl.add_remote(workers[i].name, user, workers[i].calls(user, 1, pace=PACE))
    tl.check("RateLimiter instances in 3 processes, on one Redis Cluster, must enforce one limit per user together")


def test_cluster_clients_on_different_nodes_share_the_limit(stage):
    """three processes whose cluster clients first reach different nodes share one limit per user, for users on every node"""
    stage.check("nodes")


def test_cluster_application_clocks_do_not_matter(stage):
    """on the cluster, two processes whose clocks are 30 s fast and 30 s slow, with clients on different nodes, share one limit"""
    stage.check("clock skew")


def race_scenario():
    processes, rounds, per_round, limit = 6, 20, 8, 10
    results = yield from race(processes, rounds, per_round, limit, 3600, prefix="cluster-race-",
                              client_for=lambda p: redis_cluster(first_node=p % NODES), main=False)
    check_race(results, processes, per_round, limit, prefix="cluster-race-",
               clients="a RedisCluster client that first reached node p % 3")


def test_cluster_concurrent_processes_never_exceed_the_limit(stage):
    """on the cluster, 6 processes with clients on different nodes call allow() on one key at the same moment, 20 rounds"""
    stage.check("race")
