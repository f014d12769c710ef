"""Redis's words: drill's own server and cluster, and a user's server (server.py, cluster.py, guard.py, env.py).

Standard library only: the suite runner imports it, and rich stays out of it."""

from __future__ import annotations

from harness.words import REDIS_INSTALL_HINT, shown_url


# --- which Redis a problem needs (env.py) ----------------------------------------------------------------

def _leave_out(from_env: bool) -> str:
    return "unset DRILL_REDIS_URL" if from_env else "leave out --redis-url"


def needs_own_redis_cluster(slug: str, *, from_env: bool = False) -> str:
    return (f"{slug} kills a master of its Redis Cluster and waits for a replica to take over: it runs only on drill's "
            f"own cluster; {_leave_out(from_env)}")


def needs_own_redis_servers(slug: str, redis_servers: int, *, from_env: bool = False) -> str:
    source = "$DRILL_REDIS_URL" if from_env else "--redis-url"
    return (f"{source} names one Redis server, for the problems that need one; {slug} needs {redis_servers}: "
            f"{_leave_out(from_env)} to let drill start its own")


# --- Redis: drill's own server and cluster, and a user's server (server.py, cluster.py, guard.py) ---

REDIS_PACKAGE_MISSING = "the redis package is not installed"
NO_REDIS_SERVER = f"no redis-server found: {REDIS_INSTALL_HINT}"
REDIS_NOT_ANSWERING = f"redis-server did not answer within 10 s: {REDIS_INSTALL_HINT}"
NO_REDIS_SERVER_FOR_CLUSTER = f"no redis-server found for the Redis Cluster: {REDIS_INSTALL_HINT}"
CLUSTER_NODE_NOT_ANSWERING = f"redis-server (cluster mode) did not answer within 10 s: {REDIS_INSTALL_HINT}"
NO_FREE_CLUSTER_PORTS = "no free loopback ports for a Redis Cluster (each node needs a port and port + 10000)"
CLUSTER_PORTS_TAKEN = "could not start a Redis Cluster: its loopback ports kept being taken"


def redis_unreachable(url: str, why: str) -> str:
    return f"cannot reach Redis at {shown_url(url)} ({why}); start it"


def redis_exited_at_start(why: object) -> str:
    return f"redis-server exited at start ({why}): {REDIS_INSTALL_HINT}"


def redis_exit_status(returncode: int | None) -> str:
    return f"status {returncode}"


def cluster_node_exited_at_start(why: str) -> str:
    return f"redis-server exited at start in cluster mode ({why}): {REDIS_INSTALL_HINT}"


def cluster_node_refused(command: str, reply: str) -> str:
    return f"a Redis Cluster node refused {command}: {reply}"


def cluster_not_ready(timeout_s: float) -> str:
    return f"the private Redis Cluster did not reach cluster_state:ok within {timeout_s:g} s"


def not_a_redis_url(url: str, why: object) -> str:
    return f"--redis-url {shown_url(url)!r} is not a Redis URL ({why}); use redis://HOST:PORT or unix:///PATH"


def redis_database_unusable(db: int, url: str, why: object) -> str:
    return f"cannot use database {db} of {shown_url(url)}: {why}"


def redis_database_not_empty(db: int, url: str) -> str:
    return (f"database {db} of {shown_url(url)} is not empty; drill judges only in an empty database, "
            "so that it never touches your keys: name an empty one in the URL (redis://HOST:PORT/N)")


def redis_no_empty_database(url: str) -> str:
    return (f"{shown_url(url)} has no empty database among 1-15; drill judges only in an empty one, so that it never "
            "touches your keys: empty one")


def no_cluster_stage(slug: str, *, from_env: bool = False) -> str:
    return (f"{slug} has no Redis Cluster stage, so a redis+cluster:// URL has nothing to judge on; "
            f"name a single server (redis://HOST:PORT), or {_leave_out(from_env)}")


def cluster_not_ok(url: str, state: str) -> str:
    return f"the Redis Cluster at {shown_url(url)} says cluster_state:{state}; drill judges only on a cluster whose every slot is served"


def not_a_cluster_node(url: str, why: object, *, single_server: bool) -> str:
    """`single_server`: the server said its cluster support is disabled."""
    return f"{shown_url(url)} is not a Redis Cluster node ({why}){'; for a single server use redis://HOST:PORT' if single_server else ''}"


def cluster_unusable(url: str, why: object) -> str:
    return f"cannot use the Redis Cluster at {shown_url(url)}: {why}"


def cluster_master_unusable(address: str, url: str, why: object) -> str:
    return f"cannot use {address}, a master of the Redis Cluster at {shown_url(url)}: {why}"


def cluster_holds_keys(url: str, held: int, address: str) -> str:
    return (f"the Redis Cluster at {shown_url(url)} holds keys ({held:,} on {address}); a cluster has one "
            "database, so drill judges only on an empty cluster, so that it never touches your keys")


def redis_refused(command: str, reply: bytes) -> str:
    return f"the server refused {command}: {reply!r}"
