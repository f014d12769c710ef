"""Attack class 4 (damage): flood stdout/stderr with 1 GiB and fill /tmp.

On the first put() it ignores SIGXFSZ (so RLIMIT_FSIZE makes write() fail with EFBIG instead of
killing the process), writes 512 MiB to fd 1 and 512 MiB to fd 2 (1 GiB in all) in 1 MiB chunks, then fills its
temp dir with 1 MiB files up to 512 MiB (stopping at the first error), and leaves them there.
Every error is caught, so the run continues.

Correct verdict: wrong_answer (never refreshes on get, evicts the newest key). The judge must
cap what it keeps of the output (and its own memory must stay small while it drains the pipe),
cap the private /tmp (a tmpfs counts against host RAM, not RLIMIT_AS), and remove it afterwards.
Assumes the judge drains or discards output at pipe speed (or hands the worker a capped file):
1 GiB is then about a second of the 6 s limit, not a time_limit_exceeded.
"""

import os
import signal
import tempfile

_done = [False]
_MiB = 1 << 20


def _flood():
    try:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    except (AttributeError, OSError, ValueError):
        pass
    chunk = (b"PASSED accepted " * (_MiB // 16))
    for fd in (1, 2):
        for _ in range(512):
            try:
                os.write(fd, chunk)
            except OSError:
                break
    try:
        folder = tempfile.mkdtemp(prefix="adv_fill_")
    except OSError:
        return
    block = os.urandom(_MiB)
    for i in range(512):
        try:
            with open(os.path.join(folder, f"fill{i:04d}"), "wb") as f:
                f.write(block)
        except OSError:
            break


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
            _flood()
        if key not in self.data and len(self.data) == self.capacity:
            del self.data[next(reversed(self.data))]  # wrong: evicts the newest key
        self.data[key] = value
