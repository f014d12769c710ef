"""Terminal rendering for the CLI. Everything the user reads goes through here; JSON does not.

User and solution text is always passed as rich Text, never as markup, so a value
like "[1, 2]" prints as itself.
"""

from __future__ import annotations

import os
from typing import Any, Iterable

from rich import box
from rich.console import Console, Group
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from harness.catalogue import Problem
from harness.verdicts import ACCEPTED, DESCRIPTIONS, JUDGE_ERROR, JudgeResult

VERDICT_STYLE = {
    ACCEPTED: "bold green",
    "inconclusive": "bold yellow",
    JUDGE_ERROR: "bold magenta",
}


def console(stderr: bool = False) -> Console:
    # rich honours NO_COLOR and drops colour when not writing to a terminal.
    con = Console(stderr=stderr, highlight=False)
    if not con.is_terminal:
        # Piped output (logs, CI) is read by tools: no wrapping at 80 columns.
        con = Console(stderr=stderr, highlight=False, width=200, soft_wrap=True)
    return con


def plain(con: Console) -> bool:
    return not con.is_terminal or "NO_COLOR" in os.environ


def verdict_text(verdict: str | None) -> Text:
    if verdict is None:
        return Text("-", style="dim")
    mark = "✓ " if verdict == ACCEPTED else ("? " if verdict == "inconclusive" else "✗ ")
    return Text(mark + verdict, style=VERDICT_STYLE.get(verdict, "bold red"))


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _table(con: Console, *columns: str) -> Table:
    table = Table(box=None if plain(con) else box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def result(con: Console, res: JudgeResult, *, show_file: bool = True) -> None:
    header = Text()
    header.append(res.problem, style="bold")
    if show_file:
        header.append(f"  {res.file}", style="dim")
    con.print(header)
    line = verdict_text(res.verdict)
    if res.total:
        line.append(f"   {res.passed}/{res.total} hidden tests passed")
        if res.not_run:
            line.append(f" ({res.not_run} not run after the limit was hit)", style="dim")
    line.append(f"   {duration(res.duration_s)}", style="dim")
    con.print(line)
    failure = res.first_failure
    if failure is not None:
        con.print()
        where = ""
        if res.tests:
            names = [t.test for t in res.tests]
            if failure.test in names:
                where = f"test {names.index(failure.test) + 1} of {len(names)}: "
        con.print(Text(f"First failing case — {where}{failure.title}", style="bold"))
        con.print(Text("  " + failure.message))
        rows: list[tuple[str, str | None]] = []
        if failure.minimal_example:
            rows.append(("minimal example (shrunk by Hypothesis)", failure.minimal_example))
        rows += [("input", failure.input), ("expected", failure.expected), ("got", failure.actual)]
        for label, value in rows:
            if value is not None:
                body = Text(f"  {label:<9} ", style="cyan")
                body.append(value)
                con.print(body)
        for frame in failure.traceback:
            con.print(Text(f"  at {frame}", style="yellow"))
        if failure.output:
            con.print(Text("  your output:", style="dim"))
            for out_line in failure.output.splitlines()[-12:]:
                con.print(Text(f"    {out_line}", style="dim"))
    elif res.message and res.verdict != ACCEPTED:
        con.print(Text("  " + res.message))
    if res.complexity:
        complexity(con, res.complexity)


COMPLEXITY_STYLE = {"pass": ("✓ ", "bold green"), "fail": ("✗ ", "bold red"), "inconclusive": ("? ", "bold yellow"), "error": ("! ", "bold magenta")}


def complexity_text(outcome: str | None) -> Text:
    if outcome is None:
        return Text("-", style="dim")
    mark, style = COMPLEXITY_STYLE.get(outcome, ("", ""))
    return Text(mark + outcome, style=style)


def complexity(con: Console, report: dict[str, Any]) -> None:
    con.print()
    con.print(Text("Complexity: ", style="bold") + complexity_text(report.get("verdict")) + Text(f"   {report.get('summary', '')}"))
    for line in report.get("lines", []):
        con.print(Text("  " + line, style="dim" if line.startswith("  ") else ""))


def problem_list(con: Console, rows: Iterable[dict[str, Any]]) -> None:
    table = _table(con, "problem", "title", "difficulty", "tags", "status", "attempts", "best time")
    for row in rows:
        status_style = {"solved": "green", "attempted": "yellow"}.get(row["status"], "dim")
        table.add_row(
            Text(row["problem"], style="bold"),
            Text(row["title"]),
            Text(row["difficulty"]),
            Text(", ".join(row["tags"]), style="dim"),
            Text(row["status"], style=status_style),
            str(row["attempts"]),
            duration(row["best_time_s"]) if row["best_time_s"] is not None else "-",
        )
    con.print(table)


def statement(con: Console, problem: Problem, status: str) -> None:
    meta = Text()
    meta.append(f"{problem.title}", style="bold")
    meta.append(f"   {problem.difficulty} · {', '.join(problem.tags)} · interview budget {problem.interview_minutes} min · {status}", style="dim")
    con.print(meta)
    targets = ", ".join(f"{op}: {target}" for op, target in problem.complexity.items())
    con.print(Text(f"Complexity target: {targets}", style="cyan"))
    con.print()
    text = problem.statement_path.read_text(encoding="utf-8")
    con.print(Markdown(text) if not plain(con) else Text(text))


def stats(con: Console, rows: Iterable[dict[str, Any]]) -> None:
    table = _table(con, "problem", "status", "attempts", "time to first accept", "best time", "last verdict", "best complexity", "last run")
    for row in rows:
        table.add_row(
            Text(row["problem"], style="bold"),
            Text(row["status"], style={"solved": "green", "attempted": "yellow"}.get(row["status"], "dim")),
            str(row["attempts"]),
            duration(row["time_to_first_accept_s"]),
            duration(row["best_time_s"]),
            verdict_text(row["last_verdict"]),
            complexity_text(row.get("best_complexity")),
            Text(_local(row["last_run_at"]), style="dim"),
        )
    con.print(table)


def history(con: Console, runs: list[dict[str, Any]]) -> None:
    if not runs:
        con.print(Text("No judged runs yet. Start with `drill start <problem>`, then `drill test <problem>`.", style="dim"))
        return
    table = _table(con, "#", "when", "problem", "command", "verdict", "tests", "since start", "took", "source")
    for run in runs:
        table.add_row(
            str(run["id"]),
            Text(_local(run["started_at"]), style="dim"),
            run["problem"],
            run["command"],
            verdict_text(run["verdict"]),
            f"{run['passed']}/{run['total']}",
            duration(run["since_start_s"]),
            duration(run["duration_s"]),
            Text(run["source_sha256"][:10], style="dim"),
        )
    con.print(table)


def describe_verdicts() -> Group:
    return Group(*(Text(f"{name:<22} {text}") for name, text in DESCRIPTIONS.items()))


def _local(stamp: str | None) -> str:
    if not stamp:
        return "-"
    from datetime import datetime

    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
