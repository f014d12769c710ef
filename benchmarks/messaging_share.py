"""How much of a large-input case is messaging: `lru_cache`'s large-input case (the hidden suite's
own: 200,000 get/put calls on a 20,000-entry cache, built by tests/lru_cache/inputs.py) as the
judge runs it, against the same work done in this process.

    python benchmarks/messaging_share.py [--runs 5]

The judge sends the case's recipe, not its calls: the worker builds the calls itself, makes them,
and sends back only their summary (testing.generated, call_many(summary=...)).
  in process   building the calls, the calls on the reference, their summary: all here
  worker       the same through the sandboxed worker (the calls built there), wall time; the
               judge's own copy of the calls (for the reference) is built before, untimed
  messaging    worker - in process: everything the boundary adds (the request and answer,
               the other process's wake-ups and cold memory), an upper bound
  case         the large-input test's duration as the judge reports it (`drill test --json`)
For comparison, the old way of the same case: the 200,000 calls sent encoded (marshal) and their
200,000 results sent back (strict JSON): messaging = that - the calls in process.
All are medians of --runs, measured alternately. The share the issue bounds is messaging / case.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from harness.problems import catalogue
from harness.authoring import testing
from harness.problems.catalogue import load_module
from harness.judge import judge
from harness.worker.loading import contract_of
from harness.worker.proxies import RemoteModule, call_many
from harness.judge.runner import Workers

LARGE_CASE = "test_large_input_within_time_limit"
CAPACITY, OPERATIONS, SEED = 20_000, 200_000, 146  # the suite's


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    problem = catalogue.get("lru_cache")
    inputs = load_module("_drill_lru_inputs", problem.inputs_path)
    local = load_module("_drill_local_reference", problem.reference_path)
    rows: dict[str, list[float]] = {"inside": [], "worker": [], "calls": [], "sent": [], "case": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "solution"
        folder.mkdir()
        shutil.copy(problem.reference_path, folder / problem.file)
        workers = Workers(problem, folder, problem.file)
        workers.start_main()
        assert workers.main is not None
        assert "ok" in workers.load(workers.main)
        testing.configure(module=None, workers=workers, reference_path=problem.reference_path, inputs_path=problem.inputs_path)
        remote = RemoteModule(problem.module, contract_of(problem), workers.current)
        try:
            for run in range(args.runs):
                # With the collector off on both sides, as within_reference_budget() runs the case.
                gc.collect()
                gc.disable()
                started = time.perf_counter()
                calls = inputs.mixed_calls(CAPACITY, OPERATIONS, SEED + run)
                built = time.perf_counter()
                cache = local.LRUCache(CAPACITY)
                results = [getattr(cache, m)(*a) for m, a in calls]
                made = time.perf_counter()
                expected = inputs.hits_and_checksum(calls, results)
                rows["inside"].append(time.perf_counter() - started)
                rows["calls"].append(made - built)
                gc.enable()

                workers.main.nogc = True
                ours = testing.Generated("mixed_calls", (CAPACITY, OPERATIONS, SEED + run))()  # the judge's own copy, untimed
                started = time.perf_counter()
                got = call_many(remote.LRUCache(CAPACITY), ours, "hits_and_checksum")
                rows["worker"].append(time.perf_counter() - started)
                assert tuple(got) == expected, (got, expected)
                # The old way: the list sent, every result back.
                started = time.perf_counter()
                got = call_many(remote.LRUCache(CAPACITY), list(calls))
                rows["sent"].append(time.perf_counter() - started)
                workers.main.nogc = False
                assert got == results

                result = judge(problem, problem.reference_path)
                assert result.ok, result.message
                rows["case"].append(next(t.duration_s for t in result.tests if t.test == LARGE_CASE))
        finally:
            workers.close()
    med = {k: statistics.median(v) for k, v in rows.items()}
    messaging = med["worker"] - med["inside"]
    print(f"{OPERATIONS:,} LRU calls, median of {args.runs}: in process (build, calls, summary) {med['inside'] * 1000:.0f} ms; "
          f"through the sandboxed worker {med['worker'] * 1000:.0f} ms, so messaging is at most {messaging * 1000:.0f} ms; "
          f"the large-input case {med['case'] * 1000:.0f} ms ({min(rows['case']) * 1000:.0f}-{max(rows['case']) * 1000:.0f}): "
          f"messaging is {messaging / med['case']:.0%} of the case. The old way (calls sent, results back): "
          f"{(med['sent'] - med['calls']) * 1000:.0f} ms of messaging, {(med['sent'] - med['calls']) / med['case']:.0%} of this case")


if __name__ == "__main__":
    main()
