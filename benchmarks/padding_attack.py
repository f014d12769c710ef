"""Every known too-slow solution, padded with the same cost in every run, against the bench.

    python benchmarks/padding_attack.py [--times 15] [--out F] [SLUG/too_slow/FILE.py ...]

For each file (default: every solutions/*/too_slow/*.py and time_limit_exceeded/*.py that the
bench fails without padding): `drill bench --json` on it, then on a copy whose constructors and
public functions first spin a loop of P seconds of CPU, P chosen so that the failing family's
large size costs `--times` x the reference's there (under the 25x slowdown rule). The padding is
the attack of docs/residual-attacks: it dilutes G and E at once without knowing the sizes.
Prints what the two-size rule alone says of the padded file (classify_time on its G, E and
slowdown) and the bench's verdict, which adds the third size (complexity.marginal_growth).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness.bench.complexity import classify_time

ROOT = Path(__file__).resolve().parent.parent

# Appended to the padded copy: every class defined in the file spins in __init__, every public
# function defined in it spins first. A CPU loop: the timers of process time count it.
PAD = '''

def _drill_pad():
    for _ in range({loops}):
        pass


def _drill_padded(fn):
    def padded(*args, **kwargs):
        _drill_pad()
        return fn(*args, **kwargs)
    return padded


for _name, _obj in list(globals().items()):
    if getattr(_obj, "__module__", None) != __name__ or _name.startswith("_"):
        continue
    if isinstance(_obj, type) and "__init__" in vars(_obj):
        _obj.__init__ = _drill_padded(_obj.__init__)
    elif callable(_obj) and not isinstance(_obj, type):
        globals()[_name] = _drill_padded(_obj)
'''


def seconds_per_loop() -> float:
    n = 5_000_000
    started = time.process_time()
    for _ in range(n):
        pass
    return (time.process_time() - started) / n


def bench(slug: str, file: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "harness.cli", "bench", slug, "--file", str(file), "--json"],
                         capture_output=True, text=True, timeout=1800)
    if not out.stdout.strip().startswith("{"):
        return {"verdict": "error", "summary": out.stderr.strip()[-300:], "timed": []}
    return json.loads(out.stdout)


def pad_seconds(report: dict, times: float) -> float | None:
    """The padding that brings the failing timed family's large size to `times` x the reference's."""
    failing = [f for f in report["timed"] if f["verdict"] == "fail" and f.get("ref") and f["ref"][1] > 0 and f["cand"][1] > 0]
    if not failing:
        return None
    fam = failing[0]
    return max(times * fam["ref"][1] - fam["cand"][1], 0.2 * fam["cand"][1])


def two_size_rule(report: dict) -> str:
    """What G, E and the slowdown alone say (the bench before its third size)."""
    verdicts = [classify_time(f["g"], f.get("excess", 0.0), f.get("slowdown", 1.0)) for f in report["timed"] if not f.get("error")]
    return "fail" if "fail" in verdicts else ("inconclusive" if "inconclusive" in verdicts else "pass")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", help="SLUG/FOLDER/FILE.py under solutions/ (default: every too-slow one)")
    parser.add_argument("--times", type=float, default=15.0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    files = args.files or sorted(str(p.relative_to(ROOT / "solutions")) for folder in ("too_slow", "time_limit_exceeded")
                                 for p in (ROOT / "solutions").glob(f"*/{folder}/*.py"))
    per_loop = seconds_per_loop()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for rel in files:
            slug = rel.split("/")[0]
            source = ROOT / "solutions" / rel
            plain = bench(slug, source)
            pad = pad_seconds(plain, args.times) if plain["verdict"] == "fail" else None
            row = {"file": rel, "plain": plain["verdict"], "plain_summary": plain.get("summary", "")}
            if pad is not None:
                padded_file = Path(tmp) / source.name
                padded_file.write_text(source.read_text() + PAD.format(loops=int(pad / per_loop)))
                padded = bench(slug, padded_file)
                row |= {"pad_s": round(pad, 4), "two_size_rule": two_size_rule(padded), "verdict": padded["verdict"],
                        "summary": padded.get("summary", ""),
                        "families": [{k: f.get(k) for k in ("name", "g", "excess", "slowdown", "verdict", "rule", "mid", "hidden")}
                                     for f in padded["timed"]]}
            rows.append(row)
            print(f"{rel:60} plain {row['plain']:5} pad {row.get('pad_s', '-')!s:>7} s  two sizes {row.get('two_size_rule', '-'):5}"
                  f"  bench {row.get('verdict', '-')}", flush=True)
    if args.out:
        args.out.write_text(json.dumps({"times": args.times, "seconds_per_loop": per_loop, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
