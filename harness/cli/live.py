"""Judged on every save: `drill watch` and `drill mock`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from harness import clock, pipeline, render
from harness.practice import mock, progress, watch
from harness.problems import catalogue
from harness.bench import has_bench
from harness.cli.app import (
    DrillError, cli, current_slug, file_run, finish_mock, interrupted_status, named_workspace, open_store, record, redis_option, refuse_unusable_redis_url, solution_path, workspace_dir, workspace_dir_default,
    workspace_option,
)
from harness.render import commands as say
from harness.practice.review import interview_notes
from harness.practice.store import StoreError
from harness.verdicts import JudgeResult


@cli.command("watch")
@click.argument("slug", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, help="Watch this file instead of the workspace's.")
@workspace_option
@redis_option
@click.option("--poll", is_flag=True, help="Poll for changes instead of OS file events (network drives, WSL mounts).")
def watch_command(slug: str | None, file: Path | None, workspace: Path | None, redis_url: str | None, poll: bool) -> None:
    """Re-judge your solution every time you save it (without SLUG: the problem you started last)."""
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    refuse_unusable_redis_url(problem, redis_url)
    path = solution_path(problem, file, ws)
    store = open_store(ws, writes=True)
    con = render.console()
    item = watch.Judged(problem, path)
    other_file = file_run(problem, file, ws)  # its runs belong to no attempt (Store.record_run)
    start = None if other_file else store.latest_start(problem.slug, str(path), fallback=False)
    judged_at: list[str] = []
    # This attempt's latest run of the file: shown, and its bytes are not judged (nor recorded) again.
    earlier = [r for r in store.runs(problem.slug) if r["source_path"] == str(path) and r["start_id"] == (start.id if start else None)]
    if earlier:
        item.result, item.judged_sha256 = watch.logged_result(earlier[-1]), earlier[-1]["source_sha256"]
        judged_at.append(datetime.fromisoformat(earlier[-1]["started_at"]).astimezone().strftime("%H:%M:%S"))
    attempt_clock = [progress.attempt_clock(store, problem.slug, path, clock.now())]
    timed = attempt_clock[0] is not None

    def screen_now() -> object:
        result = item.result
        accepted = result is not None and result.ok
        notes = interview_notes(problem, path.read_text(encoding="utf-8", errors="replace")) if accepted and path.is_file() else []
        try:
            checked = progress.full_judgement_of(store, problem.slug, result.source_sha256) if accepted else None
        except StoreError:  # the log cannot be read: the verdict is shown without what check said
            checked = None
        return say.watch_screen(
            problem.slug, path, result, missing=item.missing, timer=attempt_clock[0], notes=notes,
            suggest_check=accepted and result.complexity is None and checked is None and has_bench(problem),
            checked=checked["verdict"] if checked and result.complexity is None else None,
            judged_at=judged_at[-1] if judged_at else None, tests_pass_now=accepted and result.complexity is None,
            judging=item.judging, file=file, workspace=None if ws == workspace_dir_default() else ws,
        )

    judges = watch.Judges([item], redis_url)
    try:
        with render.Screen(con) as screen, watch.ticking(lambda: screen.show(screen_now(), tick=True)) as judging:

            def on_result(judged: watch.Judged, result: JudgeResult | None) -> None:
                judging(False)
                if result is not None:
                    record(store, result, pipeline.recorded_command(result, "watch"), other_file=other_file)
                    judged_at.append(clock.now().astimezone().strftime("%H:%M:%S"))
                    try:
                        attempt_clock[0] = progress.attempt_clock(store, problem.slug, path, clock.now())
                    except StoreError:
                        pass  # the clock as it was (a warning said the log cannot take the run)
                screen.show(screen_now())

            def on_tick() -> bool:
                if timed:
                    screen.show(screen_now(), tick=True)
                return True

            def on_judging(judged: watch.Judged) -> None:
                screen.show(screen_now())
                judging(timed)  # only a countdown needs redrawing

            if item.result is not None:
                screen.show(screen_now())  # the logged run, until a save changes the file
            watch.loop(judges, watch.file_changes([path.parent], poll=poll), on_result=on_result, on_tick=on_tick,
                       on_judging=on_judging)
    except KeyboardInterrupt as exc:
        say.stopped_watching(con)
        raise SystemExit(interrupted_status(exc)) from None  # the way out of watch, but still an interruption (README)
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
    """A timed mock interview on problems you have not solved, judged on every save."""
    ws = workspace_dir(workspace)
    store = open_store(ws, writes=True, end_expired_mock=False)  # an expired mock is ended here, with its report
    con = render.console()
    active = mock.active_mock(store)
    if stop:
        if active is None:
            say.no_mock_running(con, named_workspace(ws))
            return
        render.mock_report(con, finish_mock(store, active, redis_url=redis_url))
        return
    if active is not None and clock.now() >= mock.deadline(active):
        say.mock_ran_out(con)
        render.mock_report(con, finish_mock(store, active, redis_url=redis_url))
        return
    if active is None:
        try:
            picked = mock.pick_problems(store, count)
        except mock.MockError as exc:
            raise DrillError(str(exc)) from exc
        previous = mock.ran_out(store)
        if previous is not None:
            say.previous_mock_ran_out(con, previous["id"], (previous["report"] or {}).get("path"))
        active = mock.create_mock(store, ws, minutes, picked)
        say.mock_started(con, active["id"], minutes, [(problem.slug, path) for problem, path in mock.mock_files(active)],
                         workspace=named_workspace(ws))
    else:
        say.mock_resumed(con, active["id"])
    board = mock.Board(store, active)

    def screen_now() -> object:
        return say.mock_screen(active["id"], board.seconds_left(), active["minutes"], board.rows(), board.missing(), board.failures())

    judges = watch.Judges(board.items, redis_url, complexity=True)
    finished = False
    try:
        with render.Screen(con) as screen, watch.ticking(lambda: screen.show(screen_now(), tick=True)) as judging:

            def on_result(item: watch.Judged, result: JudgeResult | None) -> None:
                judging(False)
                if result is not None:
                    record(store, result, pipeline.recorded_command(result, "mock"))
                    board.judged(item, result)
                screen.show(screen_now())

            def on_tick() -> bool:
                screen.show(screen_now(), tick=True)
                return clock.now() < mock.deadline(active) and not board.all_solved()

            def on_judging(item: watch.Judged) -> None:
                screen.show(screen_now())
                judging(True)

            screen.show(screen_now())
            # Back from a pause too, only the files whose bytes differ from their last judged run are judged.
            watch.loop(judges, watch.file_changes([Path(active["folder"])], poll=poll), on_result=on_result, on_tick=on_tick,
                       on_judging=on_judging)
            finished = True
    except KeyboardInterrupt as exc:
        say.mock_paused(con, named_workspace(ws))
        raise SystemExit(interrupted_status(exc)) from None
    finally:
        judges.close()
    if finished:  # a save the screen had not judged yet (in its last second) is judged now
        render.mock_report(con, finish_mock(store, active, redis_url=redis_url))
