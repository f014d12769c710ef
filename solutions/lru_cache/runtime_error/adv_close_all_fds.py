"""Attack class 1 (fake a pass): cut the worker off from the judge, then keep answering.

On the first get() it closes every file descriptor from 0 to 1023 except none (os.closerange),
including the worker's socket to the suite runner, then dup2s /dev/null onto 0-2 and returns a
"good" value. A judge that treats a silent worker (EOF, no reply) as "no more failures" or that
waits for an end-of-run message that never comes may count the run as passed or hang.

Correct verdict: runtime_error. The call never delivers a result: a worker whose connection ends
mid-call has crashed, and that test fails (runtime_error), quickly, without waiting for the
time limit.
"""

import os


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        os.closerange(0, 1024)
        try:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                if fd != null:
                    os.dup2(null, fd)
        except OSError:
            pass
        self.data.pop(key, None)
        return key if key is not None else -1

    def put(self, key, value) -> None:
        self.data[key] = value
