"""What each command says around the shared views of render/: built from the plain data the
CLI hands over (paths, slugs, results, log rows). The CLI itself builds no text."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

import click
from rich.console import Console
from rich.text import Text

from harness import clock
from harness.render import (
    JUDGING_TEXT, Column, Hanging, clock_text, complexity, console, duration, failure_lines, fitted_table, hanging, local_time, mock_panel,
    page, print_wrapped, timer_text, verdict_text, watch_panel, workspace_flag,
)
from harness.verdicts import ACCEPTED, FAIL, NO_VERDICT, TOO_SLOW, JudgeResult

HINT_LABELS = ("approach", "data structure", "complexity argument", "pitfall")


# --- judging ------------------------------------------------------------------------------


def judging_status(slug: str, file_name: str, *, redis: bool) -> str:
    return f"Judging {slug} ({file_name})" + (" against a real Redis" if redis else "") + "…"


def measuring_status(file_name: str) -> str:
    return f"Measuring how {file_name} grows against the reference…"


def started(
    con: Console, *, slug: str, title: str, target: Path, backup: Path | None, workspace: Path | None,
    timed_minutes: float | None, started_at: str, interview_minutes: int, cases: Path | None = None, kept_from: str | None = None,
) -> None:
    """`drill start`: where the file is, what to run next, and the clock. `cases`: your cases file.
    `kept_from`: a follow-up's base problem, whose file was already there and is kept as it is."""
    flag = workspace_flag(workspace)
    print_wrapped(con, Text(f"Started {slug} — {title}", style="bold"))
    if kept_from:
        print_wrapped(con, Text(f"A follow-up of {kept_from}: your {target.name} is kept as it is, and judged by both "
                       f"(`drill test {kept_from}{flag}` still judges the base problem).", style="yellow"))
    if backup:
        print_wrapped(con, Text(f"Your previous file was saved as {backup}", style="yellow"))
    print_wrapped(con, Text(f"Your file:  {target}"))
    print_wrapped(con, Text(f"Statement:  drill show {slug}{flag}"))
    try_it = f"Try it:     drill run {slug}{flag}"
    print_wrapped(con, Text(try_it) + Text(f"   (the statement's examples{f' and your {cases.name}' if cases else ''}; not judged)", style="dim"))
    print_wrapped(con, Text(f"Judge it:   drill test {slug}{flag}"))
    print_wrapped(con, Text(f"On save:    drill watch {slug}{flag}") + Text("   (judges it every time you save)", style="dim"))
    if timed_minutes:
        print_wrapped(con, Text(f"Interview mode: {timed_minutes} min from {local_time(started_at)}. `drill test{flag}` and `drill watch{flag}` "
                       "show the time left.", style="bold yellow"))
    else:
        print_wrapped(con, Text(f"Clock started at {local_time(started_at)}; an interviewer would give you {interview_minutes} min.", style="dim"))


Clock = tuple[str, float, str | None, str | None]  # progress.attempt_clock


def _timer(timer: Clock | None, *, tests_pass_now: bool = False) -> list[Text]:
    """(started at, minutes, solved at, tests passed at) of a timed attempt, or None. `tests_pass_now`:
    the result shown is a tests-only accept."""
    if timer is None:
        return []
    started_at, minutes, solved_at, tests_passed_at = timer
    return [timer_text(started_at, minutes, solved_at=solved_at, tests_passed_at=tests_passed_at, tests_pass_now=tests_pass_now)]


def check_command(slug: str, workspace: Path | None, file: Path | None) -> str:
    """`drill check` for the same solution, with the options needed to repeat it as is."""
    return f"drill check {slug}{workspace_flag(workspace)}" + (f" --file {file}" if file is not None else "")


def checked_text(verdict: str) -> Text:
    """Tests pass, and `drill check` already judged these same bytes: what it said (never that it
    would also check the complexity: it did)."""
    if verdict == ACCEPTED:
        return Text("`drill check` accepted this code, complexity included: solved.", style="dim")
    if verdict == TOO_SLOW:
        return Text(f"`drill check` judged this same code {verdict}: the tests pass, the complexity check does not.", style="yellow")
    if verdict in NO_VERDICT:
        return Text(f"`drill check` could not decide on this same code ({verdict}): run it again.", style="yellow")
    return Text(f"`drill check` judged this same code {verdict}, on what `drill test` leaves out (every stage of the suite): "
                "`drill reveal` shows the case.", style="yellow")


def after_result(
    con: Console, slug: str, *, timer: Clock | None, notes: Sequence[str], suggest_check: bool,
    workspace: Path | None = None, file: Path | None = None, checked: str | None = None, tests_pass_now: bool = False,
) -> None:
    """Below `drill test`'s result: the timer of a timed attempt, interview notes after an accept, what to run next
    (`suggest_check`: `drill check` would judge more than this run did; `checked`: its verdict on these bytes, if it judged them;
    `tests_pass_now`: the result is a tests-only accept)."""
    for line in _timer(timer, tests_pass_now=tests_pass_now):
        con.print(line)
    if notes:
        print_wrapped(con, Text("\nWhat an interviewer would ask next:", style="bold"))
        for note in notes:
            print_wrapped(con, Text(f"  • {note}"))
    if suggest_check:
        print_wrapped(con, Text(f"Next: `{check_command(slug, workspace, file)}` also checks the complexity target.", style="dim"))
    elif checked is not None:
        print_wrapped(con, checked_text(checked))


def not_attempted(con: Console, workspace: Path, slugs: Sequence[str]) -> None:
    print_wrapped(con, Text(f"Not attempted (no file in {workspace}): {', '.join(slugs)}", style="dim"))


def check_line(con: Console, res: JudgeResult, slug_width: int) -> None:
    """`drill check` of several problems: one line per problem as it is judged. The verdict and
    the slug are never cut; on a narrow terminal the tests' count goes first, then the time, then
    the complexity check's outcome (an accept says its complexity passed, not only its tests)."""
    verdict = verdict_text(res.verdict)
    verdict.pad_right(max(0, VERDICT_WIDTH - len(verdict.plain)))
    line = verdict + Text("  ") + Text(res.problem.ljust(slug_width), style="bold")
    measured = (res.complexity or {}).get("verdict")
    tests, outcome, took = (f"{res.passed}/{res.total} tests" if res.total else "", f"complexity {measured}" if measured else "",
                            duration(res.duration_s))
    room, shown = (con.width or 80) - len(line.plain), set()
    for extra in (outcome, took, tests):  # most wanted first
        if extra and 2 + len(extra) <= room:
            shown.add(extra)
            room -= 2 + len(extra)
    for extra in (tests, outcome, took):  # in reading order
        if extra in shown:
            line.append(f"  {extra}", style="dim")
    con.print(line, overflow="ignore", crop=False, no_wrap=True)


# "✗ memory_limit_exceeded": the widest verdict, so the slugs line up under each other.
VERDICT_WIDTH = 23


def check_failures(con: Console, results: Sequence[JudgeResult]) -> None:
    """After the one-line verdicts: each problem that failed, with its first failing case (or its
    complexity report, when only that failed)."""
    for res in results:
        if res.ok:
            continue
        con.print()
        print_wrapped(con, Text(res.problem, style="bold") + Text(" — ") + verdict_text(res.verdict))
        if res.first_failure is not None:
            for line in failure_lines(res, res.first_failure):
                print_wrapped(con, line)
        elif res.complexity and res.complexity.get("verdict") not in (None, "pass"):
            complexity(con, res.complexity)
        elif res.message:
            print_wrapped(con, Text("  " + res.message))


def check_tally(con: Console, results: Sequence[JudgeResult], not_attempted: int) -> None:
    """The last line of a `drill check` of several problems."""
    failing = [r for r in results if not r.ok]
    line = f"{len(results)} judged: {len(results) - len(failing)} accepted, {len(failing)} not accepted"
    if failing:
        line += " (" + ", ".join(f"{r.problem}: {r.verdict}" for r in failing) + ")"
    if not_attempted:
        line += f"; {not_attempted} not attempted"
    print_wrapped(con, Text(line, style="bold red" if failing else "bold green"))


def bench_report(con: Console, slug: str, path: Path, report: dict[str, Any], plot_path: Path | None) -> None:
    """`drill bench`: the complexity report of one file."""
    print_wrapped(con, Text(slug, style="bold") + Text(f"  {path}", style="dim"))
    if not_loaded(report):  # nothing measured: the verdict drill test gives the file, and why
        print_wrapped(con, verdict_text(report.get("outcome")) + Text(f"   {report.get('summary', '')}"), 2)
        return
    complexity(con, report)
    print_wrapped(con, Text(f"\nmeasured in {duration(report.get('duration_s'))}", style="dim"))
    if plot_path is not None:
        print_wrapped(con, Text(f"plot written to {plot_path}", style="dim"))


def not_loaded(report: dict[str, Any]) -> bool:
    """Whether a complexity report is a file that did not load for the bench: a fail with no family measured."""
    return report.get("verdict") == FAIL and not report.get("timed") and not report.get("counted")


def progress_line(con: Console, line: str) -> None:
    """A line of a long run's progress (`drill dev peers`), dim, on the console given (stderr)."""
    print_wrapped(con, Text(line, style="dim"))


def peers_written(con: Console, path: Path, doc: str) -> None:
    print_wrapped(con, Text(f"wrote {path} and the table in {doc}", style="dim"))


def peers(con: Console, table_markdown: str) -> None:
    """The peer comparison table (render.markdown.peers_table), as the terminal shows Markdown."""
    from rich.markdown import Markdown  # slow to import: only here

    con.print(Markdown(table_markdown))


# --- where you stand: a bare `drill`, `drill next` ---------------------------------------------

MockRunning = tuple[int, float, float, Sequence[str]]  # (id, seconds left, minutes, problems) of the mock that is open


def _mock_line(mock: MockRunning, flag: str) -> Text:
    mock_id, seconds_left, minutes, problems = mock
    if seconds_left <= 0:
        return Text(f"Mock interview #{mock_id}: its time ran out while you were away. `drill mock{flag}` writes its report.",
                    style="yellow")
    return Text(f"Mock interview #{mock_id} is running: {clock_text(seconds_left)} left of {minutes:g} min "
                f"({', '.join(problems)}). `drill mock{flag}` comes back to it.", style="bold yellow")


def where_you_stand(
    con: Console, *, solved: int, total: int, current: str | None, last_run: dict[str, Any] | None,
    next_row: dict[str, Any] | None, workspace: Path | None, mock: MockRunning | None = None, folder: Path | None = None,
    current_solved: bool = False, last_tests_only: bool = False,
) -> None:
    """A bare `drill`: the problem started last and its latest run, a mock interview that is open,
    what is next, how far you are, in which `folder` (a log that cannot be read never gets here:
    bare drill stops with its error, as list does). Every command shown
    carries `workspace` (if not the default one). `current_solved`: the current problem is solved and
    not started again since, so its advice is not that of an unsolved one. `last_tests_only`: the
    last run is an accept of the hidden tests alone (not yet a solve), and is shown as such."""
    flag = workspace_flag(workspace)
    print_wrapped(con, Text(f"drill · {solved} of {total} problems solved", style="bold")
              + Text(f" · workspace {folder}" if folder is not None else "", style="dim"))
    if mock is not None:
        print_wrapped(con, _mock_line(mock, flag))
    if current is not None:
        line = Text(f"Current problem: {current}")
        if last_run is not None:
            line += Text(" · last run ") + verdict_text(last_run["verdict"], tests_only=last_tests_only) + Text(
                f" {last_run['passed']}/{last_run['total']} at {local_time(last_run['started_at'])}", style="dim")
        else:
            line += Text(" · not judged yet", style="dim")
        print_wrapped(con, line)
        print_wrapped(con, _solved_next(flag) if current_solved else _what_judges_it_next(last_run, flag))
        print_wrapped(con, Text("  Without a problem name, run, test, check, watch, show, hint, reveal and solution use this one.", style="dim"))
    elif mock is None:
        print_wrapped(con, Text(f"No problem started yet in this workspace. `drill list{flag}` shows them, `drill start SLUG{flag}` starts one.",
                       style="dim"))
    in_mock = mock[3] if mock is not None else ()
    if next_row is not None and next_row["problem"] != current and next_row["problem"] not in in_mock:
        print_wrapped(con, Text(f"Next up: {next_row['problem']} — {next_row['reason']} · `drill next{flag}` says more", style="dim"))
    print_wrapped(con, Text("drill --help lists every command.", style="dim"))


def _solved_next(flag: str) -> Text:
    return (Text("  Solved: ", style="dim") + Text(f"drill next{flag}", style="cyan")
            + Text(" says what to practise now (a review of it comes back when due)", style="dim"))


def _what_judges_it_next(last_run: dict[str, Any] | None, flag: str) -> Text:
    """The command that tells the current problem's next step: drill test says nothing new after
    a too_slow (it leaves the complexity out), nor after its own accept."""
    verdict, command = (last_run["verdict"], last_run.get("command", "")) if last_run is not None else (None, "")
    if verdict == TOO_SLOW:
        return (Text(f"  drill bench{flag}", style="cyan") + Text(" shows how its time grows; ", style="dim")
                + Text(f"drill check{flag}", style="cyan") + Text(" judges it again, complexity included", style="dim"))
    if verdict == ACCEPTED and not command.startswith(("check", "mock")):
        return Text(f"  drill check{flag}", style="cyan") + Text(" judges it all, the complexity target included", style="dim")
    return (Text(f"  drill test{flag}", style="cyan") + Text(" judges it; ", style="dim") + Text(f"drill watch{flag}", style="cyan")
            + Text(" on every save", style="dim"))


def next_up(
    con: Console, rows: list[dict[str, Any]], *, go_on: bool = False, has_file: bool = False, workspace: Path | None = None,
    mock: MockRunning | None = None, go_on_with: str = "test", mock_file: tuple[int, Path] | None = None,
) -> None:
    """`drill next`. `go_on`: the top problem is started and unsolved, and its file is in the
    workspace (judge it with `go_on_with`, do not start over); `has_file`: a start would need --force; `mock`: the
    top problem is one of the mock interview that is open (come back to it, do not start it
    again); `workspace` (if not the default) is carried by the suggested command; `mock_file`: (the
    mock's id, the file) of the code a past mock left for the top problem, which a start does not carry over."""
    if not rows:
        return
    flag = workspace_flag(workspace)
    top = rows[0]
    due = datetime.fromisoformat(top["due_at"]) if top["due_at"] else None
    if due is not None and due > clock.now():
        print_wrapped(con, Text(f"Nothing is due. The next review is {top['problem']} on {local_time(top['due_at'])}: {top['reason']}.", style="bold"))
    else:
        print_wrapped(con, Text(f"Practise {top['problem']} now — {top['title']} ({top['difficulty']})", style="bold green"))
        print_wrapped(con, Text(f"  why: {top['reason']}"))
        if mock is not None:
            print_wrapped(con, Text("  ") + _mock_line(mock, flag))
        elif go_on:
            print_wrapped(con, Text(f"  drill {go_on_with} {top['problem']}{flag}", style="cyan"))
        else:
            force = " --force" if has_file else ""
            print_wrapped(con, Text(f"  drill start {top['problem']} --timed{force}{flag}", style="cyan"))
            if mock_file is not None:
                mock_id, path = mock_file
                print_wrapped(con, Text(f"  (a fresh stub; your code from mock interview #{mock_id} stays in {path})", style="dim"))
    con.print()
    cells = []
    for row in rows:
        due_at = datetime.fromisoformat(row["due_at"]) if row["due_at"] else None
        when = "now" if due_at is None or due_at <= clock.now() else local_time(row["due_at"])
        cells.append([Text(row["problem"], style="bold"), when, Text(row["reason"], style="dim")])
    con.print(fitted_table(con, [Column("problem"), Column("due"), Column("why", drop=1, wrap=True, min_width=24)], cells))


# --- drill run ---------------------------------------------------------------------------------

RUN_VALUE_LIMIT = 300  # characters of an answer shown per line (--json has more)


def running_status(slug: str, file_name: str) -> str:
    return f"Running {slug}'s cases against {file_name}…"


def _cut(text: str, limit: int = RUN_VALUE_LIMIT) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters in all)"


def _origin(origin: str) -> str:
    return "statement" if origin == "examples" else Path(origin).name


def run_report(con: Console, report: dict[str, Any], *, workspace: Path | None = None, file: Path | None = None) -> None:
    """`drill run`: each case's calls with what the solution answered, then a tally. `report` is
    RunReport.to_dict()."""
    print_wrapped(con, Text(report["problem"], style="bold") + Text(f"  {report['file']}", style="dim"))
    if report["load_error"]:
        print_wrapped(con, Text(f"✗ {file if file is not None else Path(report['file']).name} did not load:", style="bold red"))
        for line in report["load_error"].splitlines():
            print_wrapped(con, Text(f"  {line}"))
        _printed(con, report.get("load_output"))
        print_wrapped(con, Text("No case ran.", style="bold red"))
        _not_judged(con, report["problem"], workspace, file)
        return
    for case in report["cases"]:
        con.print()
        mark = Text("✓ ", style="bold green") if case["ok"] else Text("✗ ", style="bold red")
        print_wrapped(con, mark + Text(case["name"], style="bold") + Text(f"  ({_origin(case['origin'])})", style="dim"))
        answers = [_answer(call) for call in case["calls"]]
        calls_width = min(40, max((len(c["call"]) for c, a in zip(case["calls"], answers) if a.plain), default=0))
        answers_width = min(30, max((len(a.plain) for a in answers), default=0))
        for call, answer in zip(case["calls"], answers):
            line = Text(f"    {call['call']}")
            verdict = _mark(call)
            if answer.plain or verdict.plain:
                line.pad_right(calls_width + 4 - len(line.plain))
                line.append("  ")
                line.append_text(answer)
            if verdict.plain:
                line.pad_right(calls_width + answers_width + 6 - len(line.plain))
                line.append("  ")
                line.append_text(verdict)
            print_wrapped(con, line)
            if call["status"] != "ok":
                for frame in call["where"]:
                    print_wrapped(con, Text(f"      at {frame}", style="yellow"))
        if case["not_run"]:
            print_wrapped(con, Text(f"    ({case['not_run']} more line{'s' if case['not_run'] != 1 else ''} not run)", style="dim"))
        _printed(con, case.get("output"))
    if report["skipped"]:
        count = len(report["skipped"])
        con.print()
        print_wrapped(con, Text(f"{count} more case{'s' if count != 1 else ''} not run: a case that runs past its time limit ends the run", style="yellow"))
    con.print()
    print_wrapped(con, _tally(report))
    _not_judged(con, report["problem"], workspace, file)


def _answer(call: dict[str, Any]) -> Text:
    """What the call gave: `-> value`, `raised ...`, or what stopped it."""
    if call["raised"] is not None:
        return Text(f"raised {_cut(call['raised'])}", style="red" if call["status"] != "ok" else "")
    if call["message"] is not None:
        return Text(call["message"], style="red")
    if call["value"] is not None:
        return Text(f"-> {_cut(call['value'])}")
    return Text()


def _mark(call: dict[str, Any]) -> Text:
    status = call["status"]
    if status == "ok":
        return Text("✓", style="green")
    if status == "differs":
        return Text(f"✗ expected {_cut(call['expected'] or '')}", style="bold red")
    if status in ("raised", "failed"):
        return Text("✗" + (f" expected {call['expected']}" if call["expected"] else ""), style="bold red")
    return Text()


def _printed(con: Console, output: str | None) -> None:
    if output:
        print_wrapped(con, Text("    your output:", style="dim"))
        for out_line in output.splitlines()[-12:]:
            print_wrapped(con, Text(f"      {out_line}", style="dim"))


def _tally(report: dict[str, Any]) -> Text:
    calls = [c for case in report["cases"] for c in case["calls"]]
    cases = len(report["cases"]) + len(report["skipped"])
    differs = sum(c["status"] == "differs" for c in calls)
    raised = sum(c["status"] == "raised" for c in calls)
    failed = sum(c["status"] == "failed" for c in calls)
    parts = [f"{cases} case{'s' if cases != 1 else ''}" + (f" ({len(report['skipped'])} not run)" if report["skipped"] else ""),
             f"{report['matched']}/{report['checked']} expected answers matched"]
    reached = sum(c["status"] in ("ok", "differs") or (c["expected"] is not None and c["status"] in ("raised", "failed")) for c in calls)
    if reached < report["checked"]:
        parts[-1] += f" ({report['checked'] - reached} not reached)"
    if differs:
        parts.append(f"{differs} differ{'s' if differs == 1 else ''}")
    if raised:
        parts.append(f"{raised} unexpected exception{'s' if raised != 1 else ''}")
    if failed:
        parts.append(f"{failed} stopped by a limit or a crash")
    return Text(("✓ " if report["ok"] else "✗ ") + ", ".join(parts), style="bold green" if report["ok"] else "bold red")


def _not_judged(con: Console, slug: str, workspace: Path | None, file: Path | None) -> None:
    again = f"drill test {slug}{workspace_flag(workspace)}" + (f" --file {file}" if file is not None else "")
    print_wrapped(con, Text(f"Not judged and not recorded: no hidden tests ran. `{again}` submits it.", style="dim"))


# --- drill history ------------------------------------------------------------------------------


def no_runs(con: Console, problem: str | None, workspace: Path | None = None) -> None:
    """`drill history` before any judged run (of `problem`, if given)."""
    flag = workspace_flag(workspace)
    name = problem or "SLUG"
    print_wrapped(con, Text(f"No judged runs{f' of {problem}' if problem else ''} yet. Start with `drill start {name}{flag}`, "
                   f"then `drill test{flag}`.", style="dim"))


# --- drill history --show / --diff ---------------------------------------------------------------

_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0, 9), *range(11, 32), 127]}


def _visible(text: str) -> str:
    """Control characters as escapes: a stored file cannot move the cursor or recolour the terminal."""
    return text.translate(_CONTROL)


def _past_header(run: dict[str, Any]) -> str:
    return (f"{run['problem']}: run #{run['id']} ({run['command']}, {run['verdict']}) at {local_time(run['started_at'])}, "
            f"{run['source_path']}, sha256 {run['source_sha256'][:12]}")


def past_source(run: dict[str, Any], text: str) -> None:
    """`drill history --show N`: a header on stderr, the source on stdout (as it was, when piped:
    `> old.py` gets the file back)."""
    console(stderr=True).print(Text(_past_header(run), style="dim"))
    out = console()
    if not out.is_terminal:
        click.echo(text, nl=False)
        return
    out.print(Text(_visible(text)), end="" if text.endswith("\n") else "\n", soft_wrap=True)  # code is never re-wrapped


def past_diff(old: dict[str, Any], new: dict[str, Any], text: str) -> None:
    """`drill history --diff N M`: a unified diff (coloured on a terminal), or one line if the
    two runs judged the same source."""
    out = console()
    if not text:
        out.print(Text(f"runs #{old['id']} and #{new['id']} judged the same source (sha256 {old['source_sha256'][:12]})"))
        return
    if not out.is_terminal:
        click.echo(text, nl=False)
        return
    styles = {"+++": "bold", "---": "bold", "@@": "cyan", "+": "green", "-": "red"}
    for line in text.splitlines():
        style = next((v for k, v in styles.items() if line.startswith(k)), "")
        out.print(Text(_visible(line), style=style), soft_wrap=True)


# --- help -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Where the attempt stands, for what the hints suggest after the last one: `tried` (a judged
    run of this attempt), `can_reveal` (`drill reveal` has a case to show: progress.run_to_reveal), `solved`."""

    tried: bool = False
    can_reveal: bool = False
    solved: bool = False


def _after_the_hints(slug: str, standing: Standing, flag: str) -> str:
    """What to do once every hint is shown. The solution is offered only to someone who has tried:
    before a judged run, the next step is to try the idea."""
    if standing.solved:
        return f"You solved it in this attempt: `drill solution {slug}{flag}` compares your code with the accepted approaches."
    if not standing.tried:
        return (f"Try your idea first: `drill run {slug}{flag}` (the statement's examples) or `drill test {slug}{flag}` "
                f"(the hidden tests). Once a run fails, `drill reveal {slug}{flag}` shows its failing case in full.")
    if standing.can_reveal:
        return (f"Next steps: `drill reveal {slug}{flag}` (your latest failing case in full), "
                f"then `drill solution {slug}{flag}` if you are still stuck.")
    return f"Next steps: `drill test {slug}{flag}` again, or `drill solution {slug}{flag}` if you are stuck."


def hints_exhausted(
    con: Console, slug: str, hints: Sequence[str], standing: Standing = Standing(), *, pager: bool = True, workspace: Path | None = None,
) -> None:
    """Every hint again. `workspace` (if not the default) is carried by the suggested commands."""
    first = Text(f"All {len(hints)} hints are shown. {_after_the_hints(slug, standing, workspace_flag(workspace))}", style="yellow")
    lines = [first] if con.soft_wrap else hanging(first, con.width or 80)
    for number, text in enumerate(hints, 1):
        line = Text(f"  {number}. {text}", style="dim")  # wraps under its text, as a single hint does
        lines += [line] if con.soft_wrap else hanging(line, con.width or 80, len(f"  {number}. "))
    page(con, lines, pager=pager)


def hint(
    con: Console, slug: str, hints: Sequence[str], level: int, standing: Standing = Standing(), *, pager: bool = True,
    workspace: Path | None = None,
) -> None:
    """Hint `level` (1-based) of the ladder; a ladder of four has the usual labels. `workspace`
    (if not the default) is carried by the suggested command: the next hint is counted in that log."""
    label = HINT_LABELS[level - 1] if len(hints) == len(HINT_LABELS) else f"hint {level}"
    body = Text(f"  {hints[level - 1]}")
    lines = [Text(f"Hint {level} of {len(hints)} ({label}):", style="bold"), *([body] if con.soft_wrap else hanging(body, con.width or 80, 2))]
    if level < len(hints):
        after = Text(f"`drill hint {slug}{workspace_flag(workspace)}` again for the next one. {recorded_as_help('hint')}", style="dim")
    else:
        after = Text(f"That was the last hint. {_after_the_hints(slug, standing, workspace_flag(workspace))}", style="dim")
    lines += [after] if con.soft_wrap else hanging(after, con.width or 80)  # a command in it stays whole on its line
    page(con, lines, pager=pager)


def recorded_as_help(kind: str) -> str:
    """What `drill hint` and `drill reveal` say of themselves, in the same words."""
    return f"{kind.capitalize()}s are recorded: a solve after a {kind} counts as a solve with help."


def reveal(con: Console, slug: str, run: dict[str, Any], *, pager: bool = True) -> None:
    """`drill reveal`: the run, then its first failing case in full, then that it is recorded as help."""
    header = Text(f"{slug}: run #{run['id']} at {local_time(run['started_at'])}, {run['verdict']}", style="bold")
    lines = [Hanging(line) for line in failure_lines(None, run["first_failure"], full=True)]  # wrapped under their labels, as drill test's
    page(con, [header, *lines, Text(recorded_as_help("reveal"), style="dim")], pager=pager)


def pytest_written(con: Console, slug: str, run: dict[str, Any], path: Path, solution: Path, *, fresh: bool) -> None:
    """`drill reveal --pytest`: where the file is and how to run it, each line under its label
    (a long path or command wraps under its value, as `drill reveal`'s case lines do)."""
    print_wrapped(con, Text(f"{slug}: run #{run['id']}'s failing case ({run['verdict']}) as a pytest file", style="bold"))
    rows = [("wrote", str(path)) if fresh else ("kept", f"{path} (written before, unchanged)"),
            ("imports", f"{solution}, as it is now"),
            ("run it", f"`cd {shlex.quote(str(path.parent))} && pytest -p no:cacheprovider -o addopts= {shlex.quote(path.name)}`")]
    for label, value in rows:
        print_wrapped(con, Text(f"  {label:<9} ", style="cyan") + Text(value))  # as failure_lines' labels
    print_wrapped(con, Text("  or set a breakpoint in your solution and debug that file from your IDE. Counted as help.", style="dim"))


def unsolved_solutions_warning(con: Console, slug: str) -> None:
    """Before `drill solution`'s question: the question itself stays short, as a terminal wraps a
    prompt mid-word."""
    print_wrapped(con, Text(f"You have not solved {slug} yet: seeing its solutions counts as help."))


UNSOLVED_SOLUTIONS_QUESTION = "Show the solutions anyway?"


def not_shown(con: Console) -> None:
    print_wrapped(con, Text("Not shown."))


# --- watch and mock ---------------------------------------------------------------------------


def _missing(path: Path) -> Text:
    return Text(f"{path} is missing; save the file to judge it", style="yellow")


def watch_screen(
    slug: str, path: Path, result: JudgeResult | None, *, missing: bool, timer: Clock | None,
    notes: Sequence[str], suggest_check: bool, judged_at: str | None, judging: bool = False,
    workspace: Path | None = None, file: Path | None = None, checked: str | None = None, tests_pass_now: bool = False,
) -> Any:
    """`drill watch`'s panel: the latest result of one file, and what to do next. While `judging`,
    the panel says so and shows no verdict: the old one is not current any more."""
    header = Text(f"{slug}  ", style="bold") + Text(str(path), style="dim")
    if judging:  # the countdown of a timed attempt goes on meanwhile
        return watch_panel(header, None, [JUDGING_TEXT.copy(), *_timer(timer)], judging=True)
    extra: list[Text] = [_missing(path)] if missing else []
    extra += _timer(timer, tests_pass_now=tests_pass_now)
    if notes:
        extra.append(Text("What an interviewer would ask next:", style="bold"))
    extra += [Text(f"• {note}") for note in notes]
    if suggest_check:
        extra.append(Text(f"`{check_command(slug, workspace, file)}` also checks the complexity target.", style="dim"))
    elif checked is not None:
        extra.append(checked_text(checked))
    if judged_at:
        extra.append(Text(f"judged at {judged_at} · save to judge again", style="dim"))
    return watch_panel(header, result, extra)


def stopped_watching(con: Console) -> None:
    print_wrapped(con, Text("stopped watching", style="dim"))


def mock_screen(
    mock_id: int, seconds_left: float, minutes: float, rows: list[dict[str, Any]], missing: Sequence[Path],
    failures: Sequence[tuple[str, Any]] = (),
) -> Any:
    """`drill mock`'s panel: the clock, one row per problem, the first failing case of each file
    that fails, and the files that were not there to judge."""
    title = f"mock interview #{mock_id} · {clock_text(seconds_left)} left of {minutes:g} min"
    notes = [_missing(path) for path in missing]
    cases: list[Text] = []
    for slug, failure in failures:
        cases.append(Text())
        cases.append(Text(slug, style="bold"))
        cases += failure_lines(None, failure)
    return mock_panel(title, rows, [*cases, *notes, Text("save a file to judge it", style="dim")])


def no_mock_running(con: Console, workspace: Path | None = None) -> None:
    print_wrapped(con, Text(f"No mock interview is running; nothing to stop. `drill mock{workspace_flag(workspace)}` starts one."))


def mock_ran_out(con: Console) -> None:
    print_wrapped(con, Text("The time of your last mock interview ran out while you were away.", style="yellow"))


def previous_mock_ran_out(con: Console, mock_id: int, report_path: str | None) -> None:
    """Before a new mock starts: the last one ended when its time ran out, maybe ended (and its report
    shown) by another command, so `drill mock` says so rather than start a new one without a word."""
    where = f" (its report: {report_path})" if report_path else ""
    print_wrapped(con, Text(f"Mock interview #{mock_id} ended when its time ran out{where}. A new one starts now.", style="yellow"))


def mock_not_ended(con: Console, mock_id: int, why: str, workspace: Path | None = None) -> None:
    """An expired mock that the next command could not end (its judge could not run, the log could not take it)."""
    print_wrapped(con, Text(f"Mock interview #{mock_id} could not be ended now: {why.rstrip('.')}. `drill mock{workspace_flag(workspace)}` "
                            "ends it and writes its report.", style="yellow"))


def judging_at_end_status(file_name: str, saved_at: str) -> str:
    """While a mock's save is judged as the mock ends (harness.practice.mock.judge_at_end)."""
    return f"The mock is ending: judging {file_name}, saved at {local_clock(saved_at)} and not judged yet…"


def local_clock(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone().strftime("%H:%M:%S")


def mock_started(con: Console, mock_id: int, minutes: int, files: Sequence[tuple[str, Path]], workspace: Path | None = None) -> None:
    """A new mock interview: its files, as (slug, path). `workspace` (if not the default) is carried
    by the suggested command: the mock's clock is in that workspace's log."""
    count = len(files)
    print_wrapped(con, Text(f"Mock interview #{mock_id}: {minutes} min, {count} problem{'s' if count != 1 else ''}. Your files:", style="bold"))
    for slug, path in files:
        line, show = f"  {path}", f"(drill show {slug}{workspace_flag(workspace)})"
        if con.soft_wrap or len(line) + 3 + len(show) <= (con.width or 80):
            print_wrapped(con, Text(f"{line}   {show}"))
        else:  # the command a line of its own, never cut in two
            print_wrapped(con, Text(line))
            print_wrapped(con, Text(f"    {show}"))
    print_wrapped(con, Text(f"Every save is judged. The clock keeps running if you close this terminal; `drill mock{workspace_flag(workspace)}` "
                   "comes back.", style="dim"))


def mock_resumed(con: Console, mock_id: int) -> None:
    print_wrapped(con, Text(f"Back to mock interview #{mock_id}.", style="bold"))


def mock_paused(con: Console, workspace: Path | None = None) -> None:
    flag = workspace_flag(workspace)
    print_wrapped(con, Text(f"Paused. The clock keeps running: `drill mock{flag}` to come back, `drill mock --stop{flag}` to end it now.",
                   style="yellow"))


# --- maintainers ------------------------------------------------------------------------------


def verify_check(con: Console, check: Any) -> None:
    """One line per known solution of `drill dev verify` (a verify.SolutionCheck), and why on a mismatch."""
    if check.skipped:
        print_wrapped(con, Text(f"skip      {check.problem}/{check.solution}: {check.skipped}", style="dim"))
        return
    mark = Text("ok      ", style="green") if check.ok else Text("MISMATCH", style="bold red")
    line = mark + Text(f"  {check.problem}/{check.solution}: must get {check.expected}, got {check.verdict}")
    if check.complexity:
        line.append(f"; complexity {check.complexity}")
    line.append(f" ({duration(check.duration_s)})", style="dim")
    con.print(line)
    if check.skipped_stages:
        print_wrapped(con, Text(f"          the run left out the {', '.join(check.skipped_stages)} stage; verify judges every stage", style="dim"))
    elif not check.ok and (check.wrong_mark or check.complexity_summary or check.message):
        print_wrapped(con, Text(f"          {check.wrong_mark or check.complexity_summary or check.message}", style="dim"))


def verify_summary(con: Console, checked: int, mismatches: int, undecided: int = 0, skipped: int = 0) -> None:
    """`checked` counts the files judged; `skipped` the files left out, whose verdict needs the bench (--no-bench)."""
    con.print()
    summary = f"{checked - mismatches}/{checked} solutions got their marked verdict"
    if undecided:
        summary += (f"; {undecided} of the {mismatches} misses undecided (the judge could not decide: "
                    "run them again on a quieter machine)")
    if skipped:
        summary += f"; {skipped} skipped: only the complexity benchmark gives their verdict (run without --no-bench)"
    print_wrapped(con, Text(summary, style="bold green" if not mismatches else "bold red"))


def empty_shard(con: Console, index: int, count: int) -> None:
    con.print(f"shard {index}/{count} has no problems to judge (there are more parts than problems)")
