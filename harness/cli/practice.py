"""The practice loop: `drill start`, `test`, `run`, `check` and `bench`."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from harness import clock, pipeline, render
from harness.practice import progress
from harness.problems import catalogue
from harness.bench import has_bench, measure_complexity
from harness.bench.plot import plot_report
from harness.problems.cases import cases_for, own_cases_path, skipped_counted
from harness.problems.cases import template as cases_template
from harness.problems.catalogue import Problem
from harness.cli.app import (
    EXIT_ACCEPTED, EXIT_NO_VERDICT, EXIT_REJECTED, DrillError, cli, current_slug, emit_json, exit_judged, exit_with, file_run, json_option, named_workspace, open_store, record, redis_option, refuse_unusable_redis_url, solution_path,
    workspace_dir, workspace_dir_default, workspace_option,
)
from harness.judge import source_sha256
from harness.judge.tryout import run_cases
from harness.render import commands as say
from harness.render import errors
from harness.render.junit import junit_counts, write_junit
from harness.practice.review import interview_notes
from harness.practice.store import Store, StoreError, iso, utc_now
from harness.verdicts import FAIL, INCONCLUSIVE, JudgeResult


@cli.command()
@click.argument("slug")
@workspace_option
@click.option("--force", is_flag=True, help="Replace an existing solution file with the stub (the old file is backed up).")
@click.option(
    "--timed", "timed", type=click.IntRange(min=0), is_flag=False, flag_value=0, default=None, metavar="[MINUTES]",
    help="Interview mode: a countdown of MINUTES (alone: the problem's interview budget).",
)
def start(slug: str, workspace: Path | None, force: bool, timed: int | None) -> None:
    """Copy a problem's stub into the workspace and start the clock."""
    problem = catalogue.get(slug)
    ws = workspace_dir(workspace)
    target = ws / problem.file
    store = open_store(ws)
    # A follow-up judges its base problem's file: the work in it is the starting point, so it is kept.
    kept = target.exists() and not force and problem.follows is not None
    if target.exists() and not force and not kept:
        raise DrillError(errors.solution_exists(target, problem.slug, named_workspace(ws)))
    store.ensure_usable()
    ws.mkdir(parents=True, exist_ok=True)
    backup = None
    if target.exists() and not kept:
        backups = ws / ".drill" / "backups"
        backups.mkdir(parents=True, exist_ok=True)
        backup = backups / f"{target.stem}.{utc_now().strftime('%Y%m%dT%H%M%S')}{target.suffix}"
        shutil.copy2(target, backup)
    if not kept:
        shutil.copyfile(problem.stub_path, target)
    cases_file = own_cases_path(target)
    if not cases_file.exists():  # your cases for `drill run`: never replaced, even with --force
        cases_file.write_text(cases_template(problem), encoding="utf-8")
    minutes = None if timed is None else (timed or problem.interview_minutes)
    begun = store.start(problem.slug, target, timed_minutes=minutes)
    say.started(
        render.console(), slug=problem.slug, title=problem.title, target=target, backup=backup,
        workspace=None if ws == workspace_dir_default() else ws, timed_minutes=minutes, started_at=begun.started_at,
        interview_minutes=problem.interview_minutes, cases=cases_file, kept_from=problem.follows if kept else None,
    )


def _spinner(text: str, *, quiet: bool) -> Any:
    """A spinner on stderr for anything that takes more than a moment; nothing when piped or --json."""
    con = render.console(stderr=True)
    return con.status(text) if (not quiet and con.is_terminal) else nullcontext()


def _warn_if_unsandboxed() -> None:
    from harness.worker.policy import protections

    prot = protections()
    if not prot.sandboxed:
        render.unsandboxed(prot.why)


def shown_as(file: Path | None) -> str | None:
    """How a load error or a traceback names the file: the path as typed after --file (else its own name)."""
    return str(file) if file is not None else None


def _judge_with_status(
    problem: Problem, path: Path, *, quiet: bool, complexity: bool, redis_url: str | None = None, file: Path | None = None
) -> JudgeResult:
    _warn_if_unsandboxed()
    con = render.console(stderr=True)
    if quiet or not con.is_terminal:
        return pipeline.judge_file(problem, path, complexity=complexity, redis_url=redis_url, shown_as=shown_as(file))
    with con.status(say.judging_status(problem.slug, path.name, redis="redis" in problem.needs)) as status:
        def stage(name: str) -> None:
            if name == "complexity":
                status.update(say.measuring_status(path.name))

        return pipeline.judge_file(problem, path, complexity=complexity, redis_url=redis_url, on_stage=stage, shown_as=shown_as(file))


def _attempt_clock(store: Store, problem: Problem, path: Path) -> tuple[str, float, str | None] | None:
    try:
        return progress.attempt_clock(store, problem.slug, path, clock.now())
    except StoreError:  # the result is shown anyway (a warning said the log could not take it)
        return None


def _full_judgement(store: Store, problem: Problem, result: JudgeResult) -> str | None:
    """The verdict `drill check` (or a mock) gave these same bytes, if it judged them."""
    try:
        run = progress.full_judgement_of(store, problem.slug, result.source_sha256)
    except StoreError:
        return None
    return run["verdict"] if run else None


@cli.command("test")
@click.argument("slug", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Judge this file instead of the workspace's.")
@workspace_option
@json_option
@redis_option
def test_command(slug: str | None, file: Path | None, workspace: Path | None, as_json: bool, redis_url: str | None) -> None:
    """Run the hidden tests against your solution (without SLUG: the problem you started last)."""
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    refuse_unusable_redis_url(problem, redis_url)
    path = solution_path(problem, file, ws)
    store = open_store(ws, writes=True)
    result = _judge_with_status(problem, path, quiet=as_json, complexity=False, redis_url=redis_url, file=file)
    record(store, result, "test", other_file=file_run(problem, file, ws))
    if as_json:
        emit_json(result.to_dict())
    else:
        con = render.console()
        render.result(con, result)
        notes = interview_notes(problem, path.read_text(encoding="utf-8", errors="replace")) if result.ok else []
        # Only while `drill check` has not judged these bytes is it news that it checks the complexity.
        checked = _full_judgement(store, problem, result) if result.ok else None
        say.after_result(con, problem.slug, timer=_attempt_clock(store, problem, path), notes=notes,
                         suggest_check=result.ok and has_bench(problem) and checked is None, checked=checked, file=file,
                         workspace=None if ws == workspace_dir_default() else ws, tests_pass_now=result.ok)
    exit_judged([result])


@cli.command("run")
@click.argument("slug", required=False)
@click.option("--cases", "cases_file", type=click.Path(path_type=Path), default=None,
              help="Your cases from this file (default: the .cases.toml file beside your solution, if there is one).")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Run this file instead of the workspace's.")
@workspace_option
@json_option
@redis_option
def run_command(slug: str | None, cases_file: Path | None, file: Path | None, workspace: Path | None, as_json: bool,
                redis_url: str | None) -> None:
    """Run the statement's examples and your own cases against your solution (without SLUG: the
    problem you started last). No hidden tests, nothing recorded: exit status 0 when every
    expected answer matched."""
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    refuse_unusable_redis_url(problem, redis_url)
    path = solution_path(problem, file, ws)
    cases, sources = cases_for(problem, path, cases_file, workspace=ws)
    _warn_if_unsandboxed()
    with _spinner(say.running_status(problem.slug, path.name), quiet=as_json):
        report = skipped_counted(run_cases(problem, path, cases, redis_url=redis_url, sources=sources, shown_as=shown_as(file)), cases)
    data = report.to_dict()
    if as_json:
        emit_json(data)
    else:
        say.run_report(render.console(), data, workspace=None if ws == workspace_dir_default() else ws, file=file)
    exit_with(report.ok)


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """`--shard 2/4` as (2, 4); anything else is a usage error that says the form."""
    if value is None:
        return None
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise DrillError(errors.bad_shard(value))
    return int(index), int(count)


@cli.command("check")
@click.argument("slugs", nargs=-1)
@click.option("--all", "all_problems", is_flag=True, help="Every problem whose solution file is in the workspace.")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Judge this file (one problem only).")
@workspace_option
@json_option
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a JUnit XML report here (for CI).")
@click.option("--shard", "shard", default=None, metavar="I/N", callback=lambda _c, _p, v: parse_shard(v),
              help="Judge only the I-th of N parts of the problems, balanced by their known time (a CI matrix).")
@redis_option
def check_command(
    slugs: tuple[str, ...], all_problems: bool, file: Path | None, workspace: Path | None, as_json: bool, junit_path: Path | None,
    shard: tuple[int, int] | None, redis_url: str | None
) -> None:
    """Everything the kit judges, for one or more problems (none named: the problem you started last): the command for CI."""
    if all_problems and slugs:
        raise DrillError(errors.names_and_all())
    if not all_problems and not slugs:
        slugs = (current_slug(None, workspace_dir(workspace)),)
    problems = list(catalogue.problems()) if all_problems else [catalogue.get(s) for s in dict.fromkeys(slugs)]
    if file is not None and len(problems) != 1:
        raise DrillError(errors.file_needs_one_problem())
    if not all_problems:  # a problem named that cannot use the URL; --all judges the rest and says it per problem
        for problem in problems:
            refuse_unusable_redis_url(problem, redis_url)
    if shard is not None:
        problems = catalogue.shard(problems, *shard)
        if not problems:  # more parts than problems: this job of the matrix has nothing to judge
            say.empty_shard(render.console(), *shard)
            return
    ws = workspace_dir(workspace)
    targets: list[tuple[Problem, Path]] = []
    skipped: list[Problem] = []
    for problem in problems:
        if all_problems and file is None and not (ws / problem.file).is_file():
            skipped.append(problem)
            continue
        targets.append((problem, solution_path(problem, file, ws)))
    if not targets:
        raise DrillError(errors.no_solution_files(ws, [p.file for p in problems]))
    store = open_store(ws, writes=True)
    con = render.console()
    results: list[JudgeResult] = []
    one_line_each = all_problems or len(targets) > 1
    slug_width = max(len(problem.slug) for problem, _ in targets)
    for problem, path in targets:
        try:
            result = _judge_with_status(problem, path, quiet=as_json, complexity=True, redis_url=redis_url, file=file)
        except pipeline.ComplexityInterrupted as stopped:  # the tests' result is kept, shown and recorded, then drill stops
            record(store, stopped.result, pipeline.recorded_command(stopped.result, "check"), other_file=file_run(problem, file, ws))
            if as_json:
                emit_json(stopped.result.to_dict())
            else:
                render.result(con, stopped.result)
            raise
        record(store, result, "check", other_file=file_run(problem, file, ws))
        results.append(result)
        if as_json:
            continue
        if one_line_each:
            say.check_line(con, result, slug_width)
        else:
            render.result(con, result)
            con.print()
    if not as_json and one_line_each:
        say.check_failures(con, results)
        con.print()
    if not as_json and skipped:
        say.not_attempted(con, ws, [p.slug for p in skipped])
    if not as_json and one_line_each:
        say.check_tally(con, results, len(skipped))
    if junit_path is not None:
        write_junit(junit_path, results, skipped)
        render.wrote(junit_path)
    if as_json:
        if len(results) == 1 and not all_problems:
            emit_json(results[0].to_dict())
        else:
            emit_json(pipeline.summary(results, [p.slug for p in skipped], junit_counts(results, skipped),
                                       [junit_counts([result]) for result in results]))
    exit_judged(results)


@cli.command("bench")
@click.argument("slug", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Benchmark this file instead of the workspace's.")
@workspace_option
@json_option
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a PNG of time against size (needs the plot extra).")
@redis_option
# The old spelling of `drill dev peers`, hidden from --help.
@click.option("--peers", is_flag=True, hidden=True)
@click.option("--quick", is_flag=True, hidden=True)
@click.option("--save", is_flag=True, hidden=True)
def bench_command(
    slug: str | None, file: Path | None, workspace: Path | None, as_json: bool, plot_path: Path | None, redis_url: str | None,
    peers: bool, quick: bool, save: bool,
) -> None:
    """Check how your solution's running time grows against the reference's, the complexity target
    (without SLUG: the problem you started last).
    """
    if peers:
        from harness.cli.dev import run_peers

        run_peers(slug, as_json, quick, save)
        return
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    refuse_unusable_redis_url(problem, redis_url)
    path = solution_path(problem, file, ws)
    if not has_bench(problem):
        raise DrillError(errors.no_benchmark(problem.slug))
    if plot_path is not None and importlib.util.find_spec("matplotlib") is None:
        raise DrillError(errors.plot_needs_matplotlib())
    store = open_store(ws, writes=True)
    with _spinner(say.measuring_status(path.name), quiet=as_json):
        report = measure_complexity(problem, path, plot=plot_path is not None, redis_url=redis_url, shown_as=shown_as(file))
    data = report.to_dict()
    try:
        store.record_bench(problem.slug, data, command="bench", started_at=iso(utc_now()), source_sha256=source_sha256(path))
    except StoreError as exc:
        render.not_recorded("benchmark", exc)
    if plot_path is not None and report.timed:
        plot_report(report, plot_path)
    if as_json:
        emit_json(data | {"ok": report.verdict != FAIL, "file": str(path)})
    else:
        say.bench_report(render.console(), problem.slug, path, data, plot_path)
    sys.exit(EXIT_NO_VERDICT if report.verdict == INCONCLUSIVE else EXIT_REJECTED if report.verdict == FAIL else EXIT_ACCEPTED)

