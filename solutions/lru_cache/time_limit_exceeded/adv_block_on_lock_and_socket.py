"""Attack class 6 (timeouts): block forever in the kernel without using CPU.

get() takes a threading.Lock it already holds (no thread is needed for that), and if that ever
returns, blocks in recv() on one end of a socketpair nobody writes to, then in select() on
nothing, then in os.read() on an empty pipe. Each wait is a syscall that never returns and
costs no CPU time.

Correct verdict: time_limit_exceeded (wall-clock backstop), not runtime_error and not a hang of
the judge.
"""

import os
import select
import socket
import threading

_lock = threading.Lock()


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        _lock.acquire()
        _lock.acquire()  # deadlock on itself
        a, b = socket.socketpair()
        a.recv(1)
        select.select([], [], [])
        r, w = os.pipe()
        os.read(r, 1)
        return self.data.get(key, -1)

    def put(self, key, value) -> None:
        self.data[key] = value
