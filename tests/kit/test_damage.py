"""A candidate that tries every kind of damage (fixtures/damage/damage_all.py), judged through
the CLI like a user's run: nothing outside its sandbox changes, and drill itself stays small."""

from __future__ import annotations

import json
import os
import select
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.problems.catalogue import kit_root
from harness.cli import cli
from harness.worker.policy import protections
from harness.practice.store import LOG_NAME
from harness.verdicts import ACCEPTED

FIXTURE = Path(__file__).parent / "fixtures" / "damage" / "damage_all.py"
INJECT_LINE = "INJECTED: dict = {}  # the test replaces this line"
PEAK_RSS_LIMIT_MB = 250  # drill + suite runner + worker; the flood alone is 200 MB

pytestmark = pytest.mark.skipif(
    not protections().sandboxed, reason=f"the OS sandbox is off here ({protections().why}); this test checks what it prevents"
)


def _rows(log: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{log}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        con.close()


def _stat(pid: int | str) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state, parent, ...); None if it has gone."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _proc_text(pid: int | str, name: str) -> str | None:
    try:
        return (Path("/proc") / str(pid) / name).read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None


def _processes_with(marker: str) -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        fields = _stat(pid)
        if fields is None or fields[0] == "Z":
            continue  # gone, or already dead: a killed worker waiting for its new parent (init) to reap it
        for name in ("cmdline", "comm"):
            text = _proc_text(pid, name)
            if text is not None and marker in text:
                found.append(f"{pid}: {text.strip()}")
    ps = subprocess.run(["ps", "-eo", "pid,stat,comm,args"], capture_output=True, text=True, check=False).stdout
    found += [line.strip() for line in ps.splitlines()
              if marker in line and len(line.split()) > 1 and not line.split()[1].startswith("Z") and "ps -eo" not in line]
    return found


def _markers(marker: str, trees: list[Path], folders: list[Path]) -> list[Path]:
    """Files named after `marker` anywhere in `trees`, or directly in `folders` or their harness/,
    tests/, solutions/, .drill/ (where the candidate tries to write outside the trees)."""
    found = []
    for folder in folders:
        for sub in ("", "harness", "tests", "solutions", ".drill"):
            found += [p for p in (folder / sub).glob(f"*{marker}*")]
    for root in trees:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in (".git", "__pycache__", ".venv", "node_modules")]
            found += [Path(dirpath) / f for f in filenames if marker in f]
    return found


def _ancestors(path: Path) -> list[str]:
    return [str(p) for p in [path, *path.resolve().parents]]


def _connections(*listeners: socket.socket) -> list[str]:
    seen = []
    ready, _, _ = select.select(list(listeners), [], [], 0)
    for sock in ready:
        if sock.type == socket.SOCK_STREAM:
            conn, addr = sock.accept()
            seen.append(f"tcp from {addr}: {conn.recv(100)!r}")
            conn.close()
        else:
            seen.append(f"udp: {sock.recvfrom(100)!r}")
    return seen


def test_a_candidate_that_tries_every_damage_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = "dmg" + uuid.uuid4().hex[:12]  # 15 characters: fits in a process name
    root = kit_root()
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    monkeypatch.setenv("DRILL_WORKSPACE", str(workspace))
    host_marker = Path("/tmp") / f"{marker}.host"

    # A previous run, so the attempt log exists and has rows to keep.
    previous = root / "solutions" / "lru_cache" / "wrong_answer" / "off_by_one.py"
    first = CliRunner().invoke(cli, ["check", "lru_cache", "--file", str(previous), "--json"])
    assert first.exit_code != 0 and '"verdict": "wrong_answer"' in first.stdout, first.stdout
    log = workspace / ".drill" / LOG_NAME
    before = _rows(log)
    assert len(before["runs"]) == 1

    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    candidate = tmp_path / "candidate" / "lru_cache.py"
    candidate.parent.mkdir()
    try:
        tcp.bind(("127.0.0.1", 0))
        tcp.listen(8)
        udp.bind(("127.0.0.1", 0))
        injected = {
            "marker": marker,
            "kit_guesses": [str(root), str(root.parent), str(Path.home()), "/tmp", str(tmp_path)],
            "workspace_guesses": [str(workspace)],
            "tcp_port": tcp.getsockname()[1],
            "udp_port": udp.getsockname()[1],
            "host_marker": str(host_marker),
        }
        guesses = [Path(p) for p in {*injected["kit_guesses"], *_ancestors(candidate), *_ancestors(Path.cwd()),
                                     "/work/main", "/work", "/root", "/home", "/srv", "/opt", "/usr/src"}]
        source = FIXTURE.read_text()
        assert source.count(INJECT_LINE) == 1
        candidate.write_text(source.replace(INJECT_LINE, f"INJECTED = {injected!r}"))

        # drill as its own process, so that its peak memory (and its children's) can be read.
        out_path = tmp_path / "check.json"
        with open(out_path, "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-c", "from harness.cli import cli; cli()", "check", "lru_cache", "--file", str(candidate), "--json"],
                stdout=out, stderr=subprocess.PIPE, env={**os.environ, "DRILL_WORKSPACE": str(workspace)},
            )
            assert proc.stderr is not None
            err = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        data = json.loads(out_path.read_text())
        peak_mb = usage.ru_maxrss / 1024

        assert data["verdict"] != ACCEPTED and proc.returncode != 0, data
        assert data["verdict"] == "wrong_answer", (data["verdict"], data.get("message"), err[-2000:])

        def damage() -> list[str]:
            found = [f"marker file {p}" for p in _markers(marker, [root, workspace, tmp_path], guesses)]
            found += [f"host marker {host_marker}"] if host_marker.exists() else []
            found += [f"process {p}" for p in _processes_with(marker)]
            found += _connections(tcp, udp)
            return found

        assert damage() == []
        time.sleep(3)  # a child that slept 2 s would have written its marker by now
        assert damage() == []

        after = _rows(log)
        assert set(after) == set(before)
        for table, rows in before.items():
            assert after[table][: len(rows)] == rows, table
        new = {t: after[t][len(before[t]):] for t in after}
        # One new run, and the source it judged (kept once per sha256 for `drill history --show`).
        assert len(new["runs"]) == 1 and len(new.get("sources", [])) <= 1, new
        assert all(not rows for t, rows in new.items() if t not in ("runs", "sources")), new
        columns = [c[1] for c in sqlite3.connect(log).execute("PRAGMA table_info(runs)")]
        row = dict(zip(columns, new["runs"][0]))
        assert row["verdict"] == data["verdict"] and row["problem"] == "lru_cache"
        # The marker reaches the log only as part of the judged file, which drill keeps as it is.
        assert [row[1] for row in new.get("sources", [])] in ([], [candidate.read_bytes()]), new.get("sources")
        assert all(marker not in repr(rows) for t, rows in after.items() if t != "sources")
        assert log.read_bytes().count(marker.encode()) <= candidate.read_bytes().count(marker.encode())

        assert len(data["first_failure"].get("output") or "") < 5000
        assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak RSS of drill and its children: {peak_mb:.0f} MB"
    finally:
        tcp.close()
        udp.close()
        for leftover in _markers(marker, [root], [Path("/tmp"), Path.home()]):
            leftover.unlink(missing_ok=True)
        host_marker.unlink(missing_ok=True)


_BUSY_LIMITER = '''
class RateLimiter:
    def __init__(self, redis, limit, window):
        self.redis = redis

    def allow(self, key):
        while True:  # keeps the worker busy until drill is stopped
            pass
'''


def _descendants(root: int) -> dict[int, str]:
    """Every live process under `root`: pid -> its command line."""
    children: dict[int, list[int]] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        fields = _stat(pid)
        if fields is not None and fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(pid))
    found, todo = {}, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        cmd = _proc_text(pid, "cmdline")
        if cmd is not None:
            found[pid] = cmd
            todo += children.get(pid, [])
    return found


def _alive(pids: dict[int, str]) -> list[str]:
    return [f"{pid}: {cmd}" for pid, cmd in pids.items() if (fields := _stat(pid)) is not None and fields[0] != "Z"]


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP", "SIGKILL"])
def test_drill_stopped_by_a_signal_leaves_nothing_running(tmp_path: Path, sig: str) -> None:
    """`kill`, a closed terminal or `kill -9` in the middle of a run with its own Redis server:
    the suite runner, the worker, its sandbox and the server all end with drill. SIGTERM and
    SIGHUP are handled as Ctrl-C (exit 128 + the signal), so drill's temp folders go too."""
    import signal as signals

    from harness.services.redis.server import find_server

    if find_server() is None:
        pytest.skip("no redis-server here")
    temp = tmp_path / "tmp"
    temp.mkdir()
    candidate = tmp_path / "rate_limiter.py"
    candidate.write_text(_BUSY_LIMITER)
    env = {**os.environ, "TMPDIR": str(temp), "DRILL_WORKSPACE": str(tmp_path / "ws")}
    drill = subprocess.Popen([sys.executable, "-m", "harness.cli", "test", "rate_limiter", "--file", str(candidate)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        started: dict[int, str] = {}
        while time.monotonic() < deadline and drill.poll() is None:
            started = _descendants(drill.pid)
            if any("worker.py" in c for c in started.values()) and any("redis-server" in c for c in started.values()):
                break
            time.sleep(0.1)
        assert drill.poll() is None, drill.stderr.read() if drill.stderr else ""
        assert any("harness.judge.runner" in c for c in started.values()), started
        drill.send_signal(getattr(signals, sig))
        code = drill.wait(timeout=60)
        for _ in range(50):  # the kernel ends them as their parents end: give it a moment
            if not _alive(started):
                break
            time.sleep(0.1)
        assert _alive(started) == []
        if sig != "SIGKILL":
            assert code == 128 + getattr(signals, sig)
            assert list(temp.iterdir()) == []
    finally:
        if drill.poll() is None:
            drill.kill()
        for pid in _descendants(drill.pid):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
