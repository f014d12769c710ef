"""Attack class 4/6 (memory): ask for a huge anonymous mapping, touch it, then creep in small steps.

find_cycle() first maps 16 GiB anonymously (mmap.mmap(-1, ...)) and writes one byte per page; if
the mapping is refused (ENOMEM under RLIMIT_AS, an OSError, not a MemoryError), it falls back to
a dict that maps every node to a fresh 1 MiB bytes object per visit, growing until the
allocator fails. Both stop by themselves at 3 GiB so an unsandboxed run cannot take the machine.

Correct verdict: memory_limit_exceeded: the mapping fails, then the creep raises MemoryError near
1 GiB (memory_limit_mb = 1024), in the candidate's call, uncaught.
"""

import mmap

_LIMIT = 3 << 30
_hog = []


def find_cycle(graph):
    try:
        area = mmap.mmap(-1, 16 << 30)
        for offset in range(0, min(len(area), _LIMIT), mmap.PAGESIZE):
            area[offset] = 1
        _hog.append(area)
    except (OSError, OverflowError, ValueError):
        pass
    grown = 0
    i = 0
    while grown < _LIMIT:
        _hog.append(bytes(1 << 20) + bytes([i % 256]))
        grown += 1 << 20
        i += 1
    return None
