"""The candidate's only way to Redis: a filtering socket, and for a user's own server (`--redis-url`)
one empty database, so that the rest stays safe.

- The redis-server runs outside the sandbox, as the user. Left to itself, a client could have
  it write files anywhere (CONFIG SET dir + SAVE), load modules or shut it down. So the
  candidate's worker never gets the server's own socket: it gets a unix socket served here,
  whose connections are forwarded to the server, filtered.
- With `--redis-url`, drill picks a database that is empty (DBSIZE 0; the one the URL names,
  else the highest free one of 15..1), judges in it, and empties it again afterwards. Nothing
  else is read, written or flushed by drill's own code.
- The forwarder selects drill's database
  before the first byte of the candidate's, and rewrites every command that could leave it
  or harm the server (SELECT, SWAPDB, MOVE, COPY, FLUSHALL, AUTH, HELLO ... AUTH, RESET, CONFIG, ...)
  into an unknown command, so the server answers with an error in its place in the stream.
- Lua scripts can still call SELECT inside Redis. Where the server has ACLs (Redis 6+), the
  candidate's connections are logged in as a temporary user that cannot run those commands at
  all, scripts included; the user is deleted afterwards. Where it has none, `warning` says so.
- The guard counts the candidate's round trips (RoundTrips) for the trusted suite's reports. The
  judge's own clients (the reference's, the suite's admin) use the server's own socket, so they are
  never counted.
"""

from __future__ import annotations

import mmap
import os
import secrets
import socket
import struct
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from harness.services.redis.server import socket_folder
from harness.services.redis import messages

BLOCKED = {
    b"SELECT", b"SWAPDB", b"MOVE", b"COPY", b"MIGRATE", b"FLUSHALL", b"AUTH", b"RESET", b"ACL",
    b"CONFIG", b"SHUTDOWN", b"DEBUG", b"MODULE", b"REPLICAOF", b"SLAVEOF", b"SAVE", b"BGSAVE",
    b"BGREWRITEAOF", b"FAILOVER", b"MONITOR", b"SYNC", b"PSYNC", b"FUNCTION", b"CLUSTER", b"LATENCY",
}
CLIENT_ALLOWED = {b"SETINFO", b"SETNAME", b"GETNAME", b"ID", b"INFO"}
SCRIPT_ALLOWED = {b"LOAD", b"EXISTS"}
# On a Redis Cluster node, the subcommands a cluster client needs to find its way (and that only read).
CLUSTER_ALLOWED = {b"SLOTS", b"SHARDS", b"NODES", b"INFO", b"KEYSLOT", b"MYID", b"MYSHARDID", b"COUNTKEYSINSLOT"}
# Warnings are codes; render/ says them (render.REDIS_WARNINGS).
NO_ACLS = "no_acls"  # the server has no ACLs drill may use: a Lua script could reach its other databases
ACL_RULES = ["on", "~*", "&*", "+@all", "-@admin", "-select", "-swapdb", "-move", "-copy", "-migrate", "-flushall", "-reset"]
# CLUSTER is an @admin command as a whole; on a cluster node the read-only subcommands above are let back in.
CLUSTER_ACL_RULES = [f"+cluster|{sub.decode().lower()}" for sub in sorted(CLUSTER_ALLOWED - {b"SHARDS", b"MYSHARDID"})]
REFUSED = b"DRILL-REFUSED-"


class RedisGuardError(Exception):
    """The user's server cannot be used safely; the message says why, in one line. `own_server_helps`:
    as for redis_server.RedisUnavailable."""

    def __init__(self, message: str, *, own_server_helps: bool = False) -> None:
        super().__init__(message)
        self.own_server_helps = own_server_helps


def pick_database(url: str) -> int:
    import redis

    try:
        explicit = redis.connection.parse_url(url).get("db")
    except ValueError as exc:
        raise RedisGuardError(messages.not_a_redis_url(url, exc)) from exc
    candidates = [int(explicit)] if explicit not in (None, "") and "/" in url.split("://", 1)[-1] else list(range(15, 0, -1))
    for db in candidates:
        client = redis.Redis.from_url(url, db=db, socket_timeout=5, socket_connect_timeout=5)
        try:
            if client.dbsize() == 0:
                return db
        except redis.RedisError as exc:
            raise RedisGuardError(messages.redis_database_unusable(db, url, exc)) from exc
        finally:
            client.close()
    if len(candidates) == 1:
        raise RedisGuardError(messages.redis_database_not_empty(candidates[0], url))
    raise RedisGuardError(messages.redis_no_empty_database(url), own_server_helps=True)


def _command_name(payload: list[bytes]) -> tuple[bytes, bytes]:
    name = payload[0].upper() if payload else b""
    sub = payload[1].upper() if len(payload) > 1 else b""
    return name, sub


def allowed(payload: list[bytes], *, cluster: bool = False) -> bool:
    """Whether the candidate may send this command; `cluster`: the server is a Redis Cluster node."""
    name, sub = _command_name(payload)
    if name == b"CLUSTER" and cluster:
        return sub in CLUSTER_ALLOWED
    if name in BLOCKED:
        return False
    if name == b"HELLO":  # the protocol handshake is fine; logging in as someone else is not
        return not any(arg.upper() == b"AUTH" for arg in payload[1:])
    if name == b"CLIENT":
        return sub in CLIENT_ALLOWED
    if name == b"SCRIPT":
        return sub in SCRIPT_ALLOWED
    return True


class _Commands:
    """Splits a client's byte stream into whole RESP commands."""

    def __init__(self) -> None:
        self.buffer = b""

    def feed(self, data: bytes) -> list[tuple[bytes, list[bytes]]] | None:
        """Whole commands now complete, as (raw bytes, arguments); None if the stream is not RESP."""
        self.buffer += data
        out = []
        while self.buffer:
            parsed = self._one()
            if parsed is False:
                return None
            if parsed is None:
                break
            out.append(parsed)
        return out

    def _one(self) -> Any:
        buf = self.buffer
        if not buf.startswith(b"*"):
            return False
        end = buf.find(b"\r\n")
        if end < 0:
            return None
        try:
            count = int(buf[1:end])
        except ValueError:
            return False
        pos, args = end + 2, []
        for _ in range(count):
            if len(buf) <= pos:
                return None
            if buf[pos:pos + 1] != b"$":
                return False
            end = buf.find(b"\r\n", pos)
            if end < 0:
                return None
            try:
                size = int(buf[pos + 1:end])
            except ValueError:
                return False
            start = end + 2
            if len(buf) < start + size + 2:
                return None
            args.append(buf[start:start + size])
            pos = start + size + 2
        raw, self.buffer = buf[:pos], buf[pos:]
        return raw, args


class RoundTrips:
    """How many round trips the candidate's connections made through one guard, kept in a file of
    the guard's private folder (which the worker's sandbox does not show it), so that the trusted
    suite, in another process, reads it (read_round_trips).

    A round trip is one request/response exchange: the guard counts one when a whole command
    arrives on a connection and the server has sent that connection something (a reply) since its
    last counted command, or nothing yet. So a client that sends a command and waits for its reply
    makes one per command; a batch sent before reading any reply (a pipeline, MULTI ... EXEC sent in
    one go) makes one, as does one EVALSHA. A batch the client writes in pieces, each after the
    server answered part of it, counts once per piece. Connections count apart: two requests sent at
    once on two connections are two round trips. Only what the guard forwards to its server counts:
    while the server is down (connections refused), nothing does."""

    SIZE = 8

    def __init__(self, path: Path) -> None:
        path.write_bytes(bytes(self.SIZE))
        with open(path, "r+b") as f:
            self._map = mmap.mmap(f.fileno(), self.SIZE)
        self.path = str(path)
        self._count = 0
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:
            if self._map.closed:  # a connection still open as the guard closes
                return
            self._count += 1
            struct.pack_into("<Q", self._map, 0, self._count)

    def close(self) -> None:
        with self._lock:
            self._map.close()


def read_round_trips(path: str) -> int:
    """The round trips a guard has counted so far (RoundTrips), read from its file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        return struct.unpack("<Q", os.pread(fd, RoundTrips.SIZE, 0))[0]
    finally:
        os.close(fd)


class _Exchange:
    """One connection's state between its two directions: whether the server has answered since the
    client's last counted command (the first command of a connection starts a round trip too)."""

    __slots__ = ("answered",)

    def __init__(self) -> None:
        self.answered = True


class Forwarder:
    """Serves a unix socket; each connection is forwarded to the user's server, filtered, and its
    round trips counted (RoundTrips)."""

    def __init__(self, url: str, db: int, acl_user: tuple[str, str] | None, *, cluster: bool = False) -> None:
        import redis

        self.kwargs = redis.connection.parse_url(url)
        self.db, self.acl_user, self.cluster = db, acl_user, cluster
        self.folder = socket_folder("drill-redis-guard-")
        self.path = str(Path(self.folder.name) / "redis.sock")
        self.round_trips = RoundTrips(Path(self.folder.name) / "round_trips")
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(self.path)
        os.chmod(self.path, 0o700)
        self.server.listen(64)
        self.closed = False
        threading.Thread(target=self._accept, daemon=True, name="drill-redis-guard").start()

    def _upstream(self) -> socket.socket:
        setup = [[b"SELECT", str(self.db).encode()]]
        if self.acl_user:
            setup.append([b"AUTH", self.acl_user[0].encode(), self.acl_user[1].encode()])
        up = _open(self.kwargs, timeout=10, setup=setup)
        up.settimeout(None)
        return up

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            try:
                upstream = self._upstream()
            except OSError:
                client.close()
                continue
            exchange = _Exchange()
            threading.Thread(target=self._client_to_server, args=(client, upstream, exchange), daemon=True).start()
            threading.Thread(target=_pump, args=(upstream, client, exchange), daemon=True).start()

    def _client_to_server(self, client: socket.socket, upstream: socket.socket, exchange: _Exchange) -> None:
        commands = _Commands()
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                parsed = commands.feed(data)
                if parsed is None:
                    break  # not RESP (inline commands are not forwarded)
                out = b"".join(raw if allowed(args, cluster=self.cluster) else _refused(args) for raw, args in parsed)
                if out:
                    if exchange.answered:  # counted before it is sent: its reply cannot reach the client first
                        exchange.answered = False
                        self.round_trips.add()
                    upstream.sendall(out)
        except OSError:
            pass
        finally:
            for s in (client, upstream):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self) -> None:
        self.closed = True
        self.server.close()
        self.round_trips.close()
        self.folder.cleanup()


def _pump(src: socket.socket, dst: socket.socket, exchange: _Exchange) -> None:
    """The server's replies to the client; each marks the connection answered (RoundTrips)."""
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            exchange.answered = True  # before it is sent: the client's next command starts a new round trip
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _refused(args: list[bytes]) -> bytes:
    """An unknown command in place of a refused one: the server answers it with an error that names
    the refused command, in its place in the stream (pipelines and transactions stay in step)."""
    name = bytes(c for c in (args[0] if args else b"")[:40] if 33 <= c < 127 and c != ord("`"))
    return _encode([REFUSED + name.upper() + b"-IS-NOT-ALLOWED-BY-DRILL"])


def kill_busy_script(url: str) -> None:
    """SCRIPT KILL a never-ending Lua script of the candidate's, over a bare connection: a
    client library's own handshake (SELECT, CLIENT SETINFO) is refused while the server is busy."""
    import redis

    try:
        sock = _open(redis.connection.parse_url(url), timeout=3, setup=[])
    except (OSError, ValueError):
        return
    try:
        sock.sendall(_encode([b"SCRIPT", b"KILL"]))
        _read_line(sock)  # +OK, or -NOTBUSY when nothing runs
    except OSError:
        pass
    finally:
        sock.close()


DROP_ATTEMPTS = 3  # CLIENT KILL tries, each after a SCRIPT KILL of a script that kept the server busy


def drop_guarded_clients(url: str, user: str) -> None:
    """Close every connection the guard logged in as `user` (the candidate's and the reference's
    workers'), with whatever they sent that the server has not run yet. Between two timed runs on
    a shared server: commands one worker queued without waiting for them would otherwise run, and
    be timed, in the other's run. A script still running finishes first (the server runs one
    command at a time), or is stopped once it passes the server's script time limit. The workers'
    clients connect again on their next command."""
    import redis

    kill = [b"CLIENT", b"KILL", b"USER", user.encode()]
    try:
        sock = _open(redis.connection.parse_url(url), timeout=10, setup=[])
    except (OSError, ValueError):
        return
    try:
        for _ in range(DROP_ATTEMPTS):
            sock.sendall(_encode(kill))
            if not _read_line(sock).startswith(b"-BUSY"):
                return
            sock.sendall(_encode([b"SCRIPT", b"KILL"]))
            _read_line(sock)
    except OSError:
        pass
    finally:
        sock.close()


def _open(kw: dict[str, Any], *, timeout: float, setup: list[list[bytes]]) -> socket.socket:
    """A bare connection to the server `kw` (redis-py's parsed URL), logged in with the URL's
    credentials, then each `setup` command sent; OSError if the server refuses one."""
    if kw.get("path"):
        sock = socket.socket(socket.AF_UNIX)
        sock.settimeout(timeout)
        sock.connect(kw["path"])
    else:
        sock = socket.create_connection((kw.get("host", "localhost"), int(kw.get("port", 6379))), timeout=timeout)
    if kw.get("password"):
        setup = [[b"AUTH", *([kw["username"].encode()] if kw.get("username") else []), kw["password"].encode()], *setup]
    for command in setup:
        sock.sendall(_encode(command))
        reply = _read_line(sock)
        if not reply.startswith(b"+"):
            sock.close()
            raise OSError(messages.redis_refused(command[0].decode(), reply[:200]))
    return sock


def _encode(args: list[bytes]) -> bytes:
    return b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args)


def _read_line(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\r\n"):
        chunk = sock.recv(1)
        if not chunk:
            break
        data += chunk
    return data


class Guarded(NamedTuple):
    """A server behind its guard, as guard() yields it."""

    url: str  # drill's URL of the server, in its database (the trusted side's)
    socket: str  # the unix socket the candidate's worker uses
    warning: str | None  # a warning code, NO_ACLS, or None
    round_trips: str  # the file of the candidate's round trips through it (read_round_trips)
    user: str | None = None  # the ACL user its connections are logged in as (None: the server has no ACLs)


@contextmanager
def guard(url: str, *, users_server: bool, cluster: bool = False) -> Iterator[Guarded]:
    """The server at `url` behind a guard of its own (Guarded). On a user's server the database is
    one that was empty, and it is emptied again on the way out; drill's own server is used as it
    is (database 0). `cluster`: the server is a node of drill's Redis Cluster (one guard per node),
    whose clients may also read the cluster's layout (CLUSTER SLOTS, NODES, ...); nothing else of
    CLUSTER."""
    import redis

    db = pick_database(url) if users_server else 0
    admin = redis.Redis.from_url(url, db=db, socket_timeout=10, socket_connect_timeout=5)
    acl_user: tuple[str, str] | None = None
    warning = None
    try:
        name, password = f"drill-{secrets.token_hex(6)}", secrets.token_hex(16)
        rules = [*ACL_RULES, *(CLUSTER_ACL_RULES if cluster else [])]
        admin.execute_command("ACL", "SETUSER", name, "reset", *rules, f">{password}")
        acl_user = (name, password)
    except redis.RedisError:
        warning = NO_ACLS
    forwarder = Forwarder(url, db, acl_user, cluster=cluster)
    base = url.split("?")[0]
    scheme, rest = base.split("://", 1)
    if scheme == "unix":
        drill_url = f"unix://{rest}?db={db}" if db else f"unix://{rest}"
    else:
        drill_url = f"{scheme}://{rest.split('/')[0]}/{db}"
    try:
        yield Guarded(drill_url, forwarder.path, warning, forwarder.round_trips.path, acl_user[0] if acl_user else None)
    finally:
        forwarder.close()
        kill_busy_script(url)
        try:
            if users_server:
                admin.flushdb()
            if acl_user:
                admin.execute_command("ACL", "DELUSER", acl_user[0])
        except redis.RedisError:
            pass
        admin.close()
