"""RedisEnv: the Redis servers of one judged file, as typed data (trusted side).

It is built once per judged file (`start_redis`) and handed to both stages: to the suite runner
(a child process, so it travels in the runner's environment: `to_environ` / `from_environ`, the
one place the DRILL_* Redis variables are written or read) and to the bench, in drill's process.
It is never written into drill's own environment.

The trusted side talks to server i at `urls[i]`; the candidate's worker reaches it only through
`sockets[i]`, redis_guard's filtering socket for it. A Redis Cluster, when the run has one, is
named node by node: `cluster_nodes` as the cluster names them (host:port), `cluster_urls` the
trusted side's URLs for them, `cluster_sockets` one guard socket per node, in the same order.
Each guard counts the candidate's round trips through it in a file the worker cannot reach
(`round_trip_files`, `cluster_round_trip_files`, in the same orders); `round_trips()` sums them.
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from harness.services.redis import messages
from harness.services.redis.cluster import is_cluster_url, redis_cluster, users_cluster
from harness.services.redis.guard import drop_guarded_clients, guard, read_round_trips
from harness.services.redis.server import RedisUnavailable, redis_server

if TYPE_CHECKING:
    from harness.problems.catalogue import Problem

CLUSTER_STAGE = "redis_cluster"  # the pytest marker of a suite's Redis Cluster stage

_URLS = "DRILL_JUDGE_REDIS_URLS"
_SOCKETS = "DRILL_CANDIDATE_REDIS_SOCKETS"
_CLUSTER_NODES = "DRILL_JUDGE_REDIS_CLUSTER_NODES"
_CLUSTER_URLS = "DRILL_JUDGE_REDIS_CLUSTER_URLS"
_CLUSTER_SOCKETS = "DRILL_CANDIDATE_REDIS_CLUSTER_SOCKETS"
_SKIPPED_STAGES = "DRILL_JUDGE_SKIPPED_STAGES"
_ROUND_TRIPS = "DRILL_JUDGE_REDIS_ROUND_TRIP_FILES"
_CLUSTER_ROUND_TRIPS = "DRILL_JUDGE_REDIS_CLUSTER_ROUND_TRIP_FILES"


@dataclass(frozen=True)
class RedisEnv:
    """One judged file's Redis servers (and Redis Cluster, if the run has one)."""

    urls: tuple[str, ...]
    sockets: tuple[str, ...]
    cluster_nodes: tuple[str, ...] = ()
    cluster_urls: tuple[str, ...] = ()
    cluster_sockets: tuple[str, ...] = ()
    skipped_stages: tuple[str, ...] = ()  # CLUSTER_STAGE when the problem has one and this run leaves it out
    round_trip_files: tuple[str, ...] = ()  # guard i's count of the candidate's round trips (guard.RoundTrips)
    cluster_round_trip_files: tuple[str, ...] = ()
    guard_users: tuple[str, ...] = ()  # server i's guard logs its connections in as this ACL user ("": no ACLs)

    def round_trips(self) -> int:
        """The round trips the candidate's worker has made so far through every guard of the run
        (servers and cluster nodes; guard.RoundTrips says what one is). The judge's own clients
        use the servers' own sockets and are not counted."""
        return sum(read_round_trips(path) for path in self.round_trip_files + self.cluster_round_trip_files)

    def drop_worker_connections(self) -> None:
        """Close the workers' connections to every server (guard.drop_guarded_clients), and drop
        what they queued there. On a server without ACLs there is no telling them from others:
        nothing is closed."""
        for url, user in zip(self.urls, self.guard_users):
            if user:
                drop_guarded_clients(url, user)

    @property
    def url(self) -> str:
        """The first server's URL (most problems have one)."""
        return self.urls[0]

    def worker_sockets(self) -> tuple[str, ...]:
        """Every unix socket the candidate's worker may connect to: a guard's, never a server's own."""
        return self.sockets + self.cluster_sockets

    def servers_only(self) -> RedisEnv:
        """The same servers without the cluster (the bench measures on the servers alone)."""
        return replace(self, cluster_nodes=(), cluster_urls=(), cluster_sockets=(), cluster_round_trip_files=())

    def to_environ(self) -> dict[str, str]:
        """The variables a child process (the suite runner) reads back with from_environ."""
        return {_URLS: ",".join(self.urls), _SOCKETS: ",".join(self.sockets),
                _CLUSTER_NODES: ",".join(self.cluster_nodes), _CLUSTER_URLS: ",".join(self.cluster_urls),
                _CLUSTER_SOCKETS: ",".join(self.cluster_sockets), _SKIPPED_STAGES: ",".join(self.skipped_stages),
                _ROUND_TRIPS: ",".join(self.round_trip_files), _CLUSTER_ROUND_TRIPS: ",".join(self.cluster_round_trip_files)}

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> RedisEnv | None:
        """What to_environ wrote; None in a run without Redis."""
        def items(key: str) -> tuple[str, ...]:
            return tuple(item for item in environ.get(key, "").split(",") if item)

        if not items(_URLS):
            return None
        return cls(urls=items(_URLS), sockets=items(_SOCKETS), cluster_nodes=items(_CLUSTER_NODES),
                   cluster_urls=items(_CLUSTER_URLS), cluster_sockets=items(_CLUSTER_SOCKETS),
                   skipped_stages=items(_SKIPPED_STAGES), round_trip_files=items(_ROUND_TRIPS),
                   cluster_round_trip_files=items(_CLUSTER_ROUND_TRIPS))


class RedisRefused(Exception):
    """The run asks for Redis the problem cannot use this way (a user's cluster for a problem
    without a cluster stage, say): not a server that failed."""

    own_server_helps = False


def redis_url_refusal(problem: Problem, redis_url: str | None, *, from_env: bool = False) -> str | None:
    """Why `problem` cannot be judged on the user's `redis_url` (None if it can, or if it needs no
    Redis): the CLI says it as a usage error before judging, start_redis refuses the same."""
    if not redis_url or "redis" not in problem.needs:
        return None
    if is_cluster_url(redis_url):
        if not problem.redis_cluster:
            return messages.no_cluster_stage(problem.slug, from_env=from_env)
        if problem.redis_cluster_replicas:
            return messages.needs_own_redis_cluster(problem.slug, from_env=from_env)
        return None
    if problem.redis_servers > 1:
        return messages.needs_own_redis_servers(problem.slug, problem.redis_servers, from_env=from_env)
    return None


@contextmanager
def start_redis(problem: Problem, redis_url: str | None = None, *, cluster: bool = False,
                on_warning: Callable[[str], None] | None = None) -> Iterator[RedisEnv | None]:
    """The Redis servers `problem` needs for one judged file, until the block ends (None for a
    problem without Redis). With `redis_url`, the one server is the user's, and drill keeps to one
    empty database of it. With `cluster`, a problem that has a Redis Cluster stage
    (problem.redis_cluster) also gets a cluster: drill's own, or the user's if `redis_url` is
    redis+cluster:// (the single-server stage then runs on drill's own server). The cluster may
    still be settling when this yields (cluster.wait_ready: the suite waits at its first cluster
    test). Without `cluster`, `skipped_stages` says the stage was left out. `on_warning` gets what
    a guard says about the user's server. Raises RedisUnavailable, RedisGuardError or RedisRefused."""
    if "redis" not in problem.needs:
        yield None
        return
    refused = redis_url_refusal(problem, redis_url)
    if refused:
        raise RedisRefused(refused)
    cluster_url = redis_url if is_cluster_url(redis_url) else None
    if cluster_url:
        redis_url = None  # the single-server stage runs on drill's own server
    with ExitStack() as stack:
        guarded = []
        for _ in range(problem.redis_servers):
            server = stack.enter_context(redis_server(redis_url))  # drill's own, unless --redis-url
            one = stack.enter_context(guard(server, users_server=bool(redis_url)))
            if one.warning and on_warning is not None:
                on_warning(one.warning)
            guarded.append(one)
        env = RedisEnv(urls=tuple(g.url for g in guarded), sockets=tuple(g.socket for g in guarded),
                       round_trip_files=tuple(g.round_trips for g in guarded), guard_users=tuple(g.user or "" for g in guarded))
        if problem.redis_cluster and cluster:
            nodes = stack.enter_context(users_cluster(cluster_url) if cluster_url
                                        else redis_cluster(replicas=problem.redis_cluster_replicas, wait=False))
            guards = [stack.enter_context(guard(node.url, users_server=False, cluster=True)) for node in nodes]
            env = replace(env, cluster_nodes=tuple(node.address for node in nodes), cluster_urls=tuple(node.url for node in nodes),
                          cluster_sockets=tuple(g.socket for g in guards), cluster_round_trip_files=tuple(g.round_trips for g in guards))
        elif problem.redis_cluster:
            env = replace(env, skipped_stages=(CLUSTER_STAGE,))
        yield env


__all__ = ["CLUSTER_STAGE", "RedisEnv", "RedisRefused", "RedisUnavailable", "start_redis"]
