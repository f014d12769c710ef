"""How much of a large-input case is messaging: `lru_cache`'s large-input case (the hidden
suite's own workload: 200,000 get/put calls, or --calls of them) as the judge runs it, against
the same calls made in this process on the same code.

    python benchmarks/messaging_share.py [--calls 200000] [--runs 5]

messaging = (the calls through the sandboxed worker with `call_many`) - (the same calls in this
process): encoding the calls, the one message, the worker's loop, decoding the answers; and
again with the list encoded before the timing, as a suite runner started ahead of a save
(watch mode) encodes the suite's ahead() values.
case      = the large-input test's duration as the judge reports it (`drill test --json`):
            building the input, the reference's run, the candidate's calls, the checks.
Both are medians of --runs, measured alternately. The share the issue bounds is messaging / case.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

from harness import catalogue
from harness.catalogue import load_module
from harness.judge import judge
from harness.judge.launch import contract_of
from harness.judge.remote import RemoteModule, call_many, keep
from harness.judge.runner import Workers

LARGE_CASE = "test_large_input_within_time_limit"


def suite_workload(problem: catalogue.Problem, calls: int) -> list[tuple[str, tuple]]:
    """The large case's own calls: the suite's _workload and _calls (seed 146), imported with a
    stand-in for the solution module (only its two helpers are used)."""
    sys.modules.setdefault(problem.module, types.SimpleNamespace(LRUCache=None))  # type: ignore[arg-type]
    spec = importlib.util.spec_from_file_location("_drill_lru_suite", problem.tests_dir / "test_lru_cache.py")
    assert spec and spec.loader
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    return suite._calls(suite._workload(20_000, calls, seed=146))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000, help="the suite's case makes 200,000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    problem = catalogue.get("lru_cache")
    calls = suite_workload(problem, args.calls)
    local = load_module("_drill_local_reference", problem.reference_path)
    inside, through, kept, case = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "solution"
        folder.mkdir()
        shutil.copy(problem.reference_path, folder / problem.file)
        workers = Workers(problem, folder, problem.file)
        workers.start_main()
        assert workers.main is not None
        assert "ok" in workers.load(workers.main)
        remote = RemoteModule(problem.module, contract_of(problem), workers.current)
        try:
            for _ in range(args.runs):
                # With the collector off on both sides, as within_reference_budget() runs the case.
                cache = local.LRUCache(20_000)
                gc.disable()
                started = time.perf_counter()
                expected = [getattr(cache, m)(*a) for m, a in calls]
                inside.append(time.perf_counter() - started)
                gc.enable()
                obj = remote.LRUCache(20_000)
                workers.main.nogc = True
                started = time.perf_counter()
                got = call_many(obj, calls)
                through.append(time.perf_counter() - started)
                assert got == expected
                # The same with the list encoded before (what a runner started ahead of a save does
                # with the suite's ahead() values): then only the worker's decoding and the answers.
                copy = list(calls)
                keep(copy, encode_now=True)
                obj = remote.LRUCache(20_000)
                started = time.perf_counter()
                got = call_many(obj, copy)
                kept.append(time.perf_counter() - started)
                workers.main.nogc = False
                assert got == expected
                result = judge(problem, problem.reference_path)
                assert result.ok, result.message
                case.append(next(t.duration_s for t in result.tests if t.test == LARGE_CASE))
        finally:
            workers.close()
    a, b, c = statistics.median(inside), statistics.median(through), statistics.median(case)
    print(f"{args.calls:,} LRU calls: in process {a * 1000:.0f} ms, through the sandboxed worker {b * 1000:.0f} ms "
          f"(messaging {(b - a) * 1000:.0f} ms, {1 - a / b:.0%} of the calls' own time); the large-input case "
          f"{c * 1000:.0f} ms ({min(case) * 1000:.0f}-{max(case) * 1000:.0f}): messaging is {(b - a) / c:.0%} of the case "
          f"(median of {args.runs}); with the calls encoded ahead of the save (watch mode): messaging "
          f"{(statistics.median(kept) - a) * 1000:.0f} ms, {(statistics.median(kept) - a) / c:.0%} of the case")


if __name__ == "__main__":
    main()
