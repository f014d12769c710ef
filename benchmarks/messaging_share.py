"""How much of a large-input case is messaging: 10^5 LRU calls sent with `call_many` to a sandboxed
worker, against the same calls made in this process on the same code (what the worker computes).

    python benchmarks/messaging_share.py [--calls 100000] [--runs 5]

messaging share = 1 - in_process / through_the_worker, each the median of --runs, alternating.
The worker's side includes encoding the calls, the one message, the worker's loop over them and
decoding the 10^5 answers: everything the sandbox adds to a case.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from harness import catalogue
from harness.catalogue import load_module
from harness.judge.remote import RemoteModule, call_many
from harness.judge.launch import contract_of
from harness.judge.runner import Workers


def workload(n: int) -> list[tuple[str, tuple]]:
    rng = random.Random(1)
    return [("get", (rng.randrange(2000),)) if rng.random() < 0.5 else ("put", (rng.randrange(2000), i)) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    problem = catalogue.get("lru_cache")
    calls = workload(args.calls)
    local = load_module("_drill_local_reference", problem.reference_path)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "solution"
        folder.mkdir()
        shutil.copy(problem.reference_path, folder / problem.file)
        workers = Workers(problem, folder, problem.file)
        workers.start_main()
        assert workers.main is not None
        assert "ok" in workers.load(workers.main)
        remote = RemoteModule(problem.module, contract_of(problem), workers.current)
        inside, through = [], []
        try:
            for _ in range(args.runs):
                cache = local.LRUCache(1000)
                started = time.perf_counter()
                expected = [getattr(cache, m)(*a) for m, a in calls]
                inside.append(time.perf_counter() - started)
                obj = remote.LRUCache(1000)
                started = time.perf_counter()
                got = call_many(obj, calls)
                through.append(time.perf_counter() - started)
                assert got == expected
        finally:
            workers.close()
    a, b = statistics.median(inside), statistics.median(through)
    print(f"{args.calls:,} LRU calls: in process {a * 1000:.0f} ms, through the sandboxed worker {b * 1000:.0f} ms; "
          f"messaging share {1 - a / b:.0%} (median of {args.runs})")


if __name__ == "__main__":
    main()
