"""Attack class 4/5 (damage, escape the timer): fork, double-fork a detached helper, spawn shells.

On the first put() it calls os.fork() up to 200 times (each child sleeps 5 s and exits, so an
unsandboxed run stops by itself), then os.setsid() + double fork for a detached child that
sleeps 3 s and writes `ADV_FORK_MARKER` into the candidate's temp dir and cwd, then
os.system("true") and subprocess.run(["/bin/true"]). It does not catch the failures.

With fork, the slow half of an LRU (the hole-skipping eviction) could run in a child whose CPU
time the parent's clock never sees; with a detached process, damage could happen after the
judge has moved on.

Correct verdict: runtime_error. seccomp forbids fork/clone: either the call fails (PermissionError
/ OSError, not caught here) or the worker is killed by the filter; both fail the first test.
If the fork did succeed, get() raises ZeroDivisionError anyway, so the file never passes.
A kit test should also check that no process outlives the run and no marker appears.
"""

import os
import subprocess
import tempfile
import time

_started = [False]


def _helpers() -> None:
    children = []
    for _ in range(200):
        pid = os.fork()
        if pid == 0:
            time.sleep(5)
            os._exit(0)
        children.append(pid)
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(3)
            for folder in (tempfile.gettempdir(), os.getcwd()):
                try:
                    with open(os.path.join(folder, "ADV_FORK_MARKER"), "w") as f:
                        f.write("a detached child outlived the judged call\n")
                except OSError:
                    pass
        os._exit(0)
    os.waitpid(pid, 0)
    os.system("true")
    subprocess.run(["/bin/true"], check=False)


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        return 1 // 0  # if every fork succeeded, still not a pass

    def put(self, key, value) -> None:
        if not _started[0]:
            _started[0] = True
            _helpers()
        self.data[key] = value
