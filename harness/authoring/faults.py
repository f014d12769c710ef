"""Faults on drill's own Redis servers, for hidden suites that judge what a solution does when a
server crashes or hangs (`from harness.authoring.faults import Faults`). Trusted side only: the
suite runner signals the servers; the candidate's worker, in its own pid namespace, cannot.

- `crash(i)`: SIGKILL; new connections are refused, open ones reset.
- `hang(i)`: SIGSTOP; the server accepts nothing and answers nothing, so calls time out.
  `resume(i)` sends SIGCONT. A small watcher process sends SIGCONT too if the runner dies while
  the server is stopped, so that drill's teardown never waits on a stopped server.
- `restart(i)`: a crashed server comes back, empty, on the same socket, as drill started it
  (harness.services.redis.server.start_private_server), with the ACL users redis_guard had made on it
  (ACL LIST, read before the crash, replayed), so the candidate's guard socket reaches it again.
  The new server is the runner's child and ends with it (die_with_parent).

A server the runner restarted ends with that runner, but `drill watch` keeps its servers for as
long as it runs and starts a runner per save: `revive()`, at the start of a suite, brings back any
server an earlier runner of the same watch crashed, restarted, or left stopped, from the recipe
(`drill-faults.json`) crash() and hang() keep in the server's private folder.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.authoring.testing import JudgeFault, redis_urls
from harness.services.redis.server import find_server, start_private_server

RECIPE = "drill-faults.json"


@dataclass
class _Server:
    url: str
    socket: Path
    pid: int | None = None
    acl: list[list[str]] = field(default_factory=list)
    restarted: subprocess.Popen | None = None
    watcher: subprocess.Popen | None = None


class Faults:
    """The run's servers (harness.authoring.testing.redis_urls()), by index, and the faults done to them."""

    def __init__(self) -> None:
        import redis

        self.servers: list[_Server] = []
        for url in redis_urls():
            path = redis.connection.parse_url(url).get("path")
            if not path:
                raise RuntimeError("faults need drill's own Redis servers (unix sockets), not --redis-url")
            self.servers.append(_Server(url, Path(path)))
        self._admins: dict[int, Any] = {}

    # --- reading the servers -----------------------------------------------------------------

    def client(self, index: int, timeout_s: float = 2.0) -> Any:
        """A trusted client of server `index`, on its own socket (not the candidate's guard)."""
        import redis

        return redis.Redis.from_url(self.servers[index].url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)

    def admin(self, index: int) -> Any:
        """The suite's own client of server `index` (kept; a new one after a crash or a restart)."""
        if index not in self._admins:
            self._admins[index] = self.client(index)
        return self._admins[index]

    def _drop_admin(self, index: int) -> None:
        client = self._admins.pop(index, None)
        if client is not None:
            client.close()

    def answers(self, index: int, timeout_s: float = 0.5) -> bool:
        client = self.client(index, timeout_s)
        try:
            return bool(client.ping())
        except Exception:  # noqa: BLE001 - any failure means it does not answer
            return False
        finally:
            client.close()

    def pid(self, index: int) -> int:
        """The server's process id, from INFO server (read once, while it answers)."""
        server = self.servers[index]
        if server.pid is None:
            client = self.client(index)
            try:
                server.pid = int(client.info("server")["process_id"])
            finally:
                client.close()
        return server.pid

    def stopped(self, index: int) -> bool:
        """Whether the server is stopped (SIGSTOP), read from /proc: the state the judge left it in."""
        return _state(self.pid(index)) == "T"

    # --- faults --------------------------------------------------------------------------------

    def crash(self, index: int) -> None:
        server = self.servers[index]
        pid = self.pid(index)
        self._save_recipe(index)
        self._drop_admin(index)
        os.kill(pid, signal.SIGKILL)
        if server.restarted is not None and server.restarted.pid == pid:
            server.restarted.wait()
            server.restarted = None
        _wait_for(lambda: _state(pid) in ("Z", "X", None), f"server {index} to die after SIGKILL")
        server.pid = None

    def hang(self, index: int) -> None:
        server = self.servers[index]
        pid = self.pid(index)
        self._save_recipe(index)
        # Sends SIGCONT when its stdin closes: when resume() closes it, or when the runner dies.
        server.watcher = subprocess.Popen(["sh", "-c", f"read _; kill -CONT {pid} 2>/dev/null"], stdin=subprocess.PIPE,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.kill(pid, signal.SIGSTOP)
        _wait_for(lambda: _state(pid) == "T", f"server {index} to stop after SIGSTOP")

    def resume(self, index: int) -> None:
        server = self.servers[index]
        if server.pid is not None:
            try:
                os.kill(server.pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        if server.watcher is not None:
            assert server.watcher.stdin is not None
            server.watcher.stdin.close()
            server.watcher.wait()
            server.watcher = None
        if server.pid is not None:
            pid = server.pid
            _wait_for(lambda: _state(pid) != "T", f"server {index} to go on after SIGCONT")

    def restart(self, index: int) -> None:
        """A crashed server comes back, empty, on the same socket."""
        server = self.servers[index]
        executable = find_server()
        if executable is None:
            raise JudgeFault("no redis-server to restart")
        proc = start_private_server(executable, server.socket.parent, server.socket, ["--port", "0"])
        server.restarted = proc
        self._drop_admin(index)
        _wait_for(lambda: self.answers(index, 0.3) or proc.poll() is not None, f"server {index} to answer after a restart", 10)
        if proc.poll() is not None:
            raise JudgeFault(f"the restarted redis-server {index} exited at once (status {proc.returncode})")
        client = self.client(index)
        try:
            for user in server.acl or self._load_recipe(index):
                client.execute_command("ACL", "SETUSER", user[0], "reset", *user[1:])
            server.pid = int(client.info("server")["process_id"])
        finally:
            client.close()

    def revive(self) -> None:
        """Every server answering again, whatever an earlier runner of the same `drill watch` left."""
        for index, server in enumerate(self.servers):
            recipe = self._load_recipe_file(index)
            pid = recipe.get("pid") if recipe else None
            if pid and _state(pid) == "T":
                os.kill(pid, signal.SIGCONT)
                _wait_for(lambda: _state(pid) != "T", f"server {index} to go on after SIGCONT")
            if not self.answers(index):
                if recipe is None:
                    raise JudgeFault(f"Redis server {index} of this run does not answer")
                server.acl = recipe["acl"]
                self.restart(index)

    def close(self) -> None:
        """Resume whatever is still stopped; a restarted server stays up until the runner ends."""
        for index, server in enumerate(self.servers):
            if server.watcher is not None:
                self.resume(index)
        for index in list(self._admins):
            self._drop_admin(index)

    # --- the recipe kept in the server's folder -------------------------------------------------

    def _save_recipe(self, index: int) -> None:
        server = self.servers[index]
        client = self.client(index)
        try:
            lines = client.execute_command("ACL", "LIST")
        finally:
            client.close()
        users = [line.decode().split() for line in lines]
        server.acl = [words[1:] for words in users if len(words) > 2 and words[0] == "user" and words[1] != "default"]
        path = server.socket.parent / RECIPE
        path.write_text(json.dumps({"pid": server.pid, "acl": server.acl}), encoding="utf-8")
        path.chmod(0o600)

    def _load_recipe_file(self, index: int) -> dict[str, Any] | None:
        try:
            return json.loads((self.servers[index].socket.parent / RECIPE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _load_recipe(self, index: int) -> list[list[str]]:
        recipe = self._load_recipe_file(index)
        return recipe["acl"] if recipe else []


def _state(pid: int) -> str | None:
    """The process state letter from /proc (R, S, T, Z, ...), or None if there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    return data[data.rindex(b")") + 2:][:1].decode()


def _wait_for(condition: Any, what: str, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise JudgeFault(f"the judge waited {timeout_s:g} s for {what}")
        time.sleep(0.005)
