"""Children of drill's trusted processes end with them (trusted side, standard library only).

`die_with_parent` is a preexec_fn: the suite runner, a worker started without bwrap, and
drill's own redis-servers get SIGKILL when the process that started them ends, however it ends.
"""

from __future__ import annotations

import signal
import sys
from typing import Any


def die_with_parent() -> None:
    """In a child before it starts (a preexec_fn): SIGKILL it when the process that started it
    ends, however that ends (Linux). For what has no --die-with-parent of its own: a worker
    without bwrap, the suite runner, drill's own redis-servers."""
    if _prctl is not None:
        _prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _find_prctl() -> Any:
    # Looked up once in the parent: a library lookup between fork and exec could wait forever
    # on a lock another thread held at the fork.
    if sys.platform != "linux":
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl = _find_prctl()
