"""Attack class 5 (escape the timer): make every in-process clock lie.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put). At import it
replaces time.process_time/perf_counter/monotonic/thread_time/time (and the _ns variants),
time.clock_gettime(_ns), resource.getrusage, os.times and os.getloadavg with versions that
advance by a fixed 1 us per call, so any timing taken inside the worker says every run costs
the same. It also lowers its own priority (os.nice(19)) and pins itself to one CPU, to look
slower to a wall clock while idle, and calls sys.setswitchinterval(1e3).

Correct verdict: too_slow. The parent reads the worker's CPU time from the kernel
(/proc/<pid>/stat, cgroup cpu.stat, or wait4's rusage), which these patches cannot touch.
"""

import os
import resource
import sys
import time

_MISSING = object()


class _SlowCore:
    """dict_next_iter: correct, but eviction skips the holes deleted keys leave: O(capacity) when every put evicts."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        value = self.data.pop(key, _MISSING)
        if value is _MISSING:
            return -1
        self.data[key] = value
        return value

    def put(self, key, value):
        if self.data.pop(key, _MISSING) is _MISSING and len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value

_ticks = [0]


def _fake_seconds(*args, **kwargs):
    _ticks[0] += 1
    return _ticks[0] * 1e-6


def _fake_ns(*args, **kwargs):
    _ticks[0] += 1
    return _ticks[0] * 1000


for _name in ("process_time", "perf_counter", "monotonic", "thread_time", "time"):
    setattr(time, _name, _fake_seconds)
    setattr(time, _name + "_ns", _fake_ns)
time.clock_gettime = _fake_seconds
time.clock_gettime_ns = _fake_ns
_real_getrusage = resource.getrusage


def _fake_getrusage(who):
    usage = list(_real_getrusage(who))
    usage[0] = usage[1] = _fake_seconds()
    return resource.struct_rusage(usage)


resource.getrusage = _fake_getrusage
os.times = lambda: os.times_result((_fake_seconds(), 0.0, 0.0, 0.0, _fake_seconds()))
try:
    os.nice(19)
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sys.setswitchinterval(1e3)
except (OSError, AttributeError, ValueError):
    pass


class LRUCache(_SlowCore):
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        super().__init__(capacity)
