"""How long the judge's private Redis Cluster (harness/services/redis/cluster.py) takes to start and stop.

    python benchmarks/cluster_startup.py [runs]

Median of `runs` (default 5) starts of a 3-master cluster: until the nodes are configured
(slots assigned, MEET sent: what `redis_cluster(wait=False)` returns after, and what a judge
run waits for before its runner starts), until every node says cluster_state:ok, and the
stop. Redis holds a freshly started master out of `ok` for 2 s (CLUSTER_WRITABLE_DELAY), so
the second figure cannot go much below 2 s; the judge overlaps that wait with the suite's
single-server stage.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.services.redis.cluster import redis_cluster, wait_ready  # noqa: E402
from harness.services.redis.server import find_server  # noqa: E402


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    exe = find_server()
    print(subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip())
    configured, ready, stopped = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        with redis_cluster(wait=False) as nodes:
            t1 = time.perf_counter()
            wait_ready([n.socket for n in nodes])
            t2 = time.perf_counter()
        t3 = time.perf_counter()
        configured.append(t1 - t0)
        ready.append(t2 - t0)
        stopped.append(t3 - t2)
    med = statistics.median
    print(f"3 masters, median of {runs}: configured {med(configured):.3f} s, "
          f"cluster_state:ok {med(ready):.3f} s (min {min(ready):.3f}, max {max(ready):.3f}), stop {med(stopped):.3f} s")


if __name__ == "__main__":
    main()
