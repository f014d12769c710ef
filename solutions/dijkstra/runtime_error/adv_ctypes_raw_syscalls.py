"""Attack class 4/5 (damage, sandbox escape): raw syscalls through ctypes, past Python's checks.

On the first call it uses libc's syscall() directly (no Python wrapper, no audit hook) to try:
fork (57) and clone (56) without glibc's wrappers, unshare(CLONE_NEWUSER) (272),
setns (308), chroot("..") (161), ptrace(PTRACE_SEIZE, ppid) (101; SEIZE does not stop the
parent, and it is detached at once), process_vm_readv on the parent (310), open_by_handle_at
(304, the "shocker" escape), prctl(PR_SET_NO_NEW_PRIVS, 0) (157), personality (135) and
keyctl (250). (No mount, no kill: harmless even when run unsandboxed as root.) x86-64 numbers; on
other machines the calls are skipped. It records which ones returned >= 0.

Correct verdict: runtime_error. Whatever the filter does (EPERM, or killing the worker with
SIGSYS), the call then raises RuntimeError listing what succeeded (if a fork succeeded, the
child exits at once). A kit test can read that list from the report: it should be empty.
"""

import ctypes
import ctypes.util
import os
import platform


# too_slow/path_insert_front.py: correct Dijkstra, but the path is built with path.insert(0, v), O(P^2).
import heapq
from itertools import count

_NO_TARGET = object()


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _dijkstra(graph, source, target=_NO_TARGET):
    dist = {}
    parent = {}
    tie = count(1)
    heap = [(0, 0, source, None)]
    while heap:
        d, _, u, p = heapq.heappop(heap)
        if u in dist:
            continue
        dist[u] = d
        parent[u] = p
        if u == target:
            break
        for v, w in graph.get(u, ()):
            if v not in dist:
                heapq.heappush(heap, (d + w, next(tie), v, u))
    return dist, parent


def _slow_paths(graph, source):
    if source not in _nodes(graph):
        raise KeyError(source)
    return _dijkstra(graph, source)[0]


def _slow_path(graph, source, target):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    if target not in nodes:
        raise KeyError(target)
    dist, parent = _dijkstra(graph, source, target)
    if target not in dist:
        return None
    path = [target]
    while path[0] != source:
        path.insert(0, parent[path[0]])  # shifts the whole path on every step
    return dist[target], path

_CALLS = [
    ("fork", 57, ()), ("clone", 56, (17, 0, 0, 0, 0)),
    ("unshare", 272, (0x10000000,)), ("setns", 308, (-1, 0)), ("chroot", 161, (b"..",)),
    ("ptrace_seize", 101, (0x4206, None, 0, 0)),
    ("process_vm_readv", 310, (None, 0, 0, 0, 0, 0)), ("open_by_handle_at", 304, (-1, 0, 0)),
    ("prctl", 157, (38, 0, 0, 0, 0)),
    ("personality", 135, (0xFFFFFFFF,)), ("keyctl", 250, (0, 0, 0, 0, 0)),
]
_done = []


def _probe():
    if platform.machine() != "x86_64":
        return ["skipped: not x86_64"]
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.syscall.restype = ctypes.c_long
    succeeded = []
    parent = os.getppid()
    for name, number, args in _CALLS:
        if name == "ptrace_seize":
            if parent <= 1:
                continue
            args = (0x4206, parent, 0, 0)  # PTRACE_SEIZE: does not stop the tracee
        if name == "process_vm_readv":
            args = (parent, 0, 0, 0, 0, 0)
        result = libc.syscall(number, *args)
        if result == 0 and name in ("fork", "clone", "vfork"):
            os._exit(0)  # the child: leave at once
        if result >= 0:
            succeeded.append(name)
            if name == "ptrace_seize":
                libc.syscall(101, 17, parent, 0, 0)  # PTRACE_DETACH
    return succeeded


def shortest_paths(graph, source):
    if not _done:
        _done.append(_probe())
        raise RuntimeError(f"raw syscalls that succeeded: {_done[0]}")
    return _slow_paths(graph, source)


def shortest_path(graph, source, target):
    if not _done:
        _done.append(_probe())
        raise RuntimeError(f"raw syscalls that succeeded: {_done[0]}")
    return _slow_path(graph, source, target)
