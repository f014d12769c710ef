"""Attack class 6 (timeouts): spin, and when interrupted, sleep in `finally`.

find_cycle() busy-loops inside try/finally; the finally block (run when a judge raises
TimeLimitExceeded from an alarm handler, or KeyboardInterrupt from SIGINT) sleeps 10^6 s with
the alarm cancelled (signal.alarm(0), setitimer(0)) and SIGALRM/SIGINT/SIGTERM ignored. A judge
that stops the call with an in-process exception and then waits for the reply hangs; one that
only limits CPU time never fires during the sleep.

Correct verdict: time_limit_exceeded: CPU time during the spin, and the wall-clock backstop
(SIGKILL) for the sleep.
"""

import signal
import time


def _disarm():
    for name in ("SIGALRM", "SIGINT", "SIGTERM", "SIGVTALRM", "SIGPROF", "SIGXCPU"):
        try:
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        except (AttributeError, OSError, ValueError):
            pass
    try:
        signal.alarm(0)
        for which in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
            signal.setitimer(which, 0)
    except (AttributeError, OSError, ValueError):
        pass


def find_cycle(graph):
    try:
        while True:
            pass
    finally:
        _disarm()
        while True:
            time.sleep(10**6)
