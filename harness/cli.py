"""`drill`: the command line. A thin Click layer over the catalogue, judge, bench and store.

Exit codes: 0 accepted, 1 judged and not accepted, 2 usage error (one line on stderr), 130 interrupted.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Iterable

import click

from harness import catalogue, clock, progress, render, session
from harness.bench import BenchError, has_bench
from harness.bench import bench as run_bench
from harness.bench.plot import PlotError, plot_report
from harness.catalogue import CatalogueError, Problem
from harness.judge import JudgeError, source_sha256
from harness.render.junit import write_junit
from harness.render.markdown import peers_table
from harness.store import Store, StoreError, iso, utc_now
from harness.verdicts import ACCEPTED, TIME_LIMIT_EXCEEDED, JudgeResult
from harness import mock as mocking
from harness import watch as watching
from harness.review import interview_notes
from harness.verify import verify as verify_problem

EXIT_ACCEPTED, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class DrillError(click.ClickException):
    """A usage error: printed as one line, exit status 2."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"drill: error: {self.format_message()}", err=True)


class DrillGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (CatalogueError, StoreError, JudgeError, BenchError, PlotError) as exc:
            raise DrillError(str(exc)) from exc
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            raise DrillError(f"{exc.strerror or exc}{where}") from exc


def workspace_dir_default() -> Path:
    env = os.environ.get("DRILL_WORKSPACE")
    return Path(env).expanduser().resolve() if env else catalogue.kit_root() / "workspace"


def workspace_dir(option: Path | None) -> Path:
    """The command's --workspace, else `drill --workspace DIR COMMAND`'s, else $DRILL_WORKSPACE."""
    if option is None:
        ctx = click.get_current_context(silent=True)
        option = ctx.find_root().params.get("workspace") if ctx is not None else None
    if option is not None:
        return option.expanduser().resolve()
    env = os.environ.get("DRILL_WORKSPACE")
    if env:
        return Path(env).expanduser().resolve()
    return catalogue.kit_root() / "workspace"


def open_store(workspace: Path) -> Store:
    """The attempt log, closed when the command ends."""
    store = Store(workspace)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(store.close)
    return store


def solution_path(problem: Problem, file: Path | None, workspace: Path) -> Path:
    if file is not None:
        path = file.expanduser().resolve()
        if not path.exists():
            raise DrillError(f"no such file: {file}")
        if not path.is_file():
            raise DrillError(f"not a file: {file}")
        return path
    path = workspace / problem.file
    if not path.is_file():
        raise DrillError(f"no solution at {path}; run `drill start {problem.slug}` first, or pass --file PATH")
    return path


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str))


workspace_option = click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with your solutions and the attempt log (default: $DRILL_WORKSPACE, else workspace/ in the kit).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of text.")
redis_option = click.option(
    "--redis-url",
    envvar="DRILL_REDIS_URL",
    default=None,
    help="Judge Redis problems against this server instead of a private one drill starts ($DRILL_REDIS_URL).",
)


@click.group(cls=DrillGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drill", prog_name="drill")
@workspace_option
def cli(workspace: Path | None) -> None:
    """Practise coding-round problems against hidden tests, with judge verdicts and an attempt log.

    \b
    Start here:   drill list
                  drill start lru_cache      (then edit workspace/lru_cache.py)
                  drill test lru_cache
    """


# --- browsing ---------------------------------------------------------------------------


@cli.command("list")
@workspace_option
@json_option
def list_command(workspace: Path | None, as_json: bool) -> None:
    """List the problems and where you stand on each."""
    store = open_store(workspace_dir(workspace))
    problems = catalogue.problems()
    stats = {s.problem: s for s in progress.progress(store, list(problems), clock.now())}
    rows = []
    for p in problems:
        s = stats[p.slug]
        rows.append(
            {
                "problem": p.slug,
                "title": p.title,
                "difficulty": p.difficulty,
                "tags": list(p.tags),
                "status": s.status,
                "attempts": s.attempts,
                "solved": s.solved,
                "best_time_s": s.best_time_s,
                "interview_minutes": p.interview_minutes,
                "complexity": p.complexity,
            }
        )
    if as_json:
        emit_json(rows)
    else:
        render.problem_list(render.console(), rows)


@cli.command()
@click.argument("slug")
@workspace_option
def show(slug: str, workspace: Path | None) -> None:
    """Print a problem's statement."""
    problem = catalogue.get(slug)
    store = open_store(workspace_dir(workspace))
    status = progress.progress(store, [problem], clock.now())[0].status
    render.statement(render.console(), problem, status)


# --- the practice loop ----------------------------------------------------------------


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
    if target.exists() and not force:
        raise DrillError(
            f"{target} already exists and may hold your work; keep going with `drill test {problem.slug}`, "
            f"or pass --force to start over from the stub (the old file is backed up first)"
        )
    store.check()
    ws.mkdir(parents=True, exist_ok=True)
    backup = None
    if target.exists():
        backups = ws / ".drill" / "backups"
        backups.mkdir(parents=True, exist_ok=True)
        backup = backups / f"{target.stem}.{utc_now().strftime('%Y%m%dT%H%M%S')}{target.suffix}"
        shutil.copy2(target, backup)
    shutil.copyfile(problem.stub_path, target)
    minutes = None if timed is None else (timed or problem.interview_minutes)
    begun = store.start(problem.slug, target, timed_minutes=minutes)
    con = render.console()
    con.print(render.Text(f"Started {problem.slug} — {problem.title}", style="bold"))
    if backup:
        con.print(render.Text(f"Your previous file was saved as {backup}", style="yellow"))
    con.print(render.Text(f"Your file:  {target}"))
    # Every suggested command carries what is needed to repeat it: the workspace, if not the default one.
    ws_flag = "" if ws == workspace_dir_default() else f" --workspace {ws}"
    con.print(render.Text(f"Statement:  drill show {problem.slug}"))
    con.print(render.Text(f"Judge it:   drill test {problem.slug}{ws_flag}"))
    if minutes:
        con.print(render.Text(f"Interview mode: {minutes} min from {render.local_time(begun.started_at)}. `drill test` and `drill watch` show the time left.", style="bold yellow"))
    else:
        con.print(render.Text(f"Clock started at {render.local_time(begun.started_at)}; an interviewer would give you {problem.interview_minutes} min.", style="dim"))


def _spinner(text: str, *, quiet: bool) -> Any:
    """A spinner on stderr for anything that takes more than a moment; nothing when piped or --json."""
    con = render.console(stderr=True)
    return con.status(text + "…") if (not quiet and con.is_terminal) else nullcontext()


def _warn_if_unsandboxed() -> None:
    from harness.judge.launch import protections

    prot = protections()
    if not prot.sandboxed:
        click.echo(f"drill: warning: no sandbox ({prot.why}); the solution runs as you, with your files and network (`drill doctor`)", err=True)


def _judge_with_status(
    problem: Problem, path: Path, *, quiet: bool, complexity: bool, redis_url: str | None = None
) -> JudgeResult:
    _warn_if_unsandboxed()
    what = f"Judging {problem.slug} ({path.name})" + (" against a real Redis" if "redis" in problem.needs else "")
    con = render.console(stderr=True)
    if quiet or not con.is_terminal:
        return session.judge_file(problem, path, complexity=complexity, redis_url=redis_url)
    with con.status(what + "…") as status:
        def stage(name: str) -> None:
            if name == "complexity":
                status.update(f"Measuring how {path.name} grows against the reference…")

        return session.judge_file(problem, path, complexity=complexity, redis_url=redis_url, on_stage=stage)


def _record(store: Store, result: JudgeResult, command: str) -> None:
    warning = session.record(store, result, command)
    if warning:
        click.echo(f"drill: warning: {warning}", err=True)


@cli.command()
@click.argument("slug")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Judge this file instead of the workspace's.")
@workspace_option
@json_option
@redis_option
def test(slug: str, file: Path | None, workspace: Path | None, as_json: bool, redis_url: str | None) -> None:
    """Run the hidden tests against your solution."""
    problem = catalogue.get(slug)
    ws = workspace_dir(workspace)
    path = solution_path(problem, file, ws)
    store = open_store(ws)
    store.check()
    result = _judge_with_status(problem, path, quiet=as_json, complexity=False, redis_url=redis_url)
    _record(store, result, "test")
    if as_json:
        emit_json(result.to_dict())
    else:
        con = render.console()
        render.result(con, result)
        _after_result(con, store, problem, path, result)
        if result.ok and has_bench(problem):
            con.print(render.Text(f"Next: `drill check {problem.slug}` also checks the complexity target.", style="dim"))
    sys.exit(EXIT_ACCEPTED if result.ok else EXIT_REJECTED)


def _solved_at(result: JudgeResult | None) -> str | None:
    return (result.started_at or None) if result is not None and result.ok else None


def _after_result(con: Any, store: Store, problem: Problem, path: Path, result: JudgeResult) -> None:
    """The timer of a timed attempt, and interview notes after an accept."""
    start = store.latest_start(problem.slug, str(path))
    if start is not None and start.timed_minutes:
        con.print(render.timer_text(start.started_at, start.timed_minutes, solved_at=_solved_at(result)))
    if result.ok:
        notes = interview_notes(problem, path.read_text(encoding="utf-8", errors="replace"))
        if notes:
            con.print(render.Text("\nWhat an interviewer would ask next:", style="bold"))
            for note in notes:
                con.print(render.Text(f"  • {note}"))


@cli.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "all_problems", is_flag=True, help="Every problem whose solution file is in the workspace.")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Judge this file (one problem only).")
@workspace_option
@json_option
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a JUnit XML report here (for CI).")
@redis_option
def check(
    slugs: tuple[str, ...], all_problems: bool, file: Path | None, workspace: Path | None, as_json: bool, junit_path: Path | None, redis_url: str | None
) -> None:
    """Everything the kit judges, for one or more problems: the command for CI."""
    if all_problems and slugs:
        raise DrillError("give problem names or --all, not both")
    if not all_problems and not slugs:
        raise DrillError("name at least one problem, or pass --all")
    problems = list(catalogue.problems()) if all_problems else [catalogue.get(s) for s in dict.fromkeys(slugs)]
    if file is not None and len(problems) != 1:
        raise DrillError("--file needs exactly one problem")
    ws = workspace_dir(workspace)
    targets: list[tuple[Problem, Path]] = []
    skipped: list[Problem] = []
    for problem in problems:
        if all_problems and file is None and not (ws / problem.file).is_file():
            skipped.append(problem)
            continue
        targets.append((problem, solution_path(problem, file, ws)))
    if not targets:
        raise DrillError(f"no solution files in {ws} (looked for {', '.join(p.file for p in problems)})")
    store = open_store(ws)
    store.check()
    con = render.console()
    results: list[JudgeResult] = []
    for problem, path in targets:
        result = _judge_with_status(problem, path, quiet=as_json, complexity=True, redis_url=redis_url)
        _record(store, result, "check")
        results.append(result)
        if not as_json:
            render.result(con, result)
            con.print()
    if not as_json and skipped:
        con.print(render.Text(f"Not attempted (no file in {ws}): {', '.join(p.slug for p in skipped)}", style="dim"))
    if junit_path is not None:
        write_junit(junit_path, results, skipped)
    ok = all(r.ok for r in results)
    if as_json:
        if len(results) == 1 and not all_problems:
            emit_json(results[0].to_dict())
        else:
            emit_json(session.summary(results, [p.slug for p in skipped]))
    sys.exit(EXIT_ACCEPTED if ok else EXIT_REJECTED)


@cli.command("bench")
@click.argument("slug", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Benchmark this file instead of the workspace's.")
@workspace_option
@json_option
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a PNG of time against size (needs the plot extra).")
@redis_option
@click.option("--peers", is_flag=True, help="Maintainers: time the reference solutions against peer libraries (needs the peers extra).")
@click.option("--quick", is_flag=True, help="With --peers: tiny sizes, one round (a smoke test, no figures written).")
@click.option("--update-readme", is_flag=True, help="With --peers: also rewrite the table in benchmarks/README.md.")
def bench_command(
    slug: str | None, file: Path | None, workspace: Path | None, as_json: bool, plot_path: Path | None, redis_url: str | None,
    peers: bool, quick: bool, update_readme: bool,
) -> None:
    """Check how your solution's running time grows against the reference's (the complexity target).

    With --peers (maintainers): the reference solutions against the libraries people use instead.
    """
    if peers:
        _bench_peers(slug, as_json, quick, update_readme)
        return
    if slug is None:
        raise DrillError("name a problem: drill bench SLUG")
    problem = catalogue.get(slug)
    ws = workspace_dir(workspace)
    path = solution_path(problem, file, ws)
    if not has_bench(problem):
        raise DrillError(f"{problem.slug} has no complexity benchmark yet")
    if plot_path is not None and importlib.util.find_spec("matplotlib") is None:
        raise DrillError("--plot needs matplotlib: pip install -e '.[plot]'")
    store = open_store(ws)
    store.check()
    with _spinner(f"Measuring how {path.name} grows against the reference", quiet=as_json):
        report = run_bench(problem, path, plot=plot_path is not None, redis_url=redis_url)
    data = report.to_dict()
    try:
        store.record_bench(problem.slug, data, command="bench", started_at=iso(utc_now()), source_sha256=source_sha256(path))
    except StoreError as exc:
        click.echo(f"drill: warning: this benchmark was not recorded: {exc}", err=True)
    if plot_path is not None and report.timed:
        plot_report(report, plot_path)
    if as_json:
        emit_json(data | {"ok": report.verdict != "fail", "file": str(path)})
    else:
        out = render.console()
        out.print(render.Text(problem.slug, style="bold") + render.Text(f"  {path}", style="dim"))
        render.complexity(out, data)
        out.print(render.Text(f"\nmeasured in {render.duration(report.duration_s)}", style="dim"))
        if plot_path is not None:
            out.print(render.Text(f"plot written to {plot_path}", style="dim"))
    sys.exit(EXIT_REJECTED if report.verdict == "fail" else EXIT_ACCEPTED)


def _bench_peers(slug: str | None, as_json: bool, quick: bool, update_readme: bool) -> None:
    from harness import peers as peer_bench

    con = render.console(stderr=True)
    log = (lambda line: con.print(render.Text(line, style="dim"))) if not as_json else (lambda line: None)
    try:
        report = peer_bench.run_peers([slug] if slug else None, rounds=1 if quick else 7, smoke=quick, log=log)
    except peer_bench.PeersError as exc:
        raise DrillError(str(exc)) from exc
    if not quick:
        path = peer_bench.write_results(report, update_readme=update_readme)
        con.print(render.Text(f"wrote {path}" + (" and benchmarks/README.md" if update_readme else ""), style="dim"))
    if as_json:
        emit_json(report.to_dict())
    else:
        render.console().print(render.Markdown(peers_table(report)))
    missed = [r for r in report.rows if not r.within]
    sys.exit(EXIT_REJECTED if missed and not quick else EXIT_ACCEPTED)


# --- the record -----------------------------------------------------------------------


@cli.command()
@workspace_option
@json_option
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 365), help="Days of activity to show.")
def stats(workspace: Path | None, as_json: bool, days: int) -> None:
    """Your progress per problem, and your activity per day, from the attempt log."""
    store = open_store(workspace_dir(workspace))
    now = clock.now()
    rows = [vars(r) for r in progress.progress(store, list(catalogue.problems()), now)]
    activity = progress.activity(store, now, days)
    if as_json:
        emit_json({"problems": rows, "activity": activity})
    else:
        render.stats(render.console(), rows, activity)


@cli.command("next")
@workspace_option
@json_option
def next_command(workspace: Path | None, as_json: bool) -> None:
    """What to practise now: spaced repetition over your past results."""
    store = open_store(workspace_dir(workspace))
    now = clock.now()
    rows = [vars(r) for r in progress.next_up(progress.progress(store, list(catalogue.problems()), now), now)]
    if as_json:
        emit_json(rows)
    else:
        render.next_up(render.console(), rows)


@cli.command()
@click.argument("slug")
@workspace_option
def hint(slug: str, workspace: Path | None) -> None:
    """The next hint of the problem's ladder (one at a time; recorded)."""
    problem = catalogue.get(slug)
    store = open_store(workspace_dir(workspace))
    store.check()
    if not problem.hints:
        raise DrillError(f"{problem.slug} has no hints")
    start = store.latest_start(problem.slug)
    shown = [e for e in store.events(problem.slug) if e["kind"] == "hint" and e["start_id"] == (start.id if start else None)]
    con = render.console()
    if len(shown) >= len(problem.hints):
        con.print(render.Text(f"All {len(problem.hints)} hints are shown. Next steps: `drill reveal {problem.slug}` (the failing case in full) or `drill solution {problem.slug}`.", style="yellow"))
        for number, text in enumerate(problem.hints, 1):
            con.print(render.Text(f"  {number}. {text}", style="dim"))
        return
    level = len(shown) + 1
    store.record_event(problem.slug, "hint", str(level))
    label = HINT_LABELS[level - 1] if len(problem.hints) == len(HINT_LABELS) else f"hint {level}"
    con.print(render.Text(f"Hint {level} of {len(problem.hints)} ({label}):", style="bold"))
    con.print(render.Text(f"  {problem.hints[level - 1]}"))
    if level < len(problem.hints):
        con.print(render.Text(f"`drill hint {problem.slug}` again for the next one. Hints are recorded: a solve after a hint counts as a solve with help.", style="dim"))


HINT_LABELS = ("approach", "data structure", "complexity argument", "pitfall")


@cli.command()
@click.argument("slug")
@workspace_option
def reveal(slug: str, workspace: Path | None) -> None:
    """Show the failing hidden case of your latest failing run, in full (recorded)."""
    problem = catalogue.get(slug)
    store = open_store(workspace_dir(workspace))
    store.check()
    failing = [r for r in store.runs(problem.slug) if not r["ok"] and r["first_failure"]]
    if not failing:
        raise DrillError(f"no failing run of {problem.slug} to reveal; run `drill test {problem.slug}` first")
    run = failing[-1]
    store.record_event(problem.slug, "reveal", str(run["id"]))
    con = render.console()
    con.print(render.Text(f"{problem.slug}: run #{run['id']} at {render.local_time(run['started_at'])}, {run['verdict']}", style="bold"))
    for line in render.failure_lines(None, run["first_failure"], full=True):
        con.print(line)


@cli.command()
@click.argument("slug")
@workspace_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def solution(slug: str, workspace: Path | None, yes: bool) -> None:
    """Show the reference and the other accepted solutions, with their complexity notes (recorded)."""
    problem = catalogue.get(slug)
    store = open_store(workspace_dir(workspace))
    store.check()
    solved = any(r["verdict"] == ACCEPTED for r in store.runs(problem.slug))
    if not solved and not yes:
        if not sys.stdin.isatty():
            raise DrillError(f"you have not solved {problem.slug} yet; pass --yes to see the solutions anyway")
        if not click.confirm(f"You have not solved {problem.slug} yet. Show the solutions anyway? It counts as help", default=False):
            click.echo("Not shown.")
            return
    store.record_event(problem.slug, "solution", None)
    render.solutions(render.console(), problem)


@cli.command()
@workspace_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write here instead of standard output.")
def export(workspace: Path | None, fmt: str, output: Path | None) -> None:
    """Export the attempt log: every run (csv), or everything (json)."""
    store = open_store(workspace_dir(workspace))
    if fmt == "json":
        text = json.dumps(
            {"runs": store.runs(), "starts": store.starts(), "events": store.events(), "benches": store.benches(), "mocks": store.mocks()},
            indent=2,
            default=str,
        )
    else:
        import csv
        import io

        buffer = io.StringIO()
        columns = ["id", "problem", "command", "verdict", "ok", "passed", "failed", "total", "started_at", "duration_s", "since_start_s", "source_sha256", "source_path"]
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for run in store.runs():
            writer.writerow(run)
        text = buffer.getvalue()
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("slug", required=False)
@workspace_option
@json_option
def history(slug: str | None, workspace: Path | None, as_json: bool) -> None:
    """Every judged run, oldest first."""
    problem = catalogue.get(slug).slug if slug else None
    runs = open_store(workspace_dir(workspace)).runs(problem)
    if as_json:
        emit_json(runs)
    else:
        render.history(render.console(), runs)


# --- watch mode and mock interviews -------------------------------------------------------------


def file_changes(folders: list[Path], poll: bool) -> Iterable[set[Path]]:
    """The file events the loops react to (tests replace this)."""
    return watching.file_changes(folders, poll=poll)


@cli.command()
@click.argument("slug")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Watch this file instead of the workspace's.")
@workspace_option
@redis_option
@click.option("--poll", is_flag=True, help="Poll for changes instead of OS file events (network drives, WSL mounts).")
def watch(slug: str, file: Path | None, workspace: Path | None, redis_url: str | None, poll: bool) -> None:
    """Re-judge your solution every time you save it."""
    problem = catalogue.get(slug)
    ws = workspace_dir(workspace)
    path = solution_path(problem, file, ws)
    store = open_store(ws)
    store.check()
    con = render.console()
    item = watching.Judged(problem, path)
    start = store.latest_start(problem.slug, str(path))
    judged_at: list[str] = []

    def panel() -> Any:
        result = item.result
        header = render.Text(f"{problem.slug}  ", style="bold") + render.Text(str(path), style="dim")
        extra: list[Any] = []
        if item.error:
            extra.append(render.Text(item.error, style="yellow"))
        if start is not None and start.timed_minutes:
            extra.append(render.timer_text(start.started_at, start.timed_minutes, solved_at=_solved_at(result)))
        if result is not None and result.ok:
            notes = interview_notes(problem, path.read_text(encoding="utf-8", errors="replace")) if path.is_file() else []
            extra += [render.Text(f"• {note}") for note in notes]
            if has_bench(problem):
                extra.append(render.Text(f"`drill check {problem.slug}` also checks the complexity target.", style="dim"))
        if judged_at:
            extra.append(render.Text(f"judged at {judged_at[-1]} · save to judge again", style="dim"))
        return render.watch_panel(header, result, extra)

    timed = start is not None and bool(start.timed_minutes)
    judges = watching.Judges([item], redis_url)
    try:
        with render.Screen(con) as screen:

            def on_result(judged: Any, result: JudgeResult | None) -> None:
                if result is not None:
                    _record(store, result, "watch")
                    judged_at.append(clock.now().astimezone().strftime("%H:%M:%S"))
                screen.show(panel())

            def on_tick() -> bool:
                if timed:
                    screen.show(panel(), tick=True)
                return True

            watching.loop(judges, file_changes([path.parent], poll), on_result=on_result, on_tick=on_tick)
    except KeyboardInterrupt:
        con.print(render.Text("stopped watching", style="dim"))
    finally:
        judges.close()


@cli.command("mock")
@click.option("--minutes", type=click.IntRange(min=1), default=60, show_default=True, help="Length of the interview.")
@click.option("--problems", "count", type=click.IntRange(min=1), default=2, show_default=True, help="How many problems.")
@click.option("--stop", is_flag=True, help="End the running mock interview now and write its report.")
@workspace_option
@redis_option
@click.option("--poll", is_flag=True, help="Poll for changes instead of OS file events.")
def mock_command(minutes: int, count: int, stop: bool, workspace: Path | None, redis_url: str | None, poll: bool) -> None:
    """A timed mock interview on problems you have not mastered, judged on every save."""
    ws = workspace_dir(workspace)
    store = open_store(ws)
    store.check()
    con = render.console()
    active = mocking.active_mock(store)
    if stop:
        if active is None:
            raise DrillError("no mock interview is running")
        render.mock_report(con, mocking.finish(store, active))
        return
    if active is not None and clock.now() >= mocking.deadline(active):
        con.print(render.Text("The time of your last mock interview ran out while you were away.", style="yellow"))
        render.mock_report(con, mocking.finish(store, active))
        return
    resumed = active is not None
    if active is None:
        problems = mocking.pick_problems(store, count)
        active = mocking.create_mock(store, ws, minutes, problems)
        con.print(render.Text(f"Mock interview #{active['id']}: {minutes} min, {len(problems)} problem{'s' if len(problems) != 1 else ''}. Your files:", style="bold"))
        for problem, path in mocking.mock_files(active):
            con.print(render.Text(f"  {path}   (drill show {problem.slug})"))
        con.print(render.Text("Every save is judged. The clock keeps running if you close this terminal; `drill mock` comes back.", style="dim"))
    else:
        con.print(render.Text(f"Back to mock interview #{active['id']}.", style="bold"))
    items = [watching.Judged(problem, path) for problem, path in mocking.mock_files(active)]
    attempts = {item.path: sum(r["source_path"] == str(item.path.resolve()) for r in store.runs(item.problem.slug)) for item in items}
    complexity: dict[Path, str | None] = {item.path: None for item in items}

    def rows() -> list[dict[str, Any]]:
        out = []
        for item in items:
            res = item.result
            out.append(
                {
                    "problem": item.problem.slug,
                    "file": item.path.name,
                    "verdict": res.verdict if res else None,
                    "tests": f"{res.passed}/{res.total}" if res else "-",
                    "complexity": complexity[item.path],
                    "attempts": attempts[item.path],
                }
            )
        return out

    def panel() -> Any:
        left = (mocking.deadline(active) - clock.now()).total_seconds()
        title = f"mock interview #{active['id']} · {render.clock_text(left)} left of {active['minutes']:g} min"
        notes = [render.Text(item.error, style="yellow") for item in items if item.error]
        return render.mock_panel(title, rows(), [*notes, render.Text("save a file to judge it", style="dim")])

    def all_done() -> bool:
        return all(item.result is not None and item.result.ok for item in items)

    judges = watching.Judges(items, redis_url, complexity=True)
    finished = False
    try:
        with render.Screen(con) as screen:

            def on_result(item: Any, result: JudgeResult | None) -> None:
                if result is None:
                    screen.show(panel())
                    return
                if result.complexity is not None:
                    complexity[item.path] = result.complexity.get("verdict")
                _record(store, result, "mock")
                attempts[item.path] += 1
                screen.show(panel())

            def on_tick() -> bool:
                screen.show(panel(), tick=True)
                return clock.now() < mocking.deadline(active) and not all_done()

            screen.show(panel())
            watching.loop(judges, file_changes([Path(active["folder"])], poll), on_result=on_result, on_tick=on_tick, judge_first=resumed)
            finished = True
    except KeyboardInterrupt:
        con.print(render.Text("Paused. The clock keeps running: `drill mock` to come back, `drill mock --stop` to end it now.", style="yellow"))
    finally:
        judges.close()
    if finished:
        render.mock_report(con, mocking.finish(store, active))


@cli.command()
@json_option
def doctor(as_json: bool) -> None:
    """Which protections the judge gives a solution on this machine."""
    from harness.judge.launch import doctor as protections_here

    rows = protections_here()
    if as_json:
        emit_json({"protections": [{"name": n, "on": on, "detail": d} for n, on, d in rows]})
    else:
        render.doctor(render.console(), rows)
    sys.exit(EXIT_ACCEPTED if all(on for _, on, _ in rows) else EXIT_REJECTED)


# --- maintainers ------------------------------------------------------------------------


@cli.command()
@click.argument("slugs", nargs=-1)
@json_option
@redis_option
@click.option("--no-bench", is_flag=True, help="Judge the hidden tests only, skip the complexity benchmarks.")
def verify(slugs: tuple[str, ...], as_json: bool, redis_url: str | None, no_bench: bool) -> None:
    """Self-check: every known solution in solutions/ and every stub gets its marked verdict.

    Accepted solutions must also pass the complexity benchmark; too_slow and
    time_limit_exceeded ones must fail it.
    """
    bench_enabled = not no_bench
    problems = [catalogue.get(s) for s in dict.fromkeys(slugs)] if slugs else list(catalogue.problems())
    con = render.console()
    checks = []

    def judge_one(problem: Problem, path: Path, expected: str) -> JudgeResult:
        # Tests first, then complexity, as `drill check` does; known-slow solutions must also fail the bench.
        also = (TIME_LIMIT_EXCEEDED,) if expected == TIME_LIMIT_EXCEEDED else ()
        return session.judge_file(problem, path, complexity=bench_enabled, redis_url=redis_url, bench_also_after=also, exit_first=True)

    def report_check(item: Any) -> None:
        if not as_json and item.skipped:
            con.print(render.Text(f"skip      {item.problem}/{item.solution}: {item.skipped}", style="dim"))
        elif not as_json:
            mark = render.Text("ok      ", style="green") if item.ok else render.Text("MISMATCH", style="bold red")
            line = mark + render.Text(f"  {item.problem}/{item.solution}: must get {item.expected}, got {item.verdict}")
            if item.complexity:
                line.append(f"; complexity {item.complexity}")
            line.append(f" ({render.duration(item.duration_s)})", style="dim")
            con.print(line)
            if not item.ok and (item.complexity_summary or item.message):
                con.print(render.Text(f"          {item.complexity_summary or item.message}", style="dim"))

    for problem in problems:
        checks += verify_problem(problem, judge_one, report_check, bench=bench_enabled)
    bad = [c for c in checks if not c.ok]
    if as_json:
        emit_json({"ok": not bad, "checked": len(checks), "mismatches": len(bad), "checks": [vars(c) | {"ok": c.ok} for c in checks]})
    else:
        con.print()
        summary = f"{len(checks) - len(bad)}/{len(checks)} solutions got their marked verdict"
        con.print(render.Text(summary, style="bold green" if not bad else "bold red"))
    sys.exit(EXIT_ACCEPTED if not bad else EXIT_REJECTED)


def main() -> None:
    """Exit codes: 0 accepted, 1 judged and not accepted, 2 usage error, 130 interrupted (Ctrl-C)."""
    try:
        cli.main(prog_name="drill", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("drill: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("drill: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
