"""What the sandboxed judge costs: `drill test` (or `drill bench`) on each problem's reference,
old judge and new side by side, alternating (each first in every other run), median of N runs each.

    python benchmarks/judge_overhead.py --old /path/to/old/venv/bin/drill [--runs 5] [--command test|check|bench|watch] [--out F] [SLUG ...]

The old judge is the in-process one of commit 7589758 (before the sandbox), installed in a
venv of its own from a worktree of that commit:

    git worktree add /tmp/drill-old 7589758
    python3 -m venv /tmp/drill-old-venv && /tmp/drill-old-venv/bin/pip install -e /tmp/drill-old

Wall time of the whole command, as a user waits for it. Each problem's reference is judged by
each kit from that kit's own solutions/ folder. `--command watch` times what `drill watch` makes
the user wait for instead: from a save to the verdict, with the runner prepared ahead as watch
prepares it after each verdict (the second save of a watch session, plus the watcher's debounce).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def reference_of(kit: Path, slug: str) -> Path:
    import tomllib

    meta = tomllib.loads((kit / "problems" / slug / "problem.toml").read_text())
    return kit / "solutions" / slug / meta["reference"]


def kit_of(drill: str) -> Path:
    """The kit folder an installed `drill` belongs to."""
    out = subprocess.run([str(Path(drill).parent / "python"), "-c", "import harness, pathlib; print(pathlib.Path(harness.__file__).parent.parent)"],
                         capture_output=True, text=True, check=True, cwd="/")  # not the cwd's harness/
    return Path(out.stdout.strip())


WATCH_LATENCY = ROOT / "benchmarks" / "watch_latency.py"


def one(drill: str, command: str, slug: str, solution: Path, workspace: Path) -> float:
    if command == "watch":
        # Two saves of the kit's own reference in one watch session, by that kit's Python; the second counts.
        out = subprocess.run([str(Path(drill).parent / "python"), str(WATCH_LATENCY), "--runs", "2", "--last", slug],
                             capture_output=True, text=True, cwd="/")
        try:
            return float(out.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            raise SystemExit(f"{drill}: watch {slug} reference got {out.stdout.strip()[-200:]} {out.stderr.strip()[-500:]}") from None
    started = time.perf_counter()
    out = subprocess.run([drill, command, slug, "--file", str(solution), "--workspace", str(workspace), "--json"],
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    verdict = json.loads(out.stdout).get("verdict") if out.stdout.strip().startswith("{") else out.stderr.strip()[-200:]
    if verdict != ("pass" if command == "bench" else "accepted"):
        raise SystemExit(f"{drill}: {command} {slug} reference got {verdict}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--old", required=True, help="the old kit's drill")
    parser.add_argument("--new", default=shutil.which("drill"), help="this kit's drill (default: drill on PATH)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--command", choices=("test", "check", "bench", "watch"), default="test")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON to this file (benchmarks/results/)")
    args = parser.parse_args()
    args.old, args.new = os.path.abspath(args.old), os.path.abspath(args.new)  # each kit's python is run from /
    kits = {"old": kit_of(args.old), "new": kit_of(args.new)}
    slugs = args.slugs or sorted(p.name for p in (kits["old"] / "problems").iterdir() if (p / "problem.toml").is_file())
    started_load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for slug in slugs:
            times: dict[str, list[float]] = {"old": [], "new": []}
            for run in range(args.runs):
                # Each kit goes first in every other run: whichever ran second was measured slower
                # (webhook_delivery on a busy machine: new/old 1.37 with the old kit always first,
                # 1.16 with the new kit always first).
                pair = (("old", args.old), ("new", args.new))
                for which, drill in pair if run % 2 == 0 else pair[::-1]:
                    times[which].append(one(drill, args.command, slug, reference_of(kits[which], slug), Path(tmp) / which))
            old, new = statistics.median(times["old"]), statistics.median(times["new"])
            rows.append((slug, old, new, new / old))
            print(f"{slug:16} old {old:6.2f} s   new {new:6.2f} s   new/old {new / old:4.2f}   "
                  f"(old {min(times['old']):.2f}-{max(times['old']):.2f}, new {min(times['new']):.2f}-{max(times['new']):.2f})", flush=True)
    figures = [{"problem": s, "old_s": round(o, 3), "new_s": round(n, 3), "ratio": round(r, 3)} for s, o, n, r in rows]
    print(json.dumps(figures))
    if args.out:
        commits = {which: subprocess.run(["git", "-C", str(kit), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
                   for which, kit in kits.items()}
        args.out.write_text(json.dumps({"command": args.command, "runs": args.runs, "machine": f"{os.cpu_count()} cores",
                                        "old_commit": commits["old"], "new_commit": commits["new"],
                                        "load_before": round(started_load, 2), "load_after": round(os.getloadavg()[0], 2),
                                        "figures": figures}, indent=1) + "\n")


if __name__ == "__main__":
    main()
