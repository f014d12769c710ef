"""Turn the raw results in this folder into the tables of docs/performance.md.

    python benchmarks/results/tables.py          # rewrite the tables between their markers
    python benchmarks/results/tables.py --check  # exit 1 if the doc is not what the raw files make

Each table sits between `<!-- table:NAME:begin -->` and `<!-- table:NAME:end -->` (the peer
table between drill dev peers's own markers). Nothing but those sections is touched.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DOC = ROOT / "docs" / "performance.md"


def _load(name: str) -> dict[str, Any]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def _seconds(entry: dict[str, Any]) -> str:
    """`drill test`: the fastest and slowest run."""
    if "runs_s" in entry:
        lo, hi = min(entry["runs_s"]), max(entry["runs_s"])
    else:
        lo, hi = entry["recorded"]["low_s"], entry["recorded"]["high_s"]
    return f"{lo:.2f}-{hi:.2f} s"


def _watch(entry: dict[str, Any]) -> str:
    """`drill watch`: the median save, and the slowest."""
    if "runs_s" in entry:
        return f"{statistics.median(entry['runs_s']):.2f} s (max {max(entry['runs_s']):.2f} s)"
    r = entry["recorded"]
    if "median_s" in r:
        return f"{r['median_s']:.2f} s (max {r['max_s']:.2f} s)"
    return f"{r['median_low_s']:.2f}-{r['median_high_s']:.2f} s"


def _conditions(entry: dict[str, Any]) -> str:
    load = entry.get("load_average_1m")
    return entry.get("machine", "") + (f", load average {load}" if load is not None else "")


def wait_table() -> str:
    test, watch = _load("drill_test.json")["problems"], _load("watch_latency.json")["problems"]
    lines = ["| problem | `drill test`: the verdict | `drill watch`: save to verdict (median) | conditions |", "|---|---|---|---|"]
    for slug in sorted(set(test) | set(watch)):
        t, w = test.get(slug), watch.get(slug)
        note = f" ({t['note']})" if t and t.get("note") else ""
        conditions = sorted({_conditions(e) for e in (t, w) if e})
        lines.append(f"| `{slug}` | {_seconds(t) + note if t else 'not measured'} | {_watch(w) if w else 'not measured'} | {'; '.join(conditions)} |")
    commands = sorted({e["command"] for e in (*test.values(), *watch.values())})
    return "\n".join(lines) + "\n\nCommands: " + ", ".join(f"`{c}`" for c in commands) + "."


def check_table() -> str:
    """drill check on each reference (check_seconds.txt: its header says how it was measured)."""
    rows, header = [], []
    for line in (HERE / "check_seconds.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            header.append(line.lstrip("# "))
        elif line.strip():
            slug, seconds, *_ = line.split()
            rows.append(f"| `{slug}` | {float(seconds):.1f} s |")
    return "\n".join(["| problem | `drill check` on the reference |", "|---|---|", *rows]) + "\n\n" + " ".join(header)


def against_table() -> str:
    """drill test, check and watch, this kit against an older one, side by side (judge_overhead.py --out)."""
    commands = [c for c in ("test", "check", "watch") if (HERE / f"judge_overhead_{c}.json").exists()]
    runs = {c: _load(f"judge_overhead_{c}.json") for c in commands}
    by = {c: {f["problem"]: f for f in r["figures"]} for c, r in runs.items()}
    heads = {"test": "`drill test`", "check": "`drill check`", "watch": "`drill watch`: save to verdict"}
    lines = ["| problem | " + " | ".join(f"{heads[c]}: old → new (median)" for c in commands) + " |", "|---" * (len(commands) + 1) + "|"]
    for slug in sorted(set().union(*by.values())):
        cells = [f"{f['old_s']:.2f} s → {f['new_s']:.2f} s (x{f['ratio']:.2f})" if (f := by[c].get(slug)) else "not measured"
                 for c in commands]
        lines.append(f"| `{slug}` | " + " | ".join(cells) + " |")
    notes = [f"`drill {c}`: `python benchmarks/judge_overhead.py --old OLD/.venv/bin/drill --runs {r['runs']} --command {c} "
             f"--out benchmarks/results/judge_overhead_{c}.json`, old = commit {r.get('old_commit', '?')}, "
             f"new = commit {r.get('new_commit', '?')}, load average {r['load_before']} before and {r['load_after']} after"
             for c, r in runs.items()]
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {n}" for n in notes)


def verify_table() -> str:
    """drill dev verify with one shared suite runner per problem against one runner per file (verify_sharing.py)."""
    run = _load("verify_sharing.json")
    lines = ["| problem | files | shared | one runner per file | speed-up | verdicts that differ |", "|---|---:|---:|---:|---:|---:|"]
    for r in run["problems"]:
        lines.append(f"| `{r['problem']}` | {r['files']} | {r['shared_s']:.0f} s | {r['alone_s']:.0f} s | x{r['speedup']:.2f} | {r['differences']} |")
    shared, alone = sum(r["shared_s"] for r in run["problems"]), sum(r["alone_s"] for r in run["problems"])
    lines.append(f"| **all** | {sum(r['files'] for r in run['problems'])} | {shared:.0f} s | {alone:.0f} s | x{alone / shared:.2f} | "
                 f"{len(run['differences'])} |")
    what = "the hidden tests only (`--no-bench`)" if run.get("no_bench") else "the hidden tests and the benches"
    return "\n".join(lines) + f"\n\n`{run['command']}`, commit {run.get('commit', '?')}: {what}; {run.get('conditions', '')}."


def other_table() -> str:
    lines = ["| figure | value | command | machine |", "|---|---|---|---|"]
    lines += [f"| {f['figure']} | {f['value']} | `{f['command']}` | {f['machine']} |" for f in _load("other.json")["figures"]]
    return "\n".join(lines)


def peers_table() -> str:
    sys.path.insert(0, str(ROOT))
    from harness.maintain.peers import report_from_results
    from harness.render.markdown import peers_table as markdown

    return markdown(report_from_results(HERE / "peers.json"))


TABLES: dict[str, Callable[[], str]] = {"wait": wait_table, "check": check_table, "against": against_table, "verify": verify_table, "other": other_table}


def rendered(text: str) -> str:
    """`text` (the doc) with every table section replaced by what the raw files make."""
    for name, make in TABLES.items():
        begin, end = f"<!-- table:{name}:begin -->", f"<!-- table:{name}:end -->"
        if begin not in text or end not in text:
            raise SystemExit(f"{DOC} has no {begin} ... {end} section")
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: f"{begin}\n{make()}\n{end}", text, flags=re.S)
    from harness.maintain.peers import README_BEGIN, README_END

    return re.sub(re.escape(README_BEGIN) + ".*?" + re.escape(README_END), lambda _: f"{README_BEGIN}\n{peers_table()}\n{README_END}", text, flags=re.S)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/performance.md is not up to date")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    text = DOC.read_text(encoding="utf-8")
    new = rendered(text)
    if args.check:
        if new != text:
            sys.exit(f"{DOC.relative_to(ROOT)} is not what the raw files in benchmarks/results/ make: run python benchmarks/results/tables.py")
        return
    DOC.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
