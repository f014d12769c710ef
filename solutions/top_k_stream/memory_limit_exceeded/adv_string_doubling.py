"""Attack class 4/6 (memory): grow one string by doubling until the allocator gives up.

add() keeps a history string per event and doubles it on every call (s = s + s), starting from
the event name plus 1 MiB: 30 doublings ask for 1 PiB. Each step is one C-level allocation and
copy; the process' address space hits RLIMIT_AS within about ten adds. It stops itself at 2 GiB
of string (never reached under the limit) so an unsandboxed run cannot eat the machine.

Correct verdict: memory_limit_exceeded: the statement example's adds raise MemoryError in the
candidate's add(), uncaught.
"""


class TopK:
    def __init__(self, k):
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.history = "x" * (1 << 20)

    def add(self, event, count=1):
        if count < 1:
            raise ValueError("count must be at least 1")
        self.counts[event] = self.counts.get(event, 0) + count
        while len(self.history) < (2 << 30):
            self.history = self.history + self.history

    def top(self):
        return sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))[: self.k]
