"""`drill dev verify` over every problem, several runs, with one core kept busy: the figures the
complexity issue asks for (mismatches, how often `inconclusive` occurred, the margins).

    python benchmarks/verify_runs.py [--runs 5] [--hog] [--parallel 2] [--out runs.json] [SLUG ...]

Each run verifies the problems `--parallel` at a time (as the kit's test does); `--hog` keeps
a busy loop on one core for the whole time. Prints one line per run and a summary, and writes
every check to `--out`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness.problems import catalogue


def verify_one(slug: str, workspace: Path) -> dict:
    env = {**os.environ, "DRILL_WORKSPACE": str(workspace)}
    out = subprocess.run([sys.executable, "-m", "harness.cli", "dev", "verify", slug, "--json"],
                         capture_output=True, text=True, env=env, timeout=3600)
    if not out.stdout.strip().startswith("{"):
        raise SystemExit(f"drill dev verify {slug}: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def one_run(slugs: list[str], parallel: int) -> tuple[list[dict], float]:
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=parallel) as pool:
        reports = list(pool.map(lambda s: verify_one(s, Path(tmp) / s), slugs))
    return [c for r in reports for c in r["checks"]], time.monotonic() - started


# The first marker a summary holds names the rule (the third size's summary also says "running time grows").
FAILED_BY = {"once a cost the same in every run is set aside": "growth at a third size (G_d, E_d)",
             "running time grows": "growth G > 4", "the extra time per run grows": "excess E > 2 (with G > 1.3)",
             "x slower than the reference": "over 25x the reference", "ran past its cap": "a run past its cap"}


def failed_by(check: dict) -> str:
    text = check.get("complexity_summary") or ""
    return next((why for marker, why in FAILED_BY.items() if marker in text), "the run itself (raised, died, moved work, ...)")


def summary(checks: list[dict]) -> dict:
    bad = [f"{c['problem']}/{c['solution']}: expected {c['expected']}, got {c['verdict']}"
           f" (complexity {c.get('complexity')})" for c in checks if not c["ok"]]
    accepted_g = [c["complexity_g"] for c in checks if c.get("complexity_required") == "pass" and c.get("complexity_g") is not None]
    slow = [c for c in checks if c.get("complexity_required") == "fail"]
    slow_g = [c["complexity_g"] for c in slow if failed_by(c) == "growth G > 4"]
    by: dict[str, int] = {}
    for c in slow:
        by[failed_by(c)] = by.get(failed_by(c), 0) + 1
    return {
        "checks": len(checks),
        "mismatches": bad,
        "inconclusive": sum(c.get("complexity") == "inconclusive" for c in checks),
        "largest_accepted_g": max(accepted_g, default=None),
        "smallest_g_of_slow_failing_on_g": min(slow_g, default=None),
        "slow_checked": len(slow),
        "slow_failed_by": by,
        # Slow files that failed on growth alone while under SLOWDOWN_FAIL at n2: a cost added to every
        # run flattens growth, so only a larger n2 (where they pass 25x) makes their fail certain.
        "slow_under_25x_at_n2": under_25x(slow),
        "longest_bench_s_accepted": max((c.get("complexity_s") or 0 for c in checks if c.get("complexity_required") == "pass"), default=None),
        "longest_bench_s_slow": max((c.get("complexity_s") or 0 for c in slow), default=None),
        "seconds": seconds(checks),
    }


def under_25x(slow: list[dict]) -> dict[str, float]:
    """Each slow file that failed on growth alone while under 25x the reference at n2, with the
    largest slowdown it was measured at there."""
    out: dict[str, float] = {}
    for c in slow:
        if failed_by(c) in ("growth G > 4", "excess E > 2 (with G > 1.3)") and c.get("complexity_slowdown") is not None \
                and c["complexity_slowdown"] < 25:
            name = f"{c['problem']}/{c['solution']}"
            out[name] = round(max(out.get(name, 0.0), c["complexity_slowdown"]), 1)
    return dict(sorted(out.items()))


def seconds(checks: list[dict]) -> dict[str, int]:
    """Where a verify's time goes: the hidden tests of every file, and the bench by what it must say
    (pass: accepted files; fail: too_slow and time_limit_exceeded files; other: files whose bench only
    has to run)."""
    split = {"tests": 0.0, "bench_must_pass": 0.0, "bench_must_fail": 0.0, "bench_other": 0.0}
    for c in checks:
        bench = c.get("complexity_s") or 0.0
        split["tests"] += max(0.0, c["duration_s"] - bench)
        split[{"pass": "bench_must_pass", "fail": "bench_must_fail"}.get(c.get("complexity_required"), "bench_other")] += bench
    return {k: round(v) for k, v in split.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--hog", action="store_true", help="keep one core busy meanwhile")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    slugs = args.slugs or [p.slug for p in catalogue.problems()]
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.hog else None
    runs = []
    try:
        for i in range(args.runs):
            checks, took = one_run(slugs, args.parallel)
            s = summary(checks) | {"run": i + 1, "wall_s": round(took, 1)}
            runs.append({"summary": s, "checks": checks})
            print(json.dumps(s), flush=True)
            if args.out:
                args.out.write_text(json.dumps(runs, indent=1))
    finally:
        if hog:
            hog.kill()
    every = [c for r in runs for c in r["checks"]]
    print("all runs:", json.dumps(summary(every) | {"runs": len(runs)}))


def resummarise(path: Path) -> None:
    """The summaries again, from a file --out wrote (e.g. after changing summary()), or from a folder
    of `drill dev verify SLUG --json` outputs (SLUG.json each, one run)."""
    if path.is_dir():
        runs = [{"checks": [c for f in sorted(path.glob("*.json")) for c in json.loads(f.read_text())["checks"]]}]
    else:
        runs = json.loads(path.read_text())
    for run in runs:
        print(json.dumps(summary(run["checks"])))
    print("all runs:", json.dumps(summary([c for r in runs for c in r["checks"]]) | {"runs": len(runs)}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--resummarise":
        resummarise(Path(sys.argv[2]))
    else:
        main()

