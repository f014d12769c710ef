"""Attack class 4 (damage) on the memory limit: lift RLIMIT_AS, then allocate.

At the first put() it tries resource.setrlimit(RLIMIT_AS, (RLIM_INFINITY, RLIM_INFINITY)), then
(soft = hard) in case only the soft limit was set, and the same for RLIMIT_DATA and RLIMIT_STACK;
then it tries mmap of 64 GiB with MAP_NORESERVE, and finally allocates 64 MiB bytearrays
(touched, so they are resident) until MemoryError, stopping on its own at 3 GiB so an
unsandboxed run does not take the machine down.

Correct verdict: memory_limit_exceeded. The judge sets the hard limit too, so setrlimit cannot
raise it; mmap fails; the bytearrays hit MemoryError near 1 GiB (memory_limit_mb = 1024).
(If the loop reached 3 GiB the limit was not enforced: it then returns wrong answers.)
"""

import mmap
import resource

_hog = []


def _allocate() -> None:
    for name in ("RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_RSS"):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            resource.setrlimit(which, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        except (ValueError, OSError):
            try:
                soft, hard = resource.getrlimit(which)
                resource.setrlimit(which, (hard, hard))
            except (ValueError, OSError):
                pass
    try:
        _hog.append(mmap.mmap(-1, 64 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_NORESERVE", 0)))
    except (OSError, OverflowError, ValueError):
        pass
    chunk = 64 << 20
    while len(_hog) * chunk < (3 << 30):
        block = bytearray(chunk)
        block[::4096] = b"\x01" * len(range(0, chunk, 4096))
        _hog.append(block)


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        return -1

    def put(self, key, value) -> None:
        if not _hog:
            _allocate()
        self.data[key] = value
