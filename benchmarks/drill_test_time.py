"""What a person waits for after `drill test`: the whole command's wall time on each problem's
reference, as a user runs it (a fresh process each time).

    python benchmarks/drill_test_time.py [--runs 5] [--save] [SLUG ...]

Prints the fastest and slowest run per problem. With --save, the runs go to
benchmarks/results/drill_test.json (a problem's earlier runs there are replaced); then
`python benchmarks/results/tables.py` updates docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness.problems import catalogue

RESULTS = Path(__file__).resolve().parent / "results" / "drill_test.json"


def save(path: Path, command: str, runs: dict[str, list[float]]) -> None:
    """Merge `runs` (problem -> wall seconds) into the raw file at `path`, with the machine's load."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"problems": {}}
    for slug, figures in runs.items():
        data["problems"][slug] = {"runs_s": [round(f, 3) for f in figures], "command": command,
                                  "load_average_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--save", action="store_true", help="write the runs to benchmarks/results/drill_test.json")
    parser.add_argument("slugs", nargs="*")
    args = parser.parse_args()
    drill = shutil.which("drill") or str(Path(sys.executable).with_name("drill"))
    runs: dict[str, list[float]] = {}
    for problem in catalogue.problems():
        if args.slugs and problem.slug not in args.slugs:
            continue
        figures = []
        with tempfile.TemporaryDirectory() as ws:
            for _ in range(args.runs):
                started = time.perf_counter()
                done = subprocess.run([drill, "test", problem.slug, "--file", str(problem.reference_path), "--workspace", ws],
                                      capture_output=True, text=True)
                figures.append(time.perf_counter() - started)
                if done.returncode != 0:
                    sys.exit(f"{problem.slug}: the reference was not accepted (exit {done.returncode}):\n{done.stdout[-2000:]}")
        runs[problem.slug] = figures
        print(f"{problem.slug:30} {min(figures):.2f}-{max(figures):.2f} s over {args.runs} runs")
    if args.save:
        save(RESULTS, "python benchmarks/drill_test_time.py --runs 5 --save SLUG", runs)


if __name__ == "__main__":
    main()
