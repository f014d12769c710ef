"""The `drill` group: its options, its errors, `main` with the exit statuses, and what every command shares."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from harness import pipeline, render
from harness.problems import catalogue
from harness.render import commands as say
from harness.render import errors, markdown
from harness.bench import BenchError
from harness.bench.plot import PlotError
from harness.problems.cases import CasesError
from harness.problems.catalogue import CatalogueError, Problem, UnknownName
from harness.judge import JudgeError, show_redis_warnings_with
from harness.services.redis.env import redis_url_refusal
from harness.services.redis.server import well_formed
from harness.practice.store import Store, StoreError
from harness.verdicts import ACCEPTED, JUDGE_ERROR, NO_VERDICT, JudgeResult

EXIT_ACCEPTED, EXIT_REJECTED, EXIT_USAGE, EXIT_NO_VERDICT = 0, 1, 2, 3


class DrillError(click.ClickException):
    """A usage error: printed as one line, exit status 2."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        render.error(self.format_message())


class NoVerdict(DrillError):
    """The judge could not run (no Redis, say): printed as one line, exit status 3 (no verdict)."""

    exit_code = EXIT_NO_VERDICT


# Commands that spend help (a solve after one counts as a solve with help): never offered for a mistyped command.
HELP_COMMANDS = frozenset({"hint", "reveal", "solution"})
# Words people type for what another command does.
MEANT_BY = {"review": "next", "reviews": "next", "due": "next"}


class DrillGroup(click.Group):
    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            name = click.utils.make_str(args[0]) if args else ""
            if not name or name.startswith("-") or name in self.commands:
                raise
            raise click.UsageError(errors.no_such_command(name, self._close_commands(ctx, name), MEANT_BY.get(name)), ctx) from exc

    def _close_commands(self, ctx: click.Context, name: str) -> list[str]:
        import difflib

        offered = [c for c in self.list_commands(ctx) if c not in HELP_COMMANDS and not self.commands[c].hidden]
        return difflib.get_close_matches(name, offered)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JudgeError as exc:
            advice = render.own_redis_advice(from_env=ctx.meta.get(REDIS_FROM_ENV, False)) if exc.own_server_helps else ""
            if ctx.meta.get(JSON_WANTED):  # --json promises one object on stdout: the no-verdict one
                emit_json({"verdict": JUDGE_ERROR, "message": str(exc), "ok": False})
            raise NoVerdict(str(exc) + advice) from exc
        except UnknownName as exc:  # every command that takes a slug (or a tag) offers the close names
            raise DrillError(errors.unknown_name(exc.what, exc.name, exc.close, exc.known)) from exc
        except (CatalogueError, CasesError, StoreError, BenchError, PlotError) as exc:
            raise DrillError(str(exc)) from exc
        except OSError as exc:
            raise DrillError(errors.os_error(str(exc.strerror or exc), exc.filename)) from exc


def workspace_dir_default() -> Path:
    env = os.environ.get("DRILL_WORKSPACE")
    return Path(env).expanduser().resolve() if env else catalogue.kit_root() / "workspace"


def _given_workspace(option: Path | None) -> Path | None:
    """The command's --workspace, else `drill --workspace DIR COMMAND`'s, else None."""
    if option is None:
        ctx = click.get_current_context(silent=True)
        option = ctx.find_root().params.get("workspace") if ctx is not None else None
    return option


def workspace_dir(option: Path | None) -> Path:
    """The command's --workspace, else `drill --workspace DIR COMMAND`'s, else $DRILL_WORKSPACE."""
    option = _given_workspace(option)
    if option is not None:
        return option.expanduser().resolve()
    return workspace_dir_default()


def warn_if_no_workspace(option: Path | None) -> None:
    """A workspace named explicitly (--workspace, $DRILL_WORKSPACE) that is not there: one warning
    line (the read-only views go on, as empty), so that a mistyped path does not read as "0 solved".
    The default workspace/ is not warned of: it is made by the first `drill start`."""
    option = _given_workspace(option)
    source = "--workspace" if option is not None else "$DRILL_WORKSPACE" if os.environ.get("DRILL_WORKSPACE") else None
    folder = workspace_dir(option)
    if source is not None and not folder.exists():
        render.warning(errors.no_such_workspace(folder, source))


def named_workspace(ws: Path) -> Path | None:
    """The workspace a suggested command must name (`--workspace`): None for the default one."""
    return None if ws == workspace_dir_default() else ws


MOCK_CHECKED = "drill.expired_mock_checked"  # ctx.meta: this command already ended an expired mock, or found none


def open_store(workspace: Path, *, writes: bool = False, end_expired_mock: bool = True) -> Store:
    """The attempt log, closed when the command ends. `writes`: the command will write to it,
    so a log that exists but cannot be used stops it now, before any judging. `end_expired_mock`:
    a mock whose time ran out is ended first (its unjudged saves judged, its report on stderr), so
    that what the command reads counts them; `drill mock` ends it itself."""
    store = Store(workspace)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(store.close)
    if writes:
        store.ensure_usable()
    if end_expired_mock and ctx is not None and not ctx.find_root().meta.get(MOCK_CHECKED):
        ctx.find_root().meta[MOCK_CHECKED] = True
        _end_expired_mock(store, ctx)
    return store


def _end_expired_mock(store: Store, ctx: click.Context) -> None:
    from harness.practice import mock

    try:
        expired = mock.expired(store)
    except StoreError:
        return  # the command says what is wrong with the log, if it reads it
    if expired is None:
        return
    con = render.console(stderr=True)
    say.mock_ran_out(con)
    try:
        report = finish_mock(store, expired, redis_url=ctx.params.get("redis_url"))
    except (JudgeError, StoreError) as exc:  # the command goes on; `drill mock` ends it, and says the error again
        say.mock_not_ended(con, expired["id"], str(exc), named_workspace(Path(store.workspace)))
        return
    render.mock_report(con, report)
    con.print()


def finish_mock(store: Store, active: dict[str, Any], *, redis_url: str | None) -> dict[str, Any]:
    """End a mock (harness.practice.mock.finish), with a spinner on stderr while a save it had not judged is judged."""
    from harness.practice import mock

    con = render.console(stderr=True)
    shown: list[Any] = []

    def judging(save: mock.Unjudged) -> None:
        if not con.is_terminal:
            return
        text = say.judging_at_end_status(save.path.name, save.saved_at.isoformat())
        if shown:
            shown[0].update(text)
        else:
            shown.append(con.status(text))
            shown[0].start()

    try:
        return mock.finish(store, active, markdown.mock_report, redis_url=redis_url, on_judging=judging)
    finally:
        for status in shown:
            status.stop()


def current_slug(slug: str | None, workspace: Path) -> str:
    """`slug`, else the problem started last in the workspace (every command that takes one problem)."""
    if slug:
        return slug
    try:
        start = open_store(workspace).last_started_in(workspace)
    except StoreError as exc:
        raise DrillError(errors.no_current_problem_unreadable(str(exc))) from exc
    if start is None:
        raise DrillError(errors.no_current_problem())
    return start.problem


def solution_path(problem: Problem, file: Path | None, workspace: Path) -> Path:
    if file is not None:
        path = file.expanduser().resolve()
        if not path.exists():
            raise DrillError(errors.no_such_file(file))
        if not path.is_file():
            raise DrillError(errors.not_a_file(file))
        return path
    path = workspace / problem.file
    if not path.is_file():
        raise DrillError(errors.no_solution(path, problem.slug, named_workspace(workspace)))
    return path


def file_run(problem: Problem, file: Path | None, workspace: Path) -> bool:
    """Whether `--file` named another file than the problem's own in the workspace: such a run
    never changes where you stand, even of a file a mock made (the mock judges its own files)."""
    return file is not None and file.expanduser().resolve() != (workspace / problem.file).resolve()


def record(store: Store, result: JudgeResult, command: str, *, other_file: bool = False) -> None:
    """The run into the log (`other_file`: see file_run); if the log cannot take it, a warning and the command goes on."""
    error = pipeline.record(store, result, command, file_run=other_file)
    if error is not None:
        render.not_recorded("run", error)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str))


def exit_with(ok: bool) -> None:
    sys.exit(EXIT_ACCEPTED if ok else EXIT_REJECTED)


def exit_status(verdicts: list[str]) -> int:
    """0 if every run was accepted; 1 if one was judged and not accepted; else 3: a run the judge
    could not decide or could not run (undecided, judge_error) is neither a pass nor a failure."""
    if all(v == ACCEPTED for v in verdicts):
        return EXIT_ACCEPTED
    if any(v != ACCEPTED and v not in NO_VERDICT for v in verdicts):
        return EXIT_REJECTED
    return EXIT_NO_VERDICT


def exit_judged(results: list[JudgeResult]) -> None:
    sys.exit(exit_status([r.verdict for r in results]))


workspace_option = click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with your solutions and the attempt log (default: $DRILL_WORKSPACE, else workspace/ in the kit).",
)
JSON_WANTED = "drill.json"  # ctx.meta (shared by the whole command line): --json was given


def _remember_json(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[JSON_WANTED] = True
    return value


json_option = click.option("--json", "as_json", is_flag=True, callback=_remember_json, help="Print one JSON document instead of text.")
pager_option = click.option(
    "--no-pager", "no_pager", is_flag=True,
    help="Print straight to the terminal: no pager for a text taller than the screen ($DRILL_PAGER=cat does it always).",
)
REDIS_FROM_ENV = "drill.redis_url_from_env"  # ctx.meta: the URL came from $DRILL_REDIS_URL, not the flag


def _redis_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Where the URL came from is kept for the error lines; a malformed URL stops here, before any judging."""
    if value is None:
        return None
    from_env = ctx.get_parameter_source(param.name or "") == click.core.ParameterSource.ENVIRONMENT
    ctx.meta[REDIS_FROM_ENV] = from_env
    if not well_formed(value):
        raise DrillError(render.malformed_redis_url(value, from_env=from_env))
    return value


def refuse_unusable_redis_url(problem: Problem, redis_url: str | None) -> None:
    """A --redis-url the problem cannot be judged on (one server for a problem that needs four, say)
    is a usage error, said before any judging."""
    ctx = click.get_current_context(silent=True)
    why = redis_url_refusal(problem, redis_url, from_env=bool(ctx and ctx.meta.get(REDIS_FROM_ENV, False)))
    if why:
        raise DrillError(why)


redis_option = click.option(
    "--redis-url",
    envvar="DRILL_REDIS_URL",
    default=None,
    callback=_redis_url,
    help="Judge a problem that needs one Redis server against this server (redis://HOST:PORT), or the rate limiter's cluster "
         "stage against this cluster (redis+cluster://HOST:PORT), instead of a private one drill starts ($DRILL_REDIS_URL).",
)


@click.group(cls=DrillGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drill", prog_name="drill")
@workspace_option
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None) -> None:
    """Practise coding-round problems against hidden tests, with judge verdicts and an attempt log.

    Alone, `drill` shows where you stand: the problem you started last, its latest run, what is next.

    \b
    Start here:   drill list
                  drill start lru_cache      (then edit workspace/lru_cache.py)
                  drill test                 (the problem you started last)
    """
    show_redis_warnings_with(lambda code: render.redis_warning(code))  # a lambda: rich loads only when one comes
    if ctx.invoked_subcommand is None:
        warn_if_no_workspace(workspace)
        _where_you_stand(workspace_dir(workspace))


def _where_you_stand(ws: Path) -> None:
    """A bare `drill`. A log that cannot be read is a usage error (exit 2), said in one line."""
    from harness import clock
    from harness.practice import mock, progress

    store = open_store(ws)
    now = clock.now()
    problems = list(catalogue.problems())
    try:
        rows = progress.progress(store, problems, now)
        start = store.last_started_in(ws)
        active = mock.active_mock(store)
    except StoreError as exc:  # one error line, as list, stats and next: no view that claims nothing was started
        raise DrillError(str(exc)) from exc
    running = None
    if active is not None:
        running = (active["id"], (mock.deadline(active) - now).total_seconds(), active["minutes"], active["problems"])
    ranked = progress.next_up(rows, now)
    row = next((r for r in rows if start and r.problem == start.problem), None)
    say.where_you_stand(
        render.console(), solved=sum(r.solved for r in rows), total=len(rows), current=start.problem if start else None,
        last_run=row.last_run if row is not None else None, next_row=ranked[0].to_dict() if ranked else None,
        current_solved=row is not None and row.solved and not row.unfinished,
        workspace=named_workspace(ws), mock=running, folder=ws, last_tests_only=row is not None and row.last_tests_only,
    )


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (`kill`, a closed terminal): handled as Ctrl-C is, so that drill stops
    its runners and Redis servers, removes its temp folders and pauses a mock."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def interrupted_status(exc: BaseException) -> int:
    """130 after Ctrl-C; 128 + the signal after SIGTERM or SIGHUP (click wraps either in Abort)."""
    stopped = next((e for e in (exc, exc.__cause__, exc.__context__) if isinstance(e, Stopped)), None)
    return 128 + stopped.signum if stopped else 130


def _stop(signum: int, frame: Any) -> None:
    for sig in (signal.SIGTERM, signal.SIGHUP):  # a second one must not cut the clean-up short
        signal.signal(sig, signal.SIG_IGN)
    raise Stopped(signum)


def main() -> None:
    """Exit codes: 0 accepted, 1 judged and not accepted, 2 usage error, 3 no verdict (the judge
    could not decide: undecided, or could not run: judge_error), 130 interrupted (Ctrl-C),
    128 + the signal when stopped by SIGTERM or SIGHUP."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    try:
        cli.main(prog_name="drill", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt) as exc:
        render.interrupted()
        sys.exit(interrupted_status(exc))
    except click.UsageError as exc:  # click's own (drill's are DrillError): one line, as drill's errors are
        if exc.ctx is not None:
            where, group = exc.ctx.command_path, isinstance(exc.ctx.command, click.Group)
        else:  # click does not say which command (an option's missing value): the one the command line names
            command: click.Command = cli
            where = "drill"
            for arg in sys.argv[1:]:
                if isinstance(command, click.Group) and arg in command.commands:
                    command, where = command.commands[arg], f"{where} {arg}"
            group = isinstance(command, click.Group)
        render.error(errors.usage(exc.format_message(), where, group=group))
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
