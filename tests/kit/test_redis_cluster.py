"""The private Redis Cluster (harness/services/redis/cluster.py), its guard sockets, and the client the
worker builds for the candidate (harness/sandbox/worker.py: _cluster_client)."""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

import pytest

redis = pytest.importorskip("redis")

from harness.services.redis.cluster import redis_cluster, wait_ready  # noqa: E402
from harness.services.redis.guard import allowed, guard  # noqa: E402
from harness.services.redis.server import find_server  # noqa: E402

pytestmark = pytest.mark.skipif(find_server() is None, reason="no redis-server")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_cluster_starts_on_loopback_and_stops_without_a_trace() -> None:
    with redis_cluster(wait=False) as nodes:
        wait_ready([n.socket for n in nodes])
        folder = Path(nodes[0].socket).parent.parent
        clients = [redis.Redis(unix_socket_path=n.socket) for n in nodes]
        pids = [c.info("server")["process_id"] for c in clients]
        assert all(c.config_get("bind")["bind"] == "127.0.0.1" for c in clients)
        slots = clients[0].execute_command("CLUSTER", "SLOTS")
        assert sorted((int(lo), int(hi)) for lo, hi, *_ in slots) == [(0, 5460), (5461, 10921), (10922, 16383)]
        for c in clients:
            c.close()
    assert not folder.exists()
    assert not any(_alive(pid) for pid in pids)


def test_guard_lets_a_cluster_client_read_the_layout_and_nothing_else_of_cluster() -> None:
    assert allowed([b"CLUSTER", b"SLOTS"], cluster=True) and allowed([b"cluster", b"nodes"], cluster=True)
    for sub in (b"RESET", b"MEET", b"ADDSLOTS", b"FLUSHSLOTS", b"FORGET", b"FAILOVER", b"SETSLOT"):
        assert not allowed([b"CLUSTER", sub], cluster=True)
    assert not allowed([b"CLUSTER", b"SLOTS"])  # a single server's guard refuses CLUSTER as before
    assert not allowed([b"CONFIG", b"SET", b"dir", b"/tmp"], cluster=True)


def test_worker_cluster_client_goes_through_the_guards_and_follows_moved() -> None:
    from harness.sandbox.worker import _cluster_client

    with ExitStack() as stack:
        nodes = stack.enter_context(redis_cluster())
        guards = [stack.enter_context(guard(n.url, users_server=False, cluster=True)) for n in nodes]
        assert all(g.warning is None for g in guards)  # the ACL user was made, with its cluster rules
        spec = {"kind": "redis-cluster", "first": 1, "nodes": [[n.host, n.port, g.socket] for n, g in zip(nodes, guards)]}
        client = _cluster_client(spec)
        paths = set()
        for node in client.get_nodes():
            pool = node.redis_connection.connection_pool
            connection = pool.get_connection()
            paths.add(connection.path)
            pool.release(connection)
        assert paths == {g.socket for g in guards}  # every node through its guard, none through a server's own socket
        for user in ("alice", "bob", "erin"):
            client.set(f"rl:{{{user}}}:log", user)
        # A stale slot map: the node asked answers MOVED 127.0.0.1:port, which maps to that node's guard.
        slot = client.keyslot("rl:{alice}:log")
        owner = client.nodes_manager.slots_cache[slot][0]
        client.nodes_manager.slots_cache[slot] = [n for n in client.get_nodes() if n.name != owner.name][:1]
        assert client.get("rl:{alice}:log") == b"alice"
        with pytest.raises(redis.ResponseError, match="DRILL-REFUSED-CLUSTER"):
            client.execute_command("CLUSTER", "RESET", target_nodes=client.get_primaries()[0])
        with pytest.raises(redis.ResponseError, match="can't run this command"):
            client.eval("return redis.call('cluster', 'reset')", 1, "rl:{alice}:log")
        with pytest.raises(redis.exceptions.RedisClusterException, match="same key slot"):
            client.eval("return 1", 2, "a", "b")
        client.close()


def test_drill_test_leaves_out_the_cluster_stage_and_says_so() -> None:
    from harness import pipeline, render
    from harness.problems import catalogue

    problem = catalogue.get("rate_limiter")
    assert problem.redis_cluster
    result = pipeline.judge_file(problem, problem.stub_path, complexity=False, exit_first=True)
    assert result.skipped_stages == [{"stage": "redis_cluster", "tests": 4}]
    assert all("cluster" not in t.test for t in result.tests)
    text = "\n".join(line.plain for line in render.result_lines(result))
    assert "Redis Cluster stage (4 hidden tests" in text and "`drill check` runs it" in text


# --- a user's own cluster: --redis-url redis+cluster://HOST:PORT ----------------------------------

PASSWORD = "not-shown-4c1e"


def _users_cluster(stack: ExitStack) -> tuple[str, list]:
    """drill's cluster code standing in for a user's cluster: loopback TCP, with a password."""
    nodes = stack.enter_context(redis_cluster())
    admins = [redis.Redis(unix_socket_path=n.socket) for n in nodes]
    for admin in admins:
        admin.config_set("requirepass", PASSWORD)
    clients = [redis.Redis(host=n.host, port=n.port, password=PASSWORD) for n in nodes]
    stack.callback(lambda: [c.close() for c in clients + admins])
    return f"redis+cluster://:{PASSWORD}@127.0.0.1:{nodes[1].port}", clients


def _flushalls(clients: list) -> int:
    return sum(c.info("commandstats").get("cmdstat_flushall", {}).get("calls", 0) for c in clients)


def test_a_users_cluster_that_holds_keys_is_refused_and_left_as_it_was() -> None:
    from harness.problems import catalogue
    from harness.judge import JudgeError, judge_environment
    from redis.cluster import RedisCluster

    with ExitStack() as stack:
        url, clients = _users_cluster(stack)
        theirs = RedisCluster(host="127.0.0.1", port=int(url.rsplit(":", 1)[1]), password=PASSWORD)
        theirs.set("{user42}:profile", "precious")
        with pytest.raises(JudgeError) as caught:
            with judge_environment(catalogue.get("rate_limiter"), url, cluster=True):
                pass
        message = str(caught.value)
        assert "holds keys" in message and "never touches your keys" in message
        assert PASSWORD not in message and ":***@" in message
        assert theirs.get("{user42}:profile") == b"precious"
        assert _flushalls(clients) == 0
        theirs.close()


def test_a_run_on_a_users_cluster_judges_there_and_leaves_it_empty() -> None:
    from harness import pipeline
    from harness.problems import catalogue
    from harness.judge import JudgeError, judge_environment

    problem = catalogue.get("rate_limiter")
    with ExitStack() as stack:
        url, clients = _users_cluster(stack)
        users_before = [c.acl_users() for c in clients]
        solution = catalogue.kit_root() / "solutions/rate_limiter/runtime_error/two_keys_no_hash_tag.py"
        result = pipeline.judge_file(problem, solution, complexity=False, redis_url=url, exit_first=True, cluster=True)
        assert result.verdict == "runtime_error" and "hash tag" in (result.message or "")
        assert _flushalls(clients) > 0  # the cluster stage's clean-up ran on the user's nodes
        assert all(c.dbsize() == 0 for c in clients)
        assert [c.acl_users() for c in clients] == users_before  # the temporary users are gone
    with pytest.raises(JudgeError, match="cannot use the Redis Cluster"):  # the URL is used, never drill's own cluster
        with judge_environment(problem, url, cluster=True):
            pass


def test_a_cluster_url_for_a_problem_without_a_cluster_stage_is_refused() -> None:
    from harness.problems import catalogue
    from harness.judge import JudgeError, judge_environment

    with pytest.raises(JudgeError, match="no Redis Cluster stage"):
        with judge_environment(catalogue.get("distributed_cache"), "redis+cluster://127.0.0.1:7000", cluster=True):
            pass


def test_worker_cluster_client_gives_back_the_connection_of_every_transaction() -> None:
    """A WATCH/MULTI transaction's connection is given back to its node's pool (found by host and
    port): with 100 connections per node, the 101st transaction would fail otherwise."""
    from harness.sandbox.worker import _cluster_client

    with ExitStack() as stack:
        nodes = stack.enter_context(redis_cluster())
        guards = [stack.enter_context(guard(n.url, users_server=False, cluster=True)) for n in nodes]
        client = _cluster_client({"kind": "redis-cluster", "first": 0, "nodes": [[n.host, n.port, g.socket] for n, g in zip(nodes, guards)]})
        for _ in range(150):
            with client.pipeline(transaction=True) as pipe:
                pipe.watch("{user42}:count")
                pipe.multi()
                pipe.incr("{user42}:count")
                pipe.execute()
        assert client.get("{user42}:count") == b"150"
        assert sum(len(n.redis_connection.connection_pool._in_use_connections) for n in client.get_nodes()) == 0
        client.close()


def test_cluster_with_replicas_fails_over_when_a_master_is_killed() -> None:
    """redis_cluster(replicas=1): a replica per master, synced when wait_ready returns; SIGKILL of a
    master, and its replica takes over its slots (with the value written before the kill), seen
    by a client that reaches the nodes through their guards."""
    import signal
    import time

    from harness.services.redis.cluster import FAILOVER_NODE_TIMEOUT_MS, is_ready
    from harness.sandbox.worker import _cluster_client

    with ExitStack() as stack:
        nodes = stack.enter_context(redis_cluster(replicas=1))
        admins = [redis.Redis(unix_socket_path=n.socket) for n in nodes]
        stack.callback(lambda: [a.close() for a in admins])
        assert [a.info("replication")["role"] for a in admins] == ["master"] * 3 + ["slave"] * 3
        assert all(int(a.config_get("cluster-node-timeout")["cluster-node-timeout"]) == FAILOVER_NODE_TIMEOUT_MS for a in admins)
        master_ids = [a.execute_command("CLUSTER", "MYID") for a in admins[:3]]
        for i, replica in enumerate(admins[3:]):
            assert replica.info("replication")["master_port"] == nodes[i].port
            assert replica.execute_command("CLUSTER", "NODES").count(b"slave " + master_ids[i]) == 1
        guards = [stack.enter_context(guard(n.url, users_server=False, cluster=True)) for n in nodes]
        spec = {"kind": "redis-cluster", "first": 1, "nodes": [[n.host, n.port, g.socket] for n, g in zip(nodes, guards)]}
        client = _cluster_client(spec)
        stack.callback(client.close)
        client.set("{alice}:x", "before")  # alice's slot (749) is master 0's
        assert admins[0].wait(1, 2000) == 1  # replicated before the kill
        pids = [int(a.info("server")["process_id"]) for a in admins]
        os.kill(pids[0], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while admins[3].info("replication")["role"] != "master" or not is_ready([n.socket for n in nodes[1:]]):
            assert time.monotonic() < deadline, "the replica never took over"
            time.sleep(0.05)
        assert client.get("{alice}:x") == b"before"
        client.set("{alice}:x", "after")
        assert admins[3].get("{alice}:x") == b"after"
    assert not any(_alive(pid) for pid in pids)


def test_a_problem_whose_cluster_has_replicas_runs_only_on_drills_own_cluster() -> None:
    from dataclasses import replace

    from harness.problems import catalogue
    from harness.judge import JudgeError, judge_environment

    problem = replace(catalogue.get("rate_limiter"), redis_cluster_replicas=1)
    with pytest.raises(JudgeError, match="only on drill's own cluster"):
        with judge_environment(problem, "redis+cluster://127.0.0.1:7000", cluster=True):
            pass
