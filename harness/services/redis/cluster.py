"""A private Redis Cluster for the problems judged on one (problem.toml: `redis_cluster = true`).

Three masters from the same redis-server binary as the single server (redis_server.find_server),
each with persistence off, in one temporary folder. Each node serves a unix socket (the trusted
side's way in; redis_guard serves the candidate's), and listens on a loopback TCP port, bound
to 127.0.0.1 only: the cluster bus (port + 10000) is TCP, and the cluster names its nodes by
those host:port pairs (CLUSTER SLOTS, MOVED, ASK). The slots are split in three ranges, the
nodes MEET, and the cluster is ready when every node says `cluster_state:ok`.

Redis keeps a master that has just started out of `ok` for 2 s (CLUSTER_WRITABLE_DELAY in
cluster.c), so start-up is ~2 s however fast the rest is. `redis_cluster(wait=False)` returns
as soon as the nodes are configured, and `wait_ready` (here, or in the suite runner, from the
environment) waits for `ok` later: the single-server stage of a suite runs meanwhile.
Stopped with SIGKILL (nothing to flush; see redis_server), and the folder is removed.

With `replicas` (problem.toml: `redis_cluster_replicas = 1`), each master gets that many replicas
(CLUSTER REPLICATE), listed after the masters, and every node a short `cluster-node-timeout`
(FAILOVER_NODE_TIMEOUT_MS), so that a replica takes over within a few seconds of its master's
death: for suites that kill a master. The cluster is then ready once every replica's link to its
master is up too (a replica that has not synced cannot take over).
"""

from __future__ import annotations

import random
import socket
import subprocess
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from harness.services.redis.guard import RedisGuardError
from harness.services.redis.server import RedisUnavailable, find_server, socket_folder, start_private_server
from harness.services.redis import messages

CLUSTER_SCHEME = "redis+cluster"  # --redis-url redis+cluster://HOST:PORT: the user's own cluster (any node of it)
SLOTS = 16384
BUS_OFFSET = 10000  # redis-server 6.2 puts the cluster bus at port + 10000 (7.0 has cluster-port)
READY_TIMEOUT_S = 20.0
NODE_TIMEOUT_MS = 5000  # a cluster without replicas: nothing fails over, so no hurry to call a node dead
# With replicas: a master that has not answered for this long is failed, and its replica takes over
# about a second later (plus up to 0.5 s of random delay, cluster.c). Short enough for a suite to
# wait for; long enough that a loaded 2-core machine does not fail over a master that is merely slow.
FAILOVER_NODE_TIMEOUT_MS = 1000


@dataclass(frozen=True)
class Node:
    """One master: the address the cluster knows it by, and the trusted side's URL for it (the
    node's own unix socket in drill's cluster; host:port, with the user's credentials, in theirs)."""

    host: str
    port: int
    url: str

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def socket(self) -> str:
        """The node's unix socket (drill's own cluster only)."""
        return self.url.removeprefix("unix://")


def _port_pair_free(port: int) -> bool:
    for p in (port, port + BUS_OFFSET):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            return False
        finally:
            s.close()
    return True


def _free_ports(count: int, taken: set[int]) -> list[int]:
    """Ports whose bus port (+10000) is free too. Another process may take one before the node
    binds it: `_start_node` then fails and the caller tries other ports."""
    rng = random.Random()
    ports: list[int] = []
    for _ in range(2000):
        port = rng.randrange(20000, 55000)
        if port in taken or port + BUS_OFFSET in taken or any(abs(port - p) in (0, BUS_OFFSET) for p in ports):
            continue
        if _port_pair_free(port):
            ports.append(port)
            if len(ports) == count:
                return ports
    raise RedisUnavailable(messages.NO_FREE_CLUSTER_PORTS)


def _command(sock_path: str, *args: str | int, timeout: float = 5.0) -> bytes:
    """One command over a bare connection to a node's unix socket; the reply's raw bytes
    (the replies read here are simple strings, errors or one bulk string)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(timeout)
        s.connect(sock_path)
        parts = [str(a).encode() for a in args]
        s.sendall(b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts))
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if data.startswith((b"+", b"-", b":")) and data.endswith(b"\r\n"):
                break
            if data.startswith(b"$"):
                head, _, rest = data.partition(b"\r\n")
                if int(head[1:]) < 0 or len(rest) >= int(head[1:]) + 2:
                    break
        return data


def _ok(reply: bytes, what: str) -> None:
    if not reply.startswith(b"+"):
        raise RedisUnavailable(messages.cluster_node_refused(what, reply[:200].decode(errors="replace").strip()))


def is_ready(sockets: list[str]) -> bool:
    """Every node says cluster_state:ok (so each one knows who serves every slot), and every
    replica among them has its link to its master up (it has synced, and can take over)."""
    try:
        for path in sockets:
            if b"cluster_state:ok" not in _command(path, "CLUSTER", "INFO", timeout=2.0):
                return False
            replication = _command(path, "INFO", "replication", timeout=2.0)
            if b"role:slave" in replication and b"master_link_status:up" not in replication:
                return False
        return True
    except OSError:
        return False


def wait_ready(sockets: list[str], timeout_s: float = READY_TIMEOUT_S) -> float:
    """Wait until every node says cluster_state:ok; returns the seconds waited. RedisUnavailable after `timeout_s`."""
    start = time.monotonic()
    while not is_ready(sockets):
        if time.monotonic() - start > timeout_s:
            raise RedisUnavailable(messages.cluster_not_ready(timeout_s))
        time.sleep(0.02)
    return time.monotonic() - start


class _Process:
    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()  # SIGKILL, as redis_server does: persistence is off and the folder goes
            self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()

    def why(self) -> str:
        err = (self.proc.stderr.read() if self.proc.stderr else b"").decode(errors="replace").strip().splitlines()
        return err[-1] if err else messages.redis_exit_status(self.proc.returncode)


def _start_node(executable: str, folder: Path, port: int, node_timeout_ms: int = NODE_TIMEOUT_MS) -> tuple[_Process, Node]:
    folder.mkdir()
    sock = folder / "redis.sock"
    proc = start_private_server(executable, folder, sock, [
        "--port", str(port),
        "--bind", "127.0.0.1",
        "--protected-mode", "yes",
        "--cluster-enabled", "yes",
        "--cluster-config-file", str(folder / "nodes.conf"),
        "--cluster-node-timeout", str(node_timeout_ms),
        # A replica whose master just died takes over however long ago it last heard from it.
        "--cluster-replica-validity-factor", "0",
        # While a master is down, the other masters go on serving their own slots.
        "--cluster-require-full-coverage", "no",
    ])
    return _Process(proc), Node("127.0.0.1", port, f"unix://{sock}")


def _wait_answering(processes: list[_Process], nodes: list[Node]) -> int | None:
    """Wait until every node answers PING; the index of a node that exited (a port taken meanwhile), else None."""
    deadline = time.monotonic() + 10
    pending = set(range(len(nodes)))
    while pending:
        for i in sorted(pending):
            if processes[i].proc.poll() is not None:
                return i
            try:
                if Path(nodes[i].socket).exists() and _command(nodes[i].socket, "PING", timeout=0.5).startswith(b"+PONG"):
                    pending.discard(i)
            except OSError:
                pass
        if pending and time.monotonic() > deadline:
            raise RedisUnavailable(messages.CLUSTER_NODE_NOT_ANSWERING)
        if pending:
            time.sleep(0.01)
    return None


@contextmanager
def redis_cluster(masters: int = 3, *, replicas: int = 0, wait: bool = True) -> Iterator[list[Node]]:
    """Start a private cluster of `masters` masters; yield its nodes (slot ranges in order), then,
    with `replicas`, that many replicas of each master (master 0's first, then master 1's, ...).
    With `wait=False`, the nodes are configured but may not say `ok` yet: call wait_ready."""
    executable = find_server()
    if executable is None:
        raise RedisUnavailable(messages.NO_REDIS_SERVER_FOR_CLUSTER)
    with socket_folder("drill-cluster-") as tmp, ExitStack() as stack:
        processes: list[_Process] = []
        nodes: list[Node] = []
        taken: set[int] = set()
        for attempt in range(3):
            ports = _free_ports(masters * (1 + replicas), taken)
            taken.update(ports)
            timeout_ms = FAILOVER_NODE_TIMEOUT_MS if replicas else NODE_TIMEOUT_MS
            for i, port in enumerate(ports):
                process, node = _start_node(executable, Path(tmp) / f"{attempt}-{i}", port, timeout_ms)
                stack.callback(process.stop)
                processes.append(process)
                nodes.append(node)
            failed = _wait_answering(processes, nodes)
            if failed is None:
                break
            why = processes[failed].why()
            for process in processes:
                process.stop()
            processes, nodes = [], []
            if "Address already in use" not in why and "bind" not in why.lower():
                raise RedisUnavailable(messages.cluster_node_exited_at_start(why))
        else:
            raise RedisUnavailable(messages.CLUSTER_PORTS_TAKEN)
        per = SLOTS // masters
        for i, node in enumerate(nodes[:masters]):
            low, high = i * per, (SLOTS if i == masters - 1 else (i + 1) * per)
            _ok(_command(node.socket, "CLUSTER", "ADDSLOTS", *range(low, high)), "CLUSTER ADDSLOTS")
            # Distinct epochs from the start: no collision for the nodes to resolve by gossip.
            _ok(_command(node.socket, "CLUSTER", "SET-CONFIG-EPOCH", i + 1), "CLUSTER SET-CONFIG-EPOCH")
        for i, node in enumerate(nodes):
            for other in nodes[i + 1:]:
                _ok(_command(node.socket, "CLUSTER", "MEET", other.host, other.port), "CLUSTER MEET")
        for j, node in enumerate(nodes[masters:]):
            _replicate(node, nodes[j // replicas])
        if wait:
            wait_ready([n.socket for n in nodes])
        yield nodes


def _node_id(node: Node) -> str:
    reply = _command(node.socket, "CLUSTER", "MYID")
    head, _, rest = reply.partition(b"\r\n")
    if not head.startswith(b"$"):
        raise RedisUnavailable(messages.cluster_node_refused("CLUSTER MYID", reply[:200].decode(errors="replace").strip()))
    return rest[:int(head[1:])].decode()


def _replicate(replica: Node, master: Node) -> None:
    """Make `replica` a replica of `master`, once it has heard of the master by gossip (the MEET
    above): until then CLUSTER REPLICATE answers "Unknown node"."""
    master_id = _node_id(master)
    deadline = time.monotonic() + 10
    while True:
        reply = _command(replica.socket, "CLUSTER", "REPLICATE", master_id)
        if reply.startswith(b"+"):
            return
        if time.monotonic() > deadline:
            _ok(reply, "CLUSTER REPLICATE")
        time.sleep(0.01)


def is_cluster_url(url: str | None) -> bool:
    return bool(url) and str(url).split("://", 1)[0].lower() == CLUSTER_SCHEME


@contextmanager
def users_cluster(url: str) -> Iterator[list[Node]]:
    """The masters of the user's own Redis Cluster (`--redis-url redis+cluster://HOST:PORT`, any
    node of it), as the cluster names them. A cluster has one database, so there is no empty one
    to pick as on a single server: drill judges only on a cluster that holds no keys at all, and
    empties its masters again afterwards, so that nothing of the user's is ever touched."""
    from urllib.parse import urlsplit

    import redis

    parts = urlsplit(url)
    seed_host, seed_port = parts.hostname or "localhost", parts.port or 6379
    login = {"username": parts.username or None, "password": parts.password or None}
    userinfo = parts.netloc.rpartition("@")[0]
    prefix = f"{userinfo}@" if userinfo else ""  # the nodes' URLs keep the user's credentials

    def client(host: str, port: int) -> redis.Redis:
        return redis.Redis(host=host, port=port, **login, socket_timeout=10, socket_connect_timeout=5)

    seed = client(seed_host, seed_port)
    try:
        state = seed.execute_command("CLUSTER INFO").get("cluster_state")  # as one name, redis-py parses it to a dict
        if state != "ok":
            raise RedisGuardError(messages.cluster_not_ok(url, state))
        masters: list[tuple[str, int]] = []
        for entry in seed.execute_command("CLUSTER", "SLOTS"):
            host, port = entry[2][0], int(entry[2][1])
            host = (host.decode() if isinstance(host, bytes) else str(host)) or seed_host
            if (host, port) not in masters:
                masters.append((host, port))
    except redis.ResponseError as exc:
        raise RedisGuardError(messages.not_a_cluster_node(url, exc, single_server="cluster support disabled" in str(exc))) from exc
    except redis.RedisError as exc:
        raise RedisGuardError(messages.cluster_unusable(url, exc)) from exc
    finally:
        seed.close()
    nodes = [Node(host, port, f"redis://{prefix}{host}:{port}") for host, port in masters]
    admins = [client(n.host, n.port) for n in nodes]
    try:
        for node, admin in zip(nodes, admins):
            try:
                held = admin.dbsize()
            except redis.RedisError as exc:
                raise RedisGuardError(messages.cluster_master_unusable(node.address, url, exc)) from exc
            if held:
                raise RedisGuardError(messages.cluster_holds_keys(url, held, node.address))
    except BaseException:
        for admin in admins:
            admin.close()
        raise
    try:
        yield nodes
    finally:  # empty again: every key there now was written during the run (it held none before)
        for admin in admins:
            try:
                admin.flushdb()
            except redis.RedisError:
                pass
            admin.close()
