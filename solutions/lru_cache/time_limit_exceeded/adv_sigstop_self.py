"""Attack class 6 (timeouts): stop itself with SIGSTOP.

get() sends SIGSTOP to its own pid. A stopped process burns no CPU and answers nothing, so a
CPU-time limit never fires; a SIGTERM is queued until SIGCONT; a judge that waits for the
worker's exit status or for its reply waits forever, and one that polls /proc/<pid>/stat may
see state "T" and misread it.

Correct verdict: time_limit_exceeded. The wall-clock backstop kills it (SIGKILL works on stopped
processes) and the test is over its limit.
"""

import os
import signal


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        while True:
            os.kill(os.getpid(), signal.SIGSTOP)

    def put(self, key, value) -> None:
        self.data[key] = value
