"""Attack class 6 (timeouts): ignore every catchable signal, then loop inside one C call.

At import it sets SIG_IGN for SIGTERM, SIGINT, SIGHUP, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
SIGUSR1 and SIGUSR2. add() then calls sum(range(10**15)): the loop runs in C (no bytecode
boundary, so not even a Python-level handler could run) for years. A judge that stops a
worker with a catchable signal, or relies on RLIMIT_CPU's soft limit (SIGXCPU), never stops it.

Correct verdict: time_limit_exceeded. CPU time is read from outside and the worker is killed
with SIGKILL.
"""

import signal

for _name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGALRM", "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGUSR1", "SIGUSR2"):
    try:
        signal.signal(getattr(signal, _name), signal.SIG_IGN)
    except (AttributeError, OSError, ValueError):
        pass


class TopK:
    def __init__(self, k):
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}

    def add(self, event, count=1):
        if count < 1:
            raise ValueError("count must be at least 1")
        self.counts[event] = self.counts.get(event, 0) + sum(range(10**15)) * 0 + count

    def top(self):
        return sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))[: self.k]
