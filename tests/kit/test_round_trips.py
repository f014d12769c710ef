"""Round trips per call (services.redis.guard.RoundTrips): what each guard counts of the candidate's
traffic, how the trusted side reads it (RedisEnv.round_trips, testing.round_trips), and the figure
distributed_cache_node_fails' fault report shows for a solution that makes two round trips per call
and for one that pipelines the same two commands."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from harness.problems import catalogue
from harness.cli import cli
from harness.services.redis.env import RedisEnv
from harness.services.redis.guard import Guarded, guard, read_round_trips
from harness.services.redis.server import find_server, redis_server
from harness.verdicts import ACCEPTED

pytestmark = pytest.mark.skipif(find_server() is None, reason="no redis-server")


@pytest.fixture(scope="module")
def guarded() -> Iterator[Guarded]:
    with ExitStack() as stack:
        server = stack.enter_context(redis_server())
        yield stack.enter_context(guard(server, users_server=False))


@pytest.fixture
def client(guarded: Guarded) -> Iterator[object]:
    """A client as the worker has one: through the guard's socket, its connection already made."""
    import redis

    client = redis.Redis(unix_socket_path=guarded.socket)
    client.ping()  # the connection's handshake is its own round trip, before what is measured
    yield client
    client.close()


def _trips(guarded: Guarded, call) -> int:  # type: ignore[no-untyped-def]
    before = read_round_trips(guarded.round_trips)
    call()
    return read_round_trips(guarded.round_trips) - before


def test_a_command_and_its_reply_is_one_round_trip_so_two_in_turn_are_two(guarded: Guarded, client) -> None:  # type: ignore[no-untyped-def]
    assert _trips(guarded, lambda: client.get("k")) == 1
    assert _trips(guarded, lambda: (client.exists("k"), client.get("k"))) == 2
    assert _trips(guarded, lambda: [client.incr("n") for _ in range(5)]) == 5


def test_a_pipeline_a_transaction_and_a_script_are_one_round_trip_each(guarded: Guarded, client) -> None:  # type: ignore[no-untyped-def]
    def pipelined(transaction: bool) -> None:
        pipe = client.pipeline(transaction=transaction)
        for i in range(10):
            pipe.set(f"p{i}", i)
        pipe.get("p3")
        assert pipe.execute()[-1] == b"3"

    assert _trips(guarded, lambda: pipelined(False)) == 1
    assert _trips(guarded, lambda: pipelined(True)) == 1  # MULTI, the commands, EXEC: sent in one go
    sha = client.script_load("return redis.call('INCR', KEYS[1])")
    assert _trips(guarded, lambda: client.evalsha(sha, 1, "n")) == 1
    # A refused command is still an exchange: the guard sends an unknown command in its place.
    import redis

    def refused() -> None:
        with pytest.raises(redis.ResponseError):
            client.execute_command("FLUSHALL")

    assert _trips(guarded, refused) == 1


def test_the_judges_own_clients_are_not_counted(guarded: Guarded) -> None:
    import redis

    judge = redis.Redis.from_url(guarded.url)  # the trusted side: the server's own socket
    assert _trips(guarded, lambda: (judge.ping(), judge.get("k"), judge.set("k", 1))) == 0
    judge.close()


def test_the_run_sums_its_guards_and_the_suite_runner_reads_the_same_files(guarded: Guarded, client) -> None:  # type: ignore[no-untyped-def]
    env = RedisEnv(urls=(guarded.url,), sockets=(guarded.socket,), round_trip_files=(guarded.round_trips,))
    assert RedisEnv.from_environ(env.to_environ()) == env
    doubled = RedisEnv(urls=(guarded.url,) * 2, sockets=(guarded.socket,) * 2, round_trip_files=(guarded.round_trips,) * 2)
    before, one = doubled.round_trips(), env.round_trips()
    client.get("k")
    assert (doubled.round_trips() - before, env.round_trips() - one) == (2, 1)


# The reference with each call made of two commands: EXISTS, then the call's own (GET, SET, DEL),
# one after the other (two round trips on a live node), or pipelined (one).
_TWO_IN_TURN = '''

class ShardedCache(ShardedCache):
    def get(self, key):
        try:
            self._client(key).exists(key)
        except UNREACHABLE:
            return None
        return super().get(key)

    def set(self, key, value, ttl_s=None):
        try:
            self._client(key).exists(key)
        except UNREACHABLE:
            return False
        return super().set(key, value, ttl_s)

    def delete(self, key):
        try:
            self._client(key).exists(key)
        except UNREACHABLE:
            return False
        return super().delete(key)
'''

_PIPELINED = '''

class ShardedCache(ShardedCache):
    def _both(self, key, name, *args, **kwargs):
        pipe = self._client(key).pipeline(transaction=False)
        pipe.exists(key)
        getattr(pipe, name)(key, *args, **kwargs)
        return pipe.execute()[1]

    def get(self, key):
        try:
            return self._both(key, "get")
        except UNREACHABLE:
            return None

    def set(self, key, value, ttl_s=None):
        if ttl_s is not None and ttl_s <= 0:
            raise ValueError(f"ttl_s must be positive, got {ttl_s}")
        try:
            return bool(self._both(key, "set", value, px=None if ttl_s is None else max(1, round(ttl_s * 1000))))
        except UNREACHABLE:
            return False

    def delete(self, key):
        try:
            return self._both(key, "delete") == 1
        except UNREACHABLE:
            return False
'''


@pytest.mark.parametrize("extra, most", [(_TWO_IN_TURN, 2), (_PIPELINED, 1)], ids=["two-in-turn", "pipelined"])
def test_the_fault_report_counts_two_commands_in_turn_as_two_round_trips_and_pipelined_as_one(tmp_path: Path, extra: str, most: int) -> None:
    problem = catalogue.get("distributed_cache_node_fails")
    solution = tmp_path / "distributed_cache.py"
    solution.write_text(problem.reference_path.read_text() + extra)
    out = CliRunner().invoke(cli, ["--workspace", str(tmp_path / "ws"), "test", problem.slug, "--file", str(solution), "--json"],
                             catch_exceptions=False)
    data = json.loads(out.stdout)
    assert data["verdict"] in (ACCEPTED, "undecided"), data.get("message")
    for report in data["reports"]:
        figures = report["data"]
        # Every call on a live node makes exactly `most`; one on the failed node makes fewer (none once it is
        # refused), so the mean lies between, and above `most` / 2 since most calls while down are on live nodes.
        assert figures["most_round_trips_in_a_call"] == most, report
        assert most / 2 < figures["round_trips_per_call"] < most, report
        assert figures["reference_round_trips_per_call"] is None  # not measured, so not shown as a number


def test_dropping_the_workers_connections_drops_what_they_queued_and_their_clients_connect_again(guarded: Guarded, client) -> None:  # type: ignore[no-untyped-def]
    """Between two timed runs on a shared server the bench drops the workers' connections: Lua
    loops one worker queued on a connection of its own, and never waited for, ran in the other
    side's timed run and were counted in its server time (RedisEnv.drop_worker_connections)."""
    import socket
    import time

    import redis

    assert guarded.user, "drill's own server has ACLs"
    env = RedisEnv(urls=(guarded.url,), sockets=(guarded.socket,), round_trip_files=(guarded.round_trips,), guard_users=(guarded.user,))
    admin = redis.Redis.from_url(guarded.url)

    def evals() -> int:
        return int(admin.info("commandstats").get("cmdstat_eval", {}).get("calls", 0))

    script = b"local x = 0 for i = 1, 20000 do x = x + i end return 1"
    one = b"*3\r\n$4\r\nEVAL\r\n$%d\r\n%s\r\n$1\r\n0\r\n" % (len(script), script)
    raw = socket.socket(socket.AF_UNIX)
    raw.connect(guarded.socket)
    raw.setblocking(False)
    start = evals()
    sent = 0
    try:  # a backlog of seconds of server time, as much as the sockets hold; no reply is ever read
        while sent < 20_000:
            sent += raw.send(one * 100) // len(one)  # in large writes: a socket counts each write's overhead
    except BlockingIOError:
        pass
    deadline = time.monotonic() + 10
    while evals() == start and time.monotonic() < deadline:
        time.sleep(0.01)
    env.drop_worker_connections()
    after = evals()
    time.sleep(0.3)
    assert evals() == after < start + sent  # nothing queued ran after the drop
    assert client.set("k", "v") and client.get("k") == b"v"  # a worker's client connects again by itself
    raw.close()
    admin.close()
