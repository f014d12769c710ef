"""Attack class 6 (timeouts): wait in the kernel for a signal that never comes.

shortest_paths() blocks SIGALRM, SIGINT, SIGTERM, SIGUSR1 and SIGXCPU, then calls
signal.sigwait() on SIGUSR2 (nobody sends it), then signal.pause(), then sleeps on a futex-like
select() forever: zero CPU time, and the signals a judge might use to interrupt an in-process
call are blocked (they stay pending instead of running a handler).

Correct verdict: time_limit_exceeded. The wall-clock backstop kills the worker with SIGKILL,
which cannot be blocked.
"""

import select
import signal


def shortest_paths(graph, source):
    blocked = {getattr(signal, n) for n in ("SIGALRM", "SIGINT", "SIGTERM", "SIGUSR1", "SIGXCPU", "SIGUSR2")}
    signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    signal.sigwait({signal.SIGUSR2})
    signal.pause()
    while True:
        select.select([], [], [], 3600)


def shortest_path(graph, source, target):
    return shortest_paths(graph, source)
