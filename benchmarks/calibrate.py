"""Margins of the complexity verdicts, for the README: run `drill bench` on every known
accepted and known-slow solution several times and report the spread of G.

    python benchmarks/calibrate.py --runs 5 --out calibration.json [--hog]

--hog keeps one core busy with another process for the whole measurement. Slow
solutions stopped by the probe cap have G = inf (the cap is the decision).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import sys
import time
from collections import defaultdict
from pathlib import Path

from harness.problems import catalogue
from harness.bench import has_bench, measure_complexity

SLOW = ("too_slow", "time_limit_exceeded")


def _hog() -> None:
    while True:
        pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("calibration.json"))
    parser.add_argument("--hog", action="store_true", help="keep one core busy meanwhile")
    parser.add_argument("problems", nargs="*")
    args = parser.parse_args()

    hog = None
    if args.hog:
        hog = multiprocessing.Process(target=_hog, daemon=True)
        hog.start()
    problems = [catalogue.get(s) for s in args.problems] if args.problems else [p for p in catalogue.problems() if has_bench(p)]
    rows = []
    started = time.monotonic()
    try:
        for run in range(args.runs):
            for problem in problems:
                for submission in problem.submissions():
                    if submission.expected != "accepted" and submission.expected not in SLOW:
                        continue
                    if submission.path.stem in ("infinite_loop", "c_level_loop"):
                        continue  # broken, not slow: the probe stops them, nothing to measure
                    report = measure_complexity(problem, submission.path)
                    gs = [f.g for f in report.timed] + [c.g for c in report.counted if c.verdict == "fail"]
                    rows.append(
                        {
                            "run": run,
                            "problem": problem.slug,
                            "solution": submission.name,
                            "expected": "pass" if submission.expected == "accepted" else "fail",
                            "verdict": report.verdict,
                            "timed_g": {f.name: f.g for f in report.timed},
                            "counted_g": {c.name: c.g for c in report.counted},
                            "worst_g": max(gs, default=0.0),
                            "duration_s": report.duration_s,
                        }
                    )
                    print(f"run {run} {problem.slug:16} {submission.name:45} {report.verdict:12} G {rows[-1]['worst_g']:.2f} {report.duration_s:.1f}s", flush=True)
    finally:
        if hog is not None:
            hog.terminate()
    accepted = [r for r in rows if r["expected"] == "pass"]
    slow = [r for r in rows if r["expected"] == "fail"]
    outcome = defaultdict(int)
    for r in rows:
        outcome[f"{r['expected']}->{r['verdict']}"] += 1
    finite_slow = [g for r in slow for g in r["timed_g"].values() if math.isfinite(g) and g > 0]
    summary = {
        "runs": args.runs,
        "hog": args.hog,
        "verdicts": dict(outcome),
        "largest_accepted_g": max((g for r in accepted for g in r["timed_g"].values()), default=None),
        "smallest_slow_worst_g": min((r["worst_g"] for r in slow), default=None),
        "smallest_slow_finite_worst_g": min((r["worst_g"] for r in slow if math.isfinite(r["worst_g"])), default=None),
        "slow_stopped_by_probe": sum(1 for r in slow if not math.isfinite(r["worst_g"])),
        "largest_finite_slow_g": max(finite_slow, default=None),
        "accepted_bench_s": max((r["duration_s"] for r in accepted), default=None),
        "slow_bench_s": max((r["duration_s"] for r in slow), default=None),
        "wall_s": round(time.monotonic() - started, 1),
    }
    args.out.write_text(json.dumps({"summary": summary, "rows": rows}, indent=2, default=str) + "\n")
    print(json.dumps(summary, indent=2, default=str))
    wrong = [r for r in rows if (r["expected"] == "pass") != (r["verdict"] in ("pass", "inconclusive")) or (r["expected"] == "fail" and r["verdict"] != "fail")]
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
