"""Save-to-verdict of `drill watch` for each problem: the judge child is spawned ahead
(the suite runner and its worker, as watch does after every run), then the reference is 'saved' and judged.

    python benchmarks/watch_latency.py [--runs 5] [--save | --last] [SLUG ...]

Adds the watcher's debounce (harness.practice.watch.DEBOUNCE_MS) to each figure. With --save, the runs
go to benchmarks/results/watch_latency.json (a problem's earlier runs there are replaced); then
`python benchmarks/results/tables.py` updates docs/performance.md. With --last, only the last
save's seconds are printed (judge_overhead.py --command watch runs this file with an older kit's
Python, whose modules had other homes: hence the second import path).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

try:
    from harness.problems import catalogue
    from harness.practice.watch import DEBOUNCE_MS
except ImportError:  # the kit before its rooms (judge_overhead.py --old)
    from harness import catalogue  # type: ignore[no-redef]
    from harness.watch import DEBOUNCE_MS  # type: ignore[no-redef]
from harness.judge import judge, judge_environment, prepare_judge

RESULTS = Path(__file__).resolve().parent / "results" / "watch_latency.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--save", action="store_true", help="write the runs to benchmarks/results/watch_latency.json")
    parser.add_argument("--last", action="store_true", help="print only the last save's seconds (judge_overhead.py reads it)")
    parser.add_argument("slugs", nargs="*")
    args = parser.parse_args()
    saved = json.loads(RESULTS.read_text(encoding="utf-8")) if args.save and RESULTS.exists() else {"problems": {}}
    for problem in catalogue.problems():
        if args.slugs and problem.slug not in args.slugs:
            continue
        with tempfile.TemporaryDirectory() as tmp, judge_environment(problem) as env:
            target = Path(tmp) / problem.file
            shutil.copy(problem.reference_path, target)
            figures = []
            result = None
            for _ in range(args.runs):
                child = prepare_judge(problem, env, last=result)  # as watch does: split by the last run's durations
                time.sleep(2.0)  # the user is typing; the child finishes its imports meanwhile
                target.touch()
                started = time.perf_counter()
                result = judge(problem, target, prepared=child)
                figures.append(time.perf_counter() - started + DEBOUNCE_MS / 1000)
                assert result.ok, result.message
            if args.last:
                print(figures[-1])
                continue
            print(f"{problem.slug:16} save-to-verdict median {statistics.median(figures):.2f} s, max {max(figures):.2f} s over {args.runs} saves")
            saved["problems"][problem.slug] = {"runs_s": [round(f, 3) for f in figures], "load_average_1m": round(os.getloadavg()[0], 2),
                                               "command": "python benchmarks/watch_latency.py --runs 5 --save SLUG", "cpus": os.cpu_count()}
    if args.save:
        RESULTS.write_text(json.dumps(saved, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
