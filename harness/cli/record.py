"""The record and the help: `drill stats`, `next`, `hint`, `reveal`, `solution`, `export`, `history`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from harness import clock, render
from harness.practice import mock, progress
from harness.problems import catalogue
from harness.practice import history as past
from harness.cli.app import (
    DrillError, cli, current_slug, emit_json, json_option, named_workspace, open_store, pager_option, warn_if_no_workspace, workspace_dir,
    workspace_option,
)
from harness.render import commands as say
from harness.render import errors
from harness.practice.store import Store, StoreError


@cli.command()
@workspace_option
@json_option
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 365), help="Days of activity to show.")
def stats(workspace: Path | None, as_json: bool, days: int) -> None:
    """Your progress per problem, and your activity per day, from the attempt log."""
    warn_if_no_workspace(workspace)
    store = open_store(workspace_dir(workspace))
    now = clock.now()
    rows = progress.progress(store, list(catalogue.problems()), now)
    activity = progress.activity(store, now, days)
    if as_json:
        emit_json({"problems": [r.to_dict() for r in rows], "activity": activity, "day_streak": progress.day_streak(store, now)})
    else:
        render.stats(render.console(), [r.to_dict() | {"last_tests_only": r.last_tests_only} for r in rows], activity)


@cli.command("next")
@workspace_option
@json_option
def next_command(workspace: Path | None, as_json: bool) -> None:
    """What to practise now: started and unsolved first, then the reviews that are due (FSRS over
    your past attempts), then new problems."""
    warn_if_no_workspace(workspace)
    ws = workspace_dir(workspace)
    store = open_store(ws)
    now = clock.now()
    ranked = progress.next_up(progress.progress(store, list(catalogue.problems()), now), now)
    rows = [r.to_dict() for r in ranked]
    if as_json:
        emit_json(rows)
    elif rows:
        top = ranked[0]
        has_file = (ws / catalogue.get(top.problem).file).is_file()
        active = mock.active_mock(store)
        in_mock = None
        if active is not None and top.unfinished and top.problem in active["problems"]:  # come back to the mock, do not start over
            in_mock = (active["id"], (mock.deadline(active) - now).total_seconds(), active["minutes"], active["problems"])
        left_by_mock = progress.file_of_mock(store, top.problem) if in_mock is None else None  # its code is not the stub's
        say.next_up(render.console(), rows, go_on=top.unfinished and has_file, has_file=has_file, workspace=named_workspace(ws),
                    mock=in_mock, go_on_with="check" if top.status == progress.TESTS_PASS else "test", mock_file=left_by_mock)


@cli.command()
@click.argument("slug", required=False)
@workspace_option
@pager_option
def hint(slug: str | None, workspace: Path | None, no_pager: bool) -> None:
    """The next hint of the problem's ladder, one at a time; recorded (without SLUG: the problem you started last)."""
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    store = open_store(ws, writes=True)
    if not problem.hints:
        raise DrillError(errors.no_hints(problem.slug))
    start = store.latest_start(problem.slug)
    start_id = start.id if start else None
    shown = [e for e in store.events(problem.slug) if e["kind"] == "hint" and e["start_id"] == start_id]
    # Where this attempt stands, for what the last hint suggests: a reveal needs a failing run of it.
    try:
        runs = [r for r in store.runs(problem.slug) if r["start_id"] == start_id]
    except StoreError:  # a damaged run does not hold back a hint: the next step is then said as for a first try
        runs = []
    standing = say.Standing(tried=bool(runs), can_reveal=progress.run_to_reveal(runs) is not None,  # as reveal says
                            solved=any(r["ok"] and r["command"] in progress.FULL_JUDGEMENT for r in runs))  # as progress says
    if len(shown) >= len(problem.hints):
        say.hints_exhausted(render.console(), problem.slug, problem.hints, standing, pager=not no_pager, workspace=named_workspace(ws))
        return
    level = len(shown) + 1
    store.record_event(problem.slug, "hint", str(level))
    say.hint(render.console(), problem.slug, problem.hints, level, standing, pager=not no_pager, workspace=named_workspace(ws))


@cli.command()
@click.argument("slug", required=False)
@workspace_option
@pager_option
@click.option("--pytest", "as_pytest", is_flag=True,
              help="Instead, write the case as a small standalone pytest file beside your solution, to run under your debugger.")
def reveal(slug: str | None, workspace: Path | None, no_pager: bool, as_pytest: bool) -> None:
    """Show the failing hidden case of your latest run, in full, if it failed on one; recorded (without SLUG: the problem you started last).

    With --pytest: the case (its shrunk input when Hypothesis found it), the expected value and
    the assertion, as test_SLUG_runN.py in the workspace; it imports your solution file and needs
    nothing of the kit. Recorded as help too.
    """
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    store = open_store(ws, writes=True)
    runs = progress.counted_runs(store, problem.slug, clock.now())  # never a --file run of another file
    # Only the latest run: an older failure is stale (the code has moved on), and showing it would count as help.
    run = progress.run_to_reveal(runs)
    if run is None:
        raise DrillError(_nothing_to_reveal(store, problem.slug, runs[-1] if runs else None, named_workspace(ws)))
    if as_pytest:
        _write_pytest(problem, run, ws)
    store.record_event(problem.slug, "reveal", str(run["id"]))
    if not as_pytest:
        say.reveal(render.console(), problem.slug, run, pager=not no_pager)


def _nothing_to_reveal(store: Store, slug: str, latest: dict | None, workspace: Path | None) -> str:
    """Why `drill reveal` has no case to show (nothing is recorded): one line."""
    if latest is None:
        if any(not r["ok"] and r["first_failure"] for r in store.runs(slug)):
            return errors.only_file_runs_failed(slug, workspace)
        return errors.nothing_to_reveal(slug, workspace)
    if latest["ok"]:
        return errors.latest_run_passed(slug, latest["id"], latest["verdict"], workspace)
    if (latest.get("complexity") or {}).get("verdict") == "fail":  # it failed, but on its complexity: no case to show
        return errors.only_complexity_failed(slug, latest["verdict"], workspace)
    if latest["first_failure"]:
        return errors.no_hidden_case(slug, latest["id"], latest["verdict"], workspace)
    return errors.nothing_to_reveal(slug, workspace)


def _write_pytest(problem: catalogue.Problem, run: dict, ws: Path) -> None:
    """The case as a pytest file in the workspace (nothing recorded if it cannot be written)."""
    from harness.practice import reproduce
    from harness.practice import messages

    path = ws / reproduce.file_name(problem, run)
    solution = Path(run["source_path"])
    try:
        text = reproduce.pytest_source(problem, run, solution, path)
        fresh = reproduce.write(path, text)
    except reproduce.NotStandalone as exc:
        raise DrillError(messages.repro_not_written(problem.slug, str(exc))) from exc
    except FileExistsError as exc:
        raise DrillError(messages.repro_file_exists(path)) from exc
    say.pytest_written(render.console(), problem.slug, run, path, solution, fresh=fresh)


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


@cli.command()
@click.argument("slug", required=False)
@workspace_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pager_option
def solution(slug: str | None, workspace: Path | None, yes: bool, no_pager: bool) -> None:
    """Show the reference and the other accepted solutions, with their complexity notes; recorded
    (without SLUG: the problem you started last)."""
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    store = open_store(ws, writes=True)
    solved = progress.one(store, problem, clock.now()).solved  # as list and stats say: `drill check` accepted your own file
    if not solved and not yes:
        if not _stdin_is_terminal():
            raise DrillError(errors.not_solved_yet(problem.slug))
        # On stderr: with the output piped (`| tail`), a question on stdout would wait unseen.
        say.unsolved_solutions_warning(render.console(stderr=True), problem.slug)
        if not click.confirm(say.UNSOLVED_SOLUTIONS_QUESTION, default=False, err=True):
            say.not_shown(render.console())
            return
    store.record_event(problem.slug, "solution", None)
    render.solutions(render.console(), problem, pager=not no_pager)


@cli.command()
@workspace_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write here instead of standard output.")
@click.option("--force", is_flag=True, help="Replace the --output file if it exists.")
def export(workspace: Path | None, fmt: str, output: Path | None, force: bool) -> None:
    """Export the attempt log: every run (csv), or everything (json)."""
    if output is not None and output.exists() and not force:
        raise DrillError(errors.output_exists(output))
    text = open_store(workspace_dir(workspace)).export(fmt)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.write_text(text, encoding="utf-8")
        render.wrote(output)


@cli.command()
@click.argument("slug", required=False)
@workspace_option
@json_option
@click.option("--show", "show", type=int, default=None, metavar="N", help="Print the source that run N judged (N: the # column).")
@click.option("--diff", "diff", type=int, nargs=2, default=None, metavar="N M", help="A unified diff from run N's source to run M's.")
@pager_option
def history(slug: str | None, workspace: Path | None, as_json: bool, show: int | None, diff: tuple[int, int] | None,
            no_pager: bool) -> None:
    """Every judged run, oldest first (a pager shows a table taller than the terminal); with --show
    or --diff, the code a run judged."""
    problem = catalogue.get(slug).slug if slug else None
    warn_if_no_workspace(workspace)
    ws = workspace_dir(workspace)
    store = open_store(ws)
    if show is not None and diff:
        raise DrillError(errors.show_and_diff())
    try:
        if show is not None:
            run, text = past.kept_source(store, show, problem)
            if as_json:
                emit_json({"run": run["id"], "problem": run["problem"], "verdict": run["verdict"],
                           "source_sha256": run["source_sha256"], "source_path": run["source_path"], "source": text})
            else:
                say.past_source(run, text)
            return
        if diff:
            old, new = past.kept_source(store, diff[0], problem), past.kept_source(store, diff[1], problem)
            text = past.diff(old, new)
            if as_json:
                emit_json({"from": diff[0], "to": diff[1], "same": not text, "diff": text})
            else:
                say.past_diff(old[0], new[0], text)
            return
    except past.HistoryError as exc:
        raise DrillError(str(exc)) from exc
    runs = store.runs(problem)
    own = progress.own_files(store, store.starts(), store.mocks())
    for run in runs:  # as progress counts it: a --file run (also of a mock's file) is not yours
        run["counted"] = progress.own_run(run, own)
    if as_json:
        emit_json(runs)
    elif not runs:
        say.no_runs(render.console(), problem, named_workspace(ws))
    else:
        render.history(render.console(), runs, ws, pager=not no_pager)
