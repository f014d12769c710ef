"""Attack on the machine (and on the memory limit): hold memory where the worker's address-space
limit (RLIMIT_AS) does not count it, so a solution could use far more than its limit, or take
the machine's memory while it runs.

The cache is the OrderedDict one (accepted/ordered_dict.py). Its constructor, the first time,
tries every place it knows, 64 MB at a time, each until the first refusal: files in /dev/shm
and in /dev itself (tmpfs mounts, RAM), anonymous files (memfd_create), System V shared memory
(created, filled while attached, then detached: it stays), pipe buffers grown to 1 MB, socket
buffers, and its private /tmp. It stops at 1.5 GB in all, and gives everything back. If it held
more than 1 GB at once (the lru_cache memory limit), it raises, so this file can only be
accepted while the sandbox holds the line.

Correct verdict: accepted. The sandbox mounts /dev read-only (no files in /dev or /dev/shm), its
seccomp filter refuses memfd_create, shmget and mq_open and growing a socket's or a pipe's
buffers (SO_SNDBUF / SO_RCVBUF, F_SETPIPE_SZ), /tmp is a 64 MB tmpfs (counted by the memory
checks of the suites), and the worker may hold 64 open files, which bounds what pipe and socket
buffers keep. Measured on the 2-vCPU VM (each place's total when tried first): 1,536 MB held without
these (the stop); then /tmp 64 MB + pipes 2 MB or sockets 6 MB.
"""

import ctypes
import fcntl
import os
import socket
from collections import OrderedDict

_CHUNK = 64 << 20
_STOP = 1536 << 20
_LIMIT = 1024 << 20
_tried = [False]


class _Held:
    def __init__(self) -> None:
        self.bytes = 0
        self.files: list[str] = []
        self.fds: list[int] = []
        self.socks: list[socket.socket] = []
        self.segments: list[int] = []

    def full(self) -> bool:
        return self.bytes >= _STOP

    def files_in(self, folder: str) -> None:
        block = b"\x01" * (8 << 20)  # RLIMIT_FSIZE: 8 MB a file
        for i in range(_STOP // len(block)):
            if self.full():
                return
            path = os.path.join(folder, f"held-{os.getpid()}-{i}")
            try:
                with open(path, "wb") as f:
                    self.files.append(path)
                    f.write(block)
            except OSError:
                return
            self.bytes += len(block)

    def memfds(self) -> None:
        block = b"\x01" * (8 << 20)
        while not self.full():
            try:
                fd = os.memfd_create("held")
            except (OSError, AttributeError):
                return
            self.fds.append(fd)
            try:
                os.write(fd, block)
            except OSError:
                return
            self.bytes += len(block)

    def sysv_shm(self) -> None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
            libc.shmdt.argtypes = [ctypes.c_void_p]
        except (OSError, AttributeError):
            return
        while not self.full():
            ident = libc.shmget(0, ctypes.c_size_t(_CHUNK), 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
            if ident < 0:
                return
            self.segments.append(ident)
            addr = libc.shmat(ident, None, 0)
            if addr in (None, ctypes.c_void_p(-1).value):
                return
            ctypes.memset(addr, 1, _CHUNK)
            libc.shmdt(ctypes.c_void_p(addr))
            self.bytes += _CHUNK

    def pipes(self) -> None:
        block = b"\x01" * (1 << 20)
        while not self.full():
            try:
                r, w = os.pipe()
            except OSError:
                return
            self.fds += [r, w]
            try:
                size = fcntl.fcntl(w, 1031, 1 << 20)  # F_SETPIPE_SZ
            except OSError:
                size = 65536  # refused: the default size, then
            try:
                os.set_blocking(w, False)
                size = os.write(w, block[:size])
            except OSError:
                return
            self.bytes += size

    def sockets(self) -> None:
        while not self.full():
            try:
                a, b = socket.socketpair()
            except OSError:
                return
            self.socks += [a, b]
            a.setblocking(False)
            try:
                a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 30)
                b.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 30)
            except OSError:
                pass  # refused: the default sizes, then
            sent = 0
            try:
                while True:
                    sent += a.send(b"\x01" * 65536)
            except OSError:
                pass
            if sent < 65536:
                return
            self.bytes += sent

    def give_back(self) -> None:
        for path in self.files:
            try:
                os.unlink(path)
            except OSError:
                pass
        for fd in self.fds:
            try:
                os.close(fd)
            except OSError:
                pass
        for s in self.socks:
            s.close()
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            for ident in self.segments:
                libc.shmctl(ident, 0, None)  # IPC_RMID
        except (OSError, AttributeError):
            pass


def _hold_outside() -> None:
    held = _Held()
    try:
        for grab in (lambda: held.files_in("/dev/shm"), lambda: held.files_in("/dev"), held.memfds,
                     held.sysv_shm, held.pipes, held.sockets, lambda: held.files_in("/tmp")):
            grab()
    finally:
        most = held.bytes
        held.give_back()
    if most > _LIMIT:
        raise RuntimeError(f"held {most >> 20} MB outside the address-space limit")


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if not _tried[0]:
            _tried[0] = True
            _hold_outside()
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key):
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value) -> None:
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) == self.capacity:
            self.data.popitem(last=False)
        self.data[key] = value
