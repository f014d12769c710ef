"""What `drill dev mutants` says: a line per mutant as it is judged, each survivor's diff, the
score; and the Markdown table of docs/mutation.md."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

_STYLE = {"killed": "green", "equivalent": "cyan", "speed": "cyan", "bench_rejected": "yellow",
          "unexplained": "bold red", "undecided": "bold yellow"}


def mutant_line(con: Console, n: int, of: int, result: Any) -> None:
    """`[3/49] 87ef778af4 line 17 killed (wrong_answer)`, as each mutant is judged (a harness.maintain.mutants.MutantResult)."""
    line = Text(f"[{n}/{of}] {result.id} line {result.line:<4} ")
    line.append(f"{result.status:<14}", style=_STYLE.get(result.status, ""))
    line.append(f" {result.verdict}", style="dim")
    if result.complexity:
        line.append(f", bench {result.complexity}", style="dim")
    con.print(line, highlight=False)


def mutation_report(con: Console, report: dict[str, Any]) -> None:
    """One file's survivors (their diffs, unexplained first) and its score (a MutationReport.to_dict())."""
    survivors = [m for m in report["mutants"] if m["status"] not in ("killed",)]
    survivors.sort(key=lambda m: (m["status"] != "unexplained", m["line"]))
    for m in survivors:
        head = Text(f"{m['status']}: {m['id']} line {m['line']}", style=_STYLE.get(m["status"], ""))
        if m["reason"]:
            head.append(f"  ({m['reason']})", style="dim")
        con.print(head, highlight=False)
        if m["diff"]:
            con.print(Text(m["diff"].rstrip("\n")), highlight=False)
    con.print(Text(score_line(report), style="bold" if report["ok"] else "bold red"), highlight=False)
    if report["stale"]:
        con.print(Text(f"  mutants.toml lists ids no mutant of {report['file']} has (stale): {', '.join(report['stale'])}",
                       style="yellow"), highlight=False)


def score_line(report: dict[str, Any]) -> str:
    part = "" if report["total"] == report["generated"] else f" (of {report['generated']} mutants)"
    parts = [f"{report['killed']}/{report['total']} killed{part}", f"{report['equivalent']} equivalent",
             f"{report['speed']} speed only", f"{report['unexplained']} unexplained"]
    if report["bench_rejected"]:
        parts.append(f"{report['bench_rejected']} rejected by the bench only")
    if report["undecided"]:
        parts.append(f"{report['undecided']} undecided")
    return f"{report['problem']}/{report['file']}: " + ", ".join(parts)


def mutation_table(document: dict[str, Any]) -> str:
    """The Markdown table of docs/mutation.md, from `drill dev mutants --json` (one problem or --all).
    The bench column only when the run had --bench and the bench rejected something."""
    rows = document["problems"] if "problems" in document else [document]
    bench = any(r["bench_rejected"] for r in rows)
    head = ["Problem", "File", "Killed / judged", "Score", "Equivalent", "Speed only", *(["Rejected by the bench only"] if bench else []),
            "Unexplained", "Undecided"]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * (len(head) - 2)]
    for r in [*rows, *([_total(rows)] if len(rows) > 1 else [])]:
        judged = f"{r['killed']} / {r['total']}" + ("" if r["total"] == r["generated"] else f" (of {r['generated']})")
        score = f"{100 * r['killed'] / r['total']:.0f}%" if r["total"] else "-"
        cells = [r["problem"], f"`{r['file']}`" if r["file"] else "", judged, score, r["equivalent"], r["speed"],
                 *([r["bench_rejected"]] if bench else []), r["unexplained"], r["undecided"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("generated", "total", "killed", "equivalent", "speed", "bench_rejected", "unexplained", "undecided")
    return {"problem": "**all**", "file": "", **{k: sum(r[k] for r in rows) for k in keys}}
