"""`drill dev verify` with one shared suite runner per problem against one runner per file
(`--no-share`), side by side: the wall time of each, and whether every file got the same
verdict and bench outcome both ways (issue: the sharing must never change a verdict).

    python benchmarks/verify_sharing.py [--no-bench] [--out benchmarks/results/verify_sharing.json] [SLUG ...]

Each problem is verified both ways, one after the other, the order alternating from problem to
problem so that a change in the machine's load falls on both. Exits 1 if any file's verdict
differs between the two ways.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness.problems import catalogue


def verify(slug: str, share: bool, no_bench: bool, workspace: Path) -> tuple[dict, float]:
    args = [sys.executable, "-m", "harness.cli", "dev", "verify", slug, "--json"]
    args += [] if share else ["--no-share"]
    args += ["--no-bench"] if no_bench else []
    started = time.monotonic()
    out = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "DRILL_WORKSPACE": str(workspace)}, timeout=7200)
    elapsed = time.monotonic() - started
    if not out.stdout.strip().startswith("{"):
        raise SystemExit(f"drill dev verify {slug}{'' if share else ' --no-share'}: {out.stderr[-2000:]}")
    return json.loads(out.stdout), elapsed


def outcomes(report: dict) -> dict[str, tuple[str, str | None]]:
    return {c["path"]: (c["verdict"], c.get("complexity")) for c in report["checks"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--no-bench", action="store_true", help="the hidden tests only (drill dev verify --no-bench)")
    parser.add_argument("--out", type=Path, help="write the figures and every difference as JSON")
    args = parser.parse_args()
    slugs = args.slugs or [p.slug for p in catalogue.problems()]
    rows, differences = [], []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for i, slug in enumerate(slugs):
            times: dict[bool, float] = {}
            reports: dict[bool, dict] = {}
            for share in ((True, False) if i % 2 == 0 else (False, True)):
                reports[share], times[share] = verify(slug, share, args.no_bench, Path(tmp) / f"{slug}-{share}")
            shared, alone = outcomes(reports[True]), outcomes(reports[False])
            differ = [{"problem": slug, "file": path, "shared": shared.get(path), "alone": alone.get(path)}
                      for path in sorted(set(shared) | set(alone)) if shared.get(path) != alone.get(path)]
            differences += differ
            row = {"problem": slug, "files": len(shared), "shared_s": round(times[True], 1), "alone_s": round(times[False], 1),
                   "speedup": round(times[False] / times[True], 2), "differences": len(differ),
                   "mismatches_shared": reports[True]["mismatches"], "mismatches_alone": reports[False]["mismatches"]}
            rows.append(row)
            print(f"{slug:30} {row['files']:3} files  shared {row['shared_s']:7.1f} s  alone {row['alone_s']:7.1f} s  "
                  f"x{row['speedup']:.2f}  differences {row['differences']}", flush=True)
    total_shared, total_alone = sum(r["shared_s"] for r in rows), sum(r["alone_s"] for r in rows)
    print(f"{'all':30} {sum(r['files'] for r in rows):3} files  shared {total_shared:7.1f} s  alone {total_alone:7.1f} s  "
          f"x{total_alone / total_shared:.2f}  differences {len(differences)}")
    for d in differences:
        print(f"  differs: {d['file']}: shared {d['shared']}, alone {d['alone']}")
    if args.out:
        args.out.write_text(json.dumps({"command": " ".join(["python", "benchmarks/verify_sharing.py", *sys.argv[1:]]),
                                        "load_before": load_before, "load_after": os.getloadavg()[0], "no_bench": args.no_bench, "problems": rows,
                                        "differences": differences}, indent=1) + "\n")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
