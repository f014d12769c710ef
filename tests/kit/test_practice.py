"""The practice loop: watch, timed attempts, mock interviews, hints, reveal, solutions,
progress and `drill next`. The clock and the file watcher are driven by the tests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness import clock, render
from harness.problems import catalogue
from harness.practice import watch as watch_module
from harness.cli import cli

REFERENCE = (catalogue.kit_root() / "solutions/lru_cache/accepted/ordered_dict.py").read_text()
WRONG = (catalogue.kit_root() / "solutions/lru_cache/wrong_answer/no_refresh_on_get.py").read_text()


def drill(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, input=input)


def history(*args: str) -> list[dict]:
    return json.loads(drill("history", "--json", *args).stdout)


def feed(monkeypatch: pytest.MonkeyPatch, make_batches) -> None:
    """Replace the file watcher: `make_batches()` is a generator that edits files and yields batches."""
    monkeypatch.setattr(watch_module, "file_changes", lambda folders, poll: make_batches())


def test_watch_judges_on_start_and_on_every_save(workspace: Path, monkeypatch, fake_clock) -> None:
    drill("start", "lru_cache")
    path = (workspace / "lru_cache.py").resolve()

    def saves():
        path.write_text(WRONG)
        yield {path}
        yield {workspace / "unrelated.txt"}  # other files do not trigger a run
        yield set()  # a tick with no changes
        path.write_text(REFERENCE)
        yield {path}

    feed(monkeypatch, saves)
    result = drill("watch", "lru_cache")
    assert result.exit_code == 0
    runs = history()
    assert [r["command"] for r in runs] == ["watch", "watch", "watch"]
    assert [r["verdict"] for r in runs] == ["runtime_error", "wrong_answer", "accepted"]
    assert "accepted" in result.stdout and "without OrderedDict" in result.stdout


def test_watch_and_a_manual_test_in_another_process_both_record(workspace: Path, monkeypatch) -> None:
    drill("start", "lru_cache")
    path = (workspace / "lru_cache.py").resolve()

    def saves():
        path.write_text(REFERENCE)
        # Another terminal runs `drill test` while watch is running.
        subprocess.run([sys.executable, "-m", "harness.cli", "test", "lru_cache"], check=False, capture_output=True)
        yield {path}

    feed(monkeypatch, saves)
    drill("watch", "lru_cache")
    assert sorted(r["command"] for r in history()) == ["test", "watch", "watch"]


def test_watch_survives_the_file_disappearing(workspace: Path, monkeypatch) -> None:
    drill("start", "lru_cache")
    path = (workspace / "lru_cache.py").resolve()

    def saves():
        path.unlink()
        yield {path}
        path.write_text(REFERENCE)
        yield {path}

    feed(monkeypatch, saves)
    result = drill("watch", "lru_cache")
    assert result.exit_code == 0
    assert "is missing" in result.stdout
    assert [r["verdict"] for r in history()] == ["runtime_error", "accepted"]


def test_timed_start_shows_the_time_left_and_the_time_used(workspace: Path, fake_clock) -> None:
    drill("start", "lru_cache", "--timed", "30")
    fake_clock.advance(minutes=10)
    first = drill("test", "lru_cache")
    assert "20:00 left of 30 min" in first.stdout
    (workspace / "lru_cache.py").write_text(REFERENCE)
    fake_clock.advance(minutes=25)
    second = " ".join(drill("test", "lru_cache").stdout.split())
    # `drill test` passing is "tests pass", not a solve: the clock runs on until `drill check` accepts.
    assert "tests pass in 35:00 of 30 min; the clock stops when `drill check` accepts" in second and "solved in" not in second
    fake_clock.advance(minutes=1)
    _log_run(workspace, "lru_cache", "accepted", command="check")
    assert "solved in 36:00 of 30 min (over the interview budget)" in drill("test", "lru_cache").stdout


def test_time_used_stops_at_the_accepted_run(workspace: Path, fake_clock) -> None:
    started = drill("start", "lru_cache", "--timed", "30")
    assert started.exit_code == 0
    fake_clock.advance(minutes=10)
    (workspace / "lru_cache.py").write_text(REFERENCE)
    assert "tests pass in 10:00 of 30 min" in drill("test", "lru_cache").stdout
    fake_clock.advance(minutes=2)
    _log_run(workspace, "lru_cache", "accepted", command="check")  # the solve: `drill check` accepted it
    assert "solved in 12:00 of 30 min (within the interview budget)" in drill("test", "lru_cache").stdout
    run = history()[-2]
    start = json.loads(drill("export", "--format", "json").stdout)["starts"][-1]
    fake_clock.advance(minutes=5)  # watch redraws its panel every second; the time used must not keep growing
    text = render.timer_text(start["started_at"], 30, solved_at=run["started_at"]).plain
    assert "solved in 12:00" in text


def test_timed_start_defaults_to_the_problem_budget(workspace: Path, fake_clock) -> None:
    result = drill("start", "lru_cache", "--timed")
    assert f"{catalogue.get('lru_cache').interview_minutes} min" in result.stdout


def _mock_path(workspace: Path, slug: str = "lru_cache") -> Path:
    folders = sorted((workspace / "mocks").iterdir())
    return (folders[-1] / catalogue.get(slug).file).resolve()


def test_mock_ends_when_every_problem_is_solved_and_writes_a_report(workspace: Path, monkeypatch, fake_clock) -> None:
    _solve_all_but(workspace, "lru_cache")  # so the mock picks lru_cache

    def saves():
        path = _mock_path(workspace)
        yield set()
        fake_clock.advance(minutes=12)
        path.write_text(REFERENCE)
        yield {path}
        yield set()

    feed(monkeypatch, saves)
    result = drill("mock", "--minutes", "45", "--problems", "1")
    assert result.exit_code == 0
    assert "1/1 solved" in result.stdout
    report = json.loads(drill("export").stdout)["mocks"][-1]["report"]
    assert report["problems"][0]["problem"] == "lru_cache"
    assert report["problems"][0]["solved"] is True
    assert report["problems"][0]["time_to_accept_s"] == 12 * 60
    assert report["problems"][0]["complexity"] == "pass"
    assert Path(report["path"]).read_text().startswith("# Mock interview")
    # drill stats says the same time to accept: from the mock's start of the problem to its accepted run.
    stats = {r["problem"]: r for r in json.loads(drill("stats", "--json").stdout)["problems"]}["lru_cache"]
    assert stats["time_to_first_accept_s"] == 12 * 60 and "12 min 00 s" in Path(report["path"]).read_text()


def test_mock_clock_survives_a_closed_terminal(workspace: Path, monkeypatch, fake_clock) -> None:
    _solve_all_but(workspace, "lru_cache")

    def interrupted():
        yield set()
        raise KeyboardInterrupt

    feed(monkeypatch, interrupted)
    paused = drill("mock", "--minutes", "30", "--problems", "1")
    assert "clock keeps running" in paused.stdout
    path = _mock_path(workspace)
    path.write_text(WRONG)
    fake_clock.advance(minutes=40)  # the user comes back after the time ran out

    def nothing():
        yield from ()

    feed(monkeypatch, nothing)
    back = drill("mock")
    assert "ran out while you were away" in back.stdout and "0/1 solved" in back.stdout
    nothing_running = drill("mock", "--stop")
    assert nothing_running.exit_code == 0 and "No mock interview is running" in nothing_running.stdout


def test_mock_stop_writes_the_report(workspace: Path, monkeypatch, fake_clock) -> None:
    def interrupted():
        raise KeyboardInterrupt
        yield  # pragma: no cover

    feed(monkeypatch, interrupted)
    drill("mock", "--minutes", "20", "--problems", "1")
    fake_clock.advance(minutes=5)
    stopped = drill("mock", "--stop")
    assert stopped.exit_code == 0 and "0/1 solved, 5 min 00 s used of 20 min" in stopped.stdout


def test_suggested_commands_name_the_workspace_given(tmp_path: Path, workspace: Path, monkeypatch, fake_clock) -> None:
    """With --workspace, every command drill suggests carries it (quoted for the shell): without it,
    the next hint, the reveal or the mock would go to the default workspace's log."""
    ws = tmp_path / "my solutions"
    flag = f"--workspace '{ws}'"

    def said(*args: str) -> str:
        result = drill(*args, "--workspace", str(ws))
        return " ".join((result.stdout + result.stderr).split())

    assert f"`drill start lru_cache {flag}` first" in said("test", "lru_cache")
    assert f"`drill test lru_cache {flag}` first" in said("reveal", "lru_cache")
    assert f"`drill mock {flag}` starts one" in said("mock", "--stop")
    said("start", "lru_cache")
    assert f"keep going with `drill test lru_cache {flag}`" in said("start", "lru_cache")
    assert f"`drill hint lru_cache {flag}` again for the next one" in said("hint", "lru_cache")
    for _ in range(3):
        said("hint", "lru_cache")
    exhausted = said("hint", "lru_cache")  # nothing judged yet: try it, with the same workspace
    assert f"`drill run lru_cache {flag}`" in exhausted and f"`drill test lru_cache {flag}`" in exhausted
    assert f"`drill reveal lru_cache {flag}` shows" in exhausted
    started = said("start", "lru_cache", "--force")
    assert f"drill show lru_cache {flag}" in started and f"On save: drill watch lru_cache {flag}" in started
    assert f"No judged runs yet. Start with `drill start SLUG {flag}`, then `drill test {flag}`" in said("history")
    bare = said()
    assert f"drill test {flag} judges it; drill watch {flag} on every save" in bare
    timed = said("start", "lru_cache", "--force", "--timed")
    assert f"`drill test {flag}` and `drill watch {flag}` show the time left" in timed

    def interrupted():
        yield set()
        raise KeyboardInterrupt

    feed(monkeypatch, interrupted)
    paused = said("mock", "--minutes", "20", "--problems", "1")
    assert f"`drill mock {flag}` comes back" in paused
    assert f"`drill mock {flag}` to come back, `drill mock --stop {flag}` to end it now" in paused
    # The default workspace needs no flag.
    drill("start", "lru_cache")
    assert "`drill hint lru_cache` again" in drill("hint", "lru_cache").stdout


def test_hints_come_one_at_a_time_and_count_as_help(workspace: Path, fake_clock) -> None:
    drill("start", "lru_cache")
    hints = catalogue.get("lru_cache").hints
    for level in range(1, len(hints) + 1):
        shown = drill("hint", "lru-cache")
        assert f"Hint {level} of {len(hints)}" in shown.stdout
        assert hints[level - 1][:40] in shown.stdout
        if level < len(hints):
            assert hints[level][:40] not in shown.stdout
    assert "All 4 hints are shown" in drill("hint", "lru_cache").stdout
    _log_run(workspace, "lru_cache", "accepted", command="check")
    row = next(r for r in json.loads(drill("stats", "--json").stdout)["problems"] if r["problem"] == "lru_cache")
    assert row["hints_used"] == 4 and row["solves_aided"] == 1 and row["solves_unaided"] == 0
    assert row["status"] == "solved with help"
    # A new attempt starts the ladder again.
    drill("start", "lru_cache", "--force")
    assert "Hint 1 of" in drill("hint", "lru_cache").stdout


def test_reveal_shows_the_last_failing_case_in_full(workspace: Path) -> None:
    assert drill("reveal", "lru_cache").exit_code == 2
    drill("start", "lru_cache")
    (workspace / "lru_cache.py").write_text(WRONG)
    drill("test", "lru_cache")
    shown = drill("reveal", "lru_cache")
    assert shown.exit_code == 0
    assert "First failing case" in shown.stdout and "expected" in shown.stdout
    assert any(e["kind"] == "reveal" for e in json.loads(drill("export").stdout)["events"])


def test_solution_asks_before_the_problem_is_solved(workspace: Path) -> None:
    refused = drill("solution", "lru_cache")  # not a terminal, no --yes
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    shown = drill("solution", "lru_cache", "--yes")
    assert shown.exit_code == 0 and "class LRUCache" in shown.stdout and "reference" in shown.stdout
    assert [e["kind"] for e in json.loads(drill("export").stdout)["events"]] == ["solution"]


def test_next_changes_its_advice_after_a_solve(workspace: Path, fake_clock) -> None:
    first = json.loads(drill("next", "--json").stdout)
    assert first[0]["status"] == "not started"
    drill("start", first[0]["problem"])
    slug = first[0]["problem"]
    if slug == "lru_cache":
        (workspace / "lru_cache.py").write_text(REFERENCE)
    else:
        source = catalogue.get(slug).reference_path
        shutil.copy(source, workspace / catalogue.get(slug).file)
    if "redis" in catalogue.get(slug).needs:
        pytest.skip("the first proposal needs Redis")
    fake_clock.advance(minutes=10)
    drill("test", slug)
    passing = json.loads(drill("next", "--json").stdout)  # the tests pass: not solved until `drill check` accepts it
    assert passing[0]["problem"] == slug and "`drill check` has not accepted it" in passing[0]["reason"]
    _log_run(workspace, slug, "accepted", command="check")
    after = json.loads(drill("next", "--json").stdout)
    assert after[0]["problem"] != slug
    solved = next(r for r in after if r["problem"] == slug)
    assert "solved first try, within the interview budget, rated Easy: next review after 8 days" in solved["reason"]
    fake_clock.advance(days=4)
    assert datetime.fromisoformat(next(r for r in json.loads(drill("next", "--json").stdout) if r["problem"] == slug)["due_at"]) > fake_clock.now
    fake_clock.advance(days=5)
    later = json.loads(drill("next", "--json").stdout)
    due = datetime.fromisoformat(next(r for r in later if r["problem"] == slug)["due_at"])
    assert due <= fake_clock.now


def test_stats_shows_daily_activity(workspace: Path, fake_clock) -> None:
    drill("start", "lru_cache")
    drill("test", "lru_cache")
    data = json.loads(drill("stats", "--json").stdout)
    assert data["activity"][-1] == {"day": fake_clock.now.astimezone().date().isoformat(), "runs": 1, "accepted": 0}
    text = drill("stats").stdout
    assert "Activity, last 14 days" in text and "1 run, 0 accepted" in text


def test_export_json_and_csv(workspace: Path, tmp_path: Path) -> None:
    drill("start", "lru_cache")
    drill("test", "lru_cache")
    data = json.loads(drill("export", "--format", "json").stdout)
    assert len(data["runs"]) == 1 and len(data["starts"]) == 1
    out = tmp_path / "runs.csv"
    drill("export", "--format", "csv", "--output", str(out))
    lines = out.read_text().splitlines()
    assert lines[0].startswith("id,problem,command,verdict") and len(lines) == 2
    # A file that is there already is never overwritten unasked: nothing lost.
    again = drill("export", "--format", "json", "--output", str(out))
    assert again.exit_code == 2 and "already exists" in again.output and out.read_text().splitlines() == lines
    assert drill("export", "--format", "json", "--output", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text())["runs"]


def test_deleting_the_workspace_starts_an_empty_history(workspace: Path) -> None:
    drill("start", "lru_cache")
    drill("test", "lru_cache")
    assert len(history()) == 1
    shutil.rmtree(workspace)
    drill("start", "lru_cache")
    assert history() == []


# --- honest state: next, which runs are attempts, one time to accept ------------------------------


def _log_run(workspace: Path, slug: str, verdict: str, file: Path | None = None, command: str = "test",
             complexity: dict | None = None, sha: str = "ab" * 32) -> None:
    """A judged run written straight to the log (the judge is tested elsewhere)."""
    from harness.practice.store import Store, iso
    from harness.verdicts import JudgeResult

    path = file or (workspace.resolve() / catalogue.get(slug).file)
    result = JudgeResult(problem=slug, verdict=verdict, file=str(path), source_sha256=sha, passed=1,
                         failed=int(verdict != "accepted" and complexity is None), total=2, started_at=iso(clock.now()), complexity=complexity)
    store = Store(workspace.resolve())
    store.record_run(result, command)
    store.close()


def test_next_puts_a_started_unsolved_problem_first_and_never_says_nothing_is_due(workspace: Path, fake_clock) -> None:
    drill("start", "dijkstra")
    fake_clock.advance(minutes=20)
    _log_run(workspace, "dijkstra", "accepted", command="check")  # first try, within the budget: Easy, back in 8 days
    drill("start", "top_k_stream")
    _log_run(workspace, "top_k_stream", "time_limit_exceeded")
    fake_clock.advance(days=9)  # dijkstra's review is due, top_k_stream is still unsolved
    rows = json.loads(drill("next", "--json").stdout)
    assert [r["problem"] for r in rows[:2]] == ["top_k_stream", "dijkstra"]
    assert "not solved yet" in rows[0]["reason"] and datetime.fromisoformat(rows[0]["due_at"]) <= fake_clock.now
    assert rows[2]["status"] == "not started"
    fake_clock.advance(days=-5)  # dijkstra not due yet: the unsolved one still is, before the new ones
    text = drill("next").stdout
    assert "Nothing is due" not in text and "Practise top_k_stream now" in text
    assert "drill test top_k_stream" in text and "drill start top_k_stream" not in text


def test_runs_of_another_file_are_not_attempts_and_history_names_the_file(workspace: Path, tmp_path: Path, fake_clock,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # piped tables fit $COLUMNS: room for the file column
    drill("start", "dijkstra")
    fake_clock.advance(minutes=5)
    _log_run(workspace, "dijkstra", "accepted")
    elsewhere = tmp_path / "somewhere" / "slow.py"
    _log_run(workspace, "dijkstra", "too_slow", file=elsewhere)
    stats = {r["problem"]: r for r in json.loads(drill("stats", "--json").stdout)["problems"]}
    assert stats["dijkstra"]["last_verdict"] == "accepted" and stats["dijkstra"]["attempts"] == 1
    listed = {r["problem"]: r for r in json.loads(drill("list", "--json").stdout)}
    assert listed["dijkstra"]["attempts"] == 1
    runs = history("dijkstra")
    assert len(runs) == 2 and runs[1]["start_id"] is None and runs[1]["since_start_s"] is None
    text = drill("history").stdout
    assert "dijkstra.py" in text and str(elsewhere) in text


def test_time_to_accept_is_one_figure_from_the_latest_start(workspace: Path, fake_clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # piped tables fit $COLUMNS: room for the time column
    drill("start", "lru_cache")
    fake_clock.advance(minutes=13, seconds=30)
    _log_run(workspace, "lru_cache", "accepted", command="check")  # a solve: the time to accept is to a full accept
    fake_clock.advance(days=4)
    drill("start", "lru_cache", "--force")
    fake_clock.advance(minutes=2)
    _log_run(workspace, "lru_cache", "accepted", command="check")
    stats = {r["problem"]: r for r in json.loads(drill("stats", "--json").stdout)["problems"]}["lru_cache"]
    listed = {r["problem"]: r for r in json.loads(drill("list", "--json").stdout)}["lru_cache"]
    assert stats["time_to_first_accept_s"] == listed["time_to_first_accept_s"] == 120
    assert stats["best_time_s"] == listed["best_time_s"] == 120
    assert "2 min 00 s" in drill("stats").stdout and "2 min 00 s" in drill("list").stdout


def _solve_all_but(workspace: Path, *slugs: str) -> None:
    """Every other problem solved (`drill check` accepted its workspace file), so a mock picks `slugs`."""
    from harness.practice.store import Store

    for problem in catalogue.problems():
        if problem.slug not in slugs:
            if problem.follows is not None:  # a follow-up's runs count from its own start
                store = Store(workspace.resolve())
                store.start(problem.slug, workspace.resolve() / problem.file)
                store.close()
            _log_run(workspace, problem.slug, "accepted", command="check")


# --- watch and mock: what the screen says while judging, resuming a mock ---------------------------


def _panels(text: str) -> list[str]:
    """The panels a piped `drill watch` / `drill mock` printed, one string each."""
    return [chunk for chunk in text.split("╭")[1:]]


def test_watch_shows_judging_from_the_save_not_the_old_verdict(workspace: Path, monkeypatch) -> None:
    drill("start", "lru_cache")
    path = (workspace / "lru_cache.py").resolve()

    def saves():
        path.write_text(REFERENCE)
        yield {path}
        path.write_text(WRONG)
        yield {path}

    feed(monkeypatch, saves)
    panels = _panels(drill("watch", "lru_cache").stdout)
    judging = [p for p in panels if "judging…" in p]
    assert len(judging) == 3  # at start, and after each save
    assert all("✓" not in p and "✗" not in p for p in judging)
    verdicts = [("accepted" if "✓ accepted" in p else "wrong" if "✗ wrong_answer" in p else "error" if "✗ runtime_error" in p else "judging")
                for p in panels]
    assert verdicts == ["judging", "error", "judging", "accepted", "judging", "wrong"]


def test_mock_resumed_judges_only_what_was_saved_and_shows_the_failing_case(workspace: Path, monkeypatch, fake_clock) -> None:
    _solve_all_but(workspace, "lru_cache", "cycle_detection")

    def save_wrong_then_pause():
        path = _mock_path(workspace)
        path.write_text(WRONG)
        yield {path}
        raise KeyboardInterrupt

    feed(monkeypatch, save_wrong_then_pause)
    first = drill("mock", "--minutes", "30", "--problems", "2")
    assert "First failing case" in first.stdout and "get(" in first.stdout
    judged = len(history())

    def look_and_pause():
        yield set()
        raise KeyboardInterrupt

    feed(monkeypatch, look_and_pause)
    back = drill("mock")
    assert len(history()) == judged  # neither the untouched stub nor the unchanged wrong file is judged again
    assert "✗ wrong_answer" in back.stdout and "First failing case" in back.stdout
    stopped = drill("mock", "--stop")
    nothing_left = drill("mock", "--stop")
    assert stopped.exit_code == 0 and nothing_left.exit_code == 0
    assert "No mock interview is running" in nothing_left.stdout and nothing_left.stderr == ""


def test_bare_commands_use_the_problem_started_last_and_bare_drill_says_where_you_stand(workspace: Path, monkeypatch) -> None:
    assert "name a problem" in drill("test").stderr  # nothing started yet
    drill("start", "dijkstra")
    drill("start", "lru_cache")
    (workspace / "lru_cache.py").write_text(REFERENCE)
    assert drill("test").exit_code == 0 and history()[-1]["problem"] == "lru_cache"
    feed(monkeypatch, lambda: iter(()))
    assert drill("watch").exit_code == 0 and history()[-1]["command"] == "test"  # the same bytes: shown, not judged again

    def ctrl_c():
        raise KeyboardInterrupt
        yield

    feed(monkeypatch, ctrl_c)
    stopped = drill("watch")
    assert stopped.exit_code == 130 and "stopped watching" in stopped.stdout  # the README's status for interrupted
    feed(monkeypatch, lambda: iter(()))
    bare = drill()
    assert bare.exit_code == 0
    assert re.search(r"Current problem: lru_cache · last run ✓ accepted \(tests only\) (\d+)/\1\b", bare.stdout)
    assert f"0 of {len(catalogue.problems())} problems solved" in bare.stdout  # the tests pass; `drill check` has not accepted it yet
    assert f"problems solved · workspace {workspace.resolve()}" in " ".join(bare.stdout.split())


def test_the_day_streak_counts_days_in_a_row_with_an_accept(workspace: Path, fake_clock) -> None:
    def streak() -> dict:
        return json.loads(drill("stats", "--json").stdout)["day_streak"]

    def day() -> str:
        return fake_clock.now.astimezone().date().isoformat()

    assert streak() == {"days": 0, "through": None}
    drill("start", "lru_cache")
    for verdict in ("accepted", "wrong_answer", "accepted"):  # day 1: two runs, one accepted
        _log_run(workspace, "lru_cache", verdict)
    for _ in range(2):  # days 2 and 3
        fake_clock.advance(days=1)
        _log_run(workspace, "lru_cache", "accepted")
    assert streak() == {"days": 3, "through": day()}
    assert "Streak: 3 days in a row with an accepted run" in drill("list").stdout
    fake_clock.advance(days=1)  # day 4: no accept of your own yet, so the streak stands through yesterday
    _log_run(workspace, "lru_cache", "wrong_answer")
    _log_run(workspace, "lru_cache", "accepted", file=workspace.resolve() / "elsewhere.py")  # another file: not yours
    assert streak() == {"days": 3, "through": (fake_clock.now - timedelta(days=1)).astimezone().date().isoformat()}
    assert "an accept today keeps it going" in drill("list").stdout
    fake_clock.advance(days=1)  # day 5: a day without an accept ended it
    assert streak() == {"days": 0, "through": None}
    _log_run(workspace, "lru_cache", "accepted")
    assert streak() == {"days": 1, "through": day()}


# --- the current problem for every command that takes one; what the last hint suggests; next in a mock --


def test_every_command_that_takes_one_problem_uses_the_one_started_last(workspace: Path) -> None:
    for command in ("hint", "reveal", "solution", "show", "bench"):
        assert "name a problem" in drill(command).stderr, command  # nothing started yet
    drill("start", "dijkstra")
    drill("start", "lru_cache")
    assert "Hint 1 of 4" in drill("hint").stdout
    assert [(e["kind"], e["problem"]) for e in json.loads(drill("export").stdout)["events"]] == [("hint", "lru_cache")]
    assert "no failing run of lru_cache to reveal" in drill("reveal").stderr
    assert "LRU cache" in drill("show").stdout and "class LRUCache" in drill("show", "--stub").stdout
    assert "you have not solved lru_cache yet" in drill("solution").stderr
    assert "class LRUCache" in drill("solution", "--yes").stdout
    (workspace / "lru_cache.py").unlink()
    assert "no solution at" in drill("bench").stderr and "lru_cache.py" in drill("bench").stderr
    (workspace / "lru_cache.py").write_text(WRONG)
    assert drill("test").exit_code == 1
    revealed = drill("reveal")
    assert revealed.exit_code == 0 and revealed.stdout.startswith("lru_cache: run #")


def test_the_last_hint_sends_you_to_try_first_and_offers_the_reveal_only_after_a_failing_run(workspace: Path, fake_clock) -> None:
    """After the last hint: before any judged run, the next step is to try the idea (no reveal, no
    solution pushed); after a failing run, the reveal then the solution; after an accept, the solution
    to compare. Only this attempt's runs count: a failure before `drill start --force` is not this try."""
    drill("start", "lru_cache")
    _log_run(workspace, "lru_cache", "wrong_answer")  # an earlier attempt's failure
    drill("start", "lru_cache", "--force")
    for _ in range(3):
        drill("hint")
    last = " ".join(drill("hint").stdout.split())
    assert "That was the last hint. Try your idea first: `drill run lru_cache`" in last
    assert "drill solution" not in last and "`drill reveal lru_cache` shows its failing case" in last
    (workspace / "lru_cache.py").write_text(WRONG)
    drill("test")
    failed = " ".join(drill("hint").stdout.split())
    assert failed.startswith("All 4 hints are shown. Next steps: `drill reveal lru_cache` (your latest failing case in full), "
                             "then `drill solution lru_cache` if you are still stuck.")
    _log_run(workspace, "lru_cache", "accepted", command="check")  # solved: `drill check` accepted it
    solved = " ".join(drill("hint").stdout.split())
    assert "You solved it in this attempt: `drill solution lru_cache` compares" in solved and "reveal" not in solved


def test_next_and_a_bare_drill_send_you_back_to_a_running_mock(tmp_path: Path, workspace: Path, monkeypatch, fake_clock) -> None:
    """A problem of the mock that is running is finished in the mock (`drill mock`, with the
    workspace), not started again with `drill start --timed`."""
    ws = tmp_path / "my ws"
    flag = f"--workspace '{ws}'"

    def interrupted():
        yield set()
        raise KeyboardInterrupt

    feed(monkeypatch, interrupted)
    drill("mock", "--minutes", "20", "--problems", "1", "--workspace", str(ws))
    picked = json.loads(drill("export", "--workspace", str(ws)).stdout)["mocks"][0]["problems"][0]
    fake_clock.advance(minutes=5)
    said = " ".join(drill("next", "--workspace", str(ws)).stdout.split())
    assert f"Practise {picked} now" in said
    assert f"Mock interview #1 is running: 15:00 left of 20 min ({picked}). `drill mock {flag}` comes back to it." in said
    assert "drill start" not in said
    bare = " ".join(drill("--workspace", str(ws)).stdout.split())
    assert f"Mock interview #1 is running: 15:00 left of 20 min ({picked}). `drill mock {flag}` comes back to it." in bare
    assert "Next up: " + picked not in bare and "No problem started yet" not in bare
    fake_clock.advance(minutes=20)
    expired = drill("--workspace", str(ws))  # the next command ends the mock whose time ran out: its report on stderr
    assert "ran out while you were away" in expired.stderr and "Mock interview #1: 0/1 solved" in expired.stderr
    assert "Mock interview" not in expired.stdout
    assert "No mock interview is running" in drill("mock", "--stop", "--workspace", str(ws)).stdout
    after = " ".join(drill("next", "--workspace", str(ws)).stdout.split())
    assert f"drill start {picked} --timed {flag}" in after and "Mock interview" not in after


def test_the_mock_clock_keeps_moving_on_screen_while_a_file_is_judged(workspace: Path, monkeypatch, fake_clock) -> None:
    """The judge holds the loop (a mock judges the complexity too): meanwhile the countdown is
    redrawn from another thread, so it does not stand still. The judge here waits until such a
    redraw shows the time it moved on to (a deadlock guard, not a timing)."""
    import threading

    _solve_all_but(workspace, "lru_cache")
    monkeypatch.setattr(watch_module, "TICK_S", 0.01)
    inside, redrawn, titles = threading.Event(), threading.Event(), []

    def show(self, renderable, *, tick=False):
        if tick and inside.is_set():
            titles.append(str(renderable.title))
            redrawn.set()

    monkeypatch.setattr(render.Screen, "show", show)
    judge = watch_module.Judges.judge

    def slow_judge(self, item):
        fake_clock.advance(minutes=3)
        inside.set()
        assert redrawn.wait(30), "no redraw while judging"
        inside.clear()
        return judge(self, item)

    monkeypatch.setattr(watch_module.Judges, "judge", slow_judge)

    def saves():
        path = _mock_path(workspace)
        yield set()
        path.write_text(WRONG)
        yield {path}
        raise KeyboardInterrupt

    feed(monkeypatch, saves)
    assert drill("mock", "--minutes", "30", "--problems", "1").exit_code == 130  # Ctrl-C: paused, and interrupted (README)
    assert titles and titles[0] == "mock interview #1 · 27:00 left of 30 min"


def test_a_timed_watch_shows_the_countdown_while_judging(workspace: Path, monkeypatch, fake_clock) -> None:
    drill("start", "lru_cache", "--timed", "30")
    path = (workspace / "lru_cache.py").resolve()

    def saves():
        fake_clock.advance(minutes=4)
        path.write_text(WRONG)
        yield {path}

    feed(monkeypatch, saves)
    judging = [p for p in _panels(drill("watch").stdout) if "judging…" in p]
    assert len(judging) == 2 and "26:00 left" in judging[1]


def test_history_shows_no_test_count_for_a_file_that_did_not_load(workspace: Path, fake_clock) -> None:
    from harness.practice.store import Store, iso
    from harness.verdicts import JudgeResult

    drill("start", "lru_cache")
    store = Store(workspace.resolve())
    store.record_run(JudgeResult(problem="lru_cache", verdict="invalid_solution", file=str(workspace.resolve() / "lru_cache.py"),
                                 source_sha256="ab" * 32, started_at=iso(clock.now())), "test")
    store.close()
    text = drill("history").stdout
    assert "invalid_solution" in text and "0/0" not in text


def test_a_mock_row_shows_no_test_count_for_a_file_that_did_not_load(workspace: Path, monkeypatch, fake_clock) -> None:
    _solve_all_but(workspace, "lru_cache")

    def save_a_syntax_error_then_pause():
        _mock_path(workspace).write_text("class LRUCache(:\n")
        yield {_mock_path(workspace)}
        raise KeyboardInterrupt

    feed(monkeypatch, save_a_syntax_error_then_pause)
    panels = _panels(drill("mock", "--minutes", "30", "--problems", "1").stdout)
    judged = [p for p in panels if "invalid_solution" in p]
    assert judged and "0/0" not in judged[-1], judged


def test_a_mock_row_being_judged_again_shows_no_old_counts(workspace: Path, monkeypatch, fake_clock) -> None:
    _solve_all_but(workspace, "lru_cache")

    def saves():
        path = _mock_path(workspace)
        path.write_text(WRONG)
        yield {path}
        path.write_text(REFERENCE)
        yield {path}

    feed(monkeypatch, saves)
    panels = _panels(drill("mock", "--minutes", "30", "--problems", "1").stdout)
    judging = [p for p in panels if "judging…" in p]
    counts = re.search(r"\b\d+/\d+\b", panels[panels.index(judging[1]) - 1]) if len(judging) == 2 else None
    assert counts and counts.group() != "0/0"  # the wrong file's counts, then...
    assert counts.group() not in judging[1]  # ...not shown as current while the new file is judged


def test_a_damaged_run_does_not_hold_back_a_hint(workspace: Path, fake_clock) -> None:
    import sqlite3

    drill("start", "lru_cache")
    _log_run(workspace, "lru_cache", "wrong_answer")
    conn = sqlite3.connect(workspace / ".drill" / "attempts.sqlite3")
    conn.execute("UPDATE runs SET started_at = 'yesterday'")
    conn.commit()
    conn.close()
    assert drill("stats").exit_code == 2  # the log is damaged...
    shown = drill("hint")
    assert shown.exit_code == 0 and "Hint 1 of 4" in shown.stdout  # ...and the hint is still given


def test_watch_starts_a_new_redis_server_when_its_own_one_has_gone(tmp_path: Path) -> None:
    """A solution can end drill's own server (a Lua script past the server's memory limit does);
    the next save is judged on a new one, not failed for want of a server."""
    import redis

    problem = catalogue.get("rate_limiter")
    target = tmp_path / problem.file
    shutil.copy(problem.reference_path, target)
    judges = watch_module.Judges([watch_module.Judged(problem, target)])
    try:
        item = next(iter(judges.items.values()))
        assert judges.judge(item).verdict == "accepted"
        url = judges._env[problem.slug].url
        try:
            redis.Redis.from_url(url).shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # the server closed the connection as it ended
        result = judges.judge(item)
        assert result.verdict == "accepted", result.message
        assert judges._env[problem.slug].url != url
    finally:
        judges.close()


# --- watch never loses a save, never judges the same bytes twice; Ctrl-C keeps the tests' result ----------


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def fake_judge(monkeypatch: pytest.MonkeyPatch, *, while_judging=None) -> list[str]:
    """Replace the judge of watch and mock with one that reads the file and answers at once:
    REFERENCE is accepted, WRONG a wrong answer, anything else (the stub) a runtime error.
    `while_judging(n)` runs during the n-th judgement, after the bytes were read (a save then
    lands while the verdict is computed). Returns the verdicts given, in order."""
    from harness.practice.store import iso
    from harness.verdicts import JudgeResult

    given: list[str] = []

    def judge(self, item):
        if not item.path.is_file():
            item.missing = True
            return None
        source = item.path.read_text()
        verdict = {REFERENCE: "accepted", WRONG: "wrong_answer"}.get(source, "runtime_error")
        given.append(verdict)
        if while_judging is not None:
            while_judging(len(given))
        result = JudgeResult(problem=item.problem.slug, verdict=verdict, file=str(item.path.resolve()), source_sha256=_sha(source),
                             passed=14 if verdict == "accepted" else 10, failed=0 if verdict == "accepted" else 4, total=14,
                             started_at=iso(clock.now()), source=source.encode())
        item.result, item.missing = result, False
        return result

    monkeypatch.setattr(watch_module.Judges, "judge", judge)
    return given


def test_a_save_during_the_first_verdict_is_judged(workspace: Path, monkeypatch, fake_clock) -> None:
    """The save lands after the stub's bytes were read and before its verdict; the watcher reports
    nothing more (its event came before it watched): the file's bytes are compared after the verdict."""
    drill("start", "lru_cache")
    path = (workspace / "lru_cache.py").resolve()

    def save(n: int) -> None:
        if n == 1:
            path.write_text(REFERENCE)

    given = fake_judge(monkeypatch, while_judging=save)
    feed(monkeypatch, lambda: iter([set(), set()]))
    result = drill("watch", "lru_cache")
    assert result.exit_code == 0
    assert given == ["runtime_error", "accepted"]
    assert [r["verdict"] for r in history()] == ["runtime_error", "accepted"]
    assert "✓ accepted" in _panels(result.stdout)[-1]


def test_the_watcher_sees_a_save_made_right_after_it_was_created(tmp_path: Path) -> None:
    """The OS watcher runs from the moment file_changes returns, before the loop reads a batch:
    a save made while the first verdict is computed is waiting in the next batches."""
    target = tmp_path / "solution.py"
    target.write_text("x = 1\n")
    changes = watch_module.file_changes([tmp_path])
    try:
        target.write_text("x = 2\n")  # before any batch is read
        seen = False
        for count, batch in enumerate(changes):
            if target.resolve() in batch:
                seen = True
                break
            if count > 30:  # a watcher that saw nothing: give up (the batches come every second)
                break
        assert seen
    finally:
        changes.close()


def test_a_touch_or_an_unchanged_file_is_not_judged_again(workspace: Path, monkeypatch, fake_clock) -> None:
    drill("start", "lru_cache")
    path = (workspace / "lru_cache.py").resolve()
    given = fake_judge(monkeypatch)

    def saves():
        path.write_text(WRONG)
        yield {path}
        path.touch()  # same bytes
        yield {path}
        path.write_text(WRONG)  # saved again, unchanged
        yield {path}

    feed(monkeypatch, saves)
    assert drill("watch").exit_code == 0
    assert given == ["runtime_error", "wrong_answer"]
    feed(monkeypatch, lambda: iter([{path}]))  # watch again: this attempt's last run judged these bytes
    again = drill("watch")
    assert given == ["runtime_error", "wrong_answer"]
    assert [r["verdict"] for r in history()] == ["runtime_error", "wrong_answer"]
    assert "✗ wrong_answer" in again.stdout and "judging" not in again.stdout  # the logged run, shown as it was
    drill("start", "lru_cache", "--force")  # a new attempt: its stub is judged for it
    feed(monkeypatch, lambda: iter(()))
    drill("watch")
    assert given == ["runtime_error", "wrong_answer", "runtime_error"]


def _interrupt_the_complexity_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the next complexity check (the ones after it run)."""
    from harness import pipeline

    measure, calls = pipeline.measure_complexity_or_error, []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return measure(*args, **kwargs)

    monkeypatch.setattr(pipeline, "measure_complexity_or_error", interrupted)


def test_ctrl_c_during_checks_complexity_phase_keeps_the_test_result(workspace: Path, monkeypatch, fake_clock) -> None:
    drill("start", "lru_cache")
    (workspace / "lru_cache.py").write_text(REFERENCE)
    _interrupt_the_complexity_check(monkeypatch)
    result = drill("check")
    assert result.exit_code != 0
    assert "✓ accepted" in result.stdout and re.search(r"\b(\d+)/\1 hidden tests passed", result.stdout)
    assert "complexity check was interrupted before it ended: this run's complexity is not checked" in " ".join(result.stdout.split())
    runs = history()
    assert [(r["command"], r["verdict"], r["complexity"]) for r in runs] == [("check (interrupted)", "accepted", None)]
    row = next(r for r in json.loads(drill("stats", "--json").stdout)["problems"] if r["problem"] == "lru_cache")
    assert row["status"] == "tests pass" and row["solved"] is False  # the complexity was never checked


def test_ctrl_c_during_a_mocks_complexity_check_records_the_tests_result(workspace: Path, monkeypatch, fake_clock) -> None:
    _solve_all_but(workspace, "lru_cache")
    _interrupt_the_complexity_check(monkeypatch)

    def saves():
        path = _mock_path(workspace)
        path.write_text(REFERENCE)
        yield {path}

    feed(monkeypatch, saves)
    paused = drill("mock", "--minutes", "30", "--problems", "1")
    assert "clock keeps running" in paused.stdout
    mine = [r for r in history("lru_cache")]
    assert [(r["command"], r["verdict"]) for r in mine] == [("mock (interrupted)", "accepted")]
    feed(monkeypatch, lambda: iter(()))
    back = drill("mock")  # the same bytes, but their complexity was never checked: judged again, in full
    assert "1/1 solved" in back.stdout
    assert [(r["command"], r["verdict"]) for r in history("lru_cache")][-1] == ("mock", "accepted")


# --- one progress model: states, what counts, the mock, the clock, the wording ---------------------------


def _row(slug: str) -> dict:
    return next(r for r in json.loads(drill("stats", "--json").stdout)["problems"] if r["problem"] == slug)


def _every_view(workspace: Path, slug: str) -> dict:
    """Where each view says `slug` stands."""
    listed = next(r for r in json.loads(drill("list", "--json").stdout) if r["problem"] == slug)
    ranked = json.loads(drill("next", "--json").stdout)
    return {"stats": _row(slug)["status"], "list": listed["status"], "next": next(r for r in ranked if r["problem"] == slug)["status"]}


def test_the_states_of_a_problem_and_every_view_agrees(workspace: Path, fake_clock) -> None:
    assert set(_every_view(workspace, "window_stats").values()) == {"not started"}
    drill("start", "window_stats")
    assert set(_every_view(workspace, "window_stats").values()) == {"started"}
    _log_run(workspace, "window_stats", "accepted")  # `drill test` accepted (bisect.insort)
    _log_run(workspace, "window_stats", "too_slow", command="check", complexity={"verdict": "fail"})
    assert set(_every_view(workspace, "window_stats").values()) == {"tests pass"}
    ranked = json.loads(drill("next", "--json").stdout)
    assert ranked[0]["problem"] == "window_stats" and "not solved yet" in ranked[0]["reason"]
    assert "drill check window_stats" in drill("next").stdout  # the tests pass: what is left is the check
    assert f"0 of {len(catalogue.problems())} problems solved" in drill().stdout
    assert drill("solution", "window_stats").exit_code == 2  # not solved: it asks first
    fake_clock.advance(minutes=10)
    _log_run(workspace, "window_stats", "accepted", command="check", complexity={"verdict": "pass"})
    assert set(_every_view(workspace, "window_stats").values()) == {"solved"}
    row = _row("window_stats")
    assert row["solved"] and row["best_complexity"] == "pass" and row["last_rating"] == "Good"  # failed first, within the budget
    assert "solved after failed runs, within the interview budget, rated Good" in row["reason"]
    assert f"1 of {len(catalogue.problems())} problems solved" in drill().stdout
    assert drill("solution", "window_stats").exit_code == 0
    drill("start", "lru_cache")
    drill("hint", "lru_cache")
    _log_run(workspace, "lru_cache", "accepted", command="check")
    assert set(_every_view(workspace, "lru_cache").values()) == {"solved with help"}
    assert _row("lru_cache")["last_rating"] == "Hard"


def test_file_runs_and_benches_change_no_progress(workspace: Path, tmp_path: Path, fake_clock) -> None:
    from harness.practice.store import Store, iso

    other = tmp_path / "other.py"
    _log_run(workspace, "lru_cache", "accepted", file=other)
    _log_run(workspace, "lru_cache", "accepted", file=other, command="check")
    store = Store(workspace.resolve())
    store.record_bench("lru_cache", {"verdict": "pass", "summary": "fits"}, command="bench", started_at=iso(clock.now()),
                       source_sha256="cd" * 32)
    store.close()
    row = _row("lru_cache")
    assert row["status"] == "not started" and row["best_complexity"] is None and row["attempts"] == 0
    assert drill("solution", "lru_cache").exit_code == 2  # still asks: you have not solved it
    assert json.loads(drill("next", "--json").stdout)[0]["status"] == "not started"


def test_an_expired_mock_leaves_what_it_did_not_judge_as_it_was(workspace: Path, monkeypatch, fake_clock) -> None:
    drill("start", "cycle_detection")
    _log_run(workspace, "cycle_detection", "accepted", command="check")
    before = {r["problem"]: r for r in json.loads(drill("next", "--json").stdout)}
    too_many = drill("mock", "--problems", "20", "--minutes", "1")
    unsolved = sum(p.follows is None for p in catalogue.problems()) - 1  # a mock never picks a follow-up
    listed = len(catalogue.problems()) - 1  # as `drill list` counts them: follow-ups too
    assert too_many.exit_code == 2 and f"only {unsolved} of your {listed} unsolved problems can be in a mock" in too_many.stderr
    assert len(too_many.stderr.strip().splitlines()) == 1

    def expire():
        yield set()
        fake_clock.advance(minutes=2)
        yield set()

    feed(monkeypatch, expire)
    ended = drill("mock", "--problems", "1", "--minutes", "1")
    assert ended.exit_code == 0 and "0/1 solved" in ended.stdout
    picked = json.loads(drill("export").stdout)["mocks"][0]["problems"]
    assert picked == ["dijkstra"]  # unsolved ones, in `drill next`'s order (cycle_detection comes first, and is solved)
    after = {r["problem"]: r for r in json.loads(drill("next", "--json").stdout)}
    assert after["cycle_detection"]["due_at"] == before["cycle_detection"]["due_at"]
    assert all(r["status"] == before[slug]["status"] for slug, r in after.items())
    assert not any("started" in r["reason"] for r in after.values())
    assert "started, not solved" not in drill().stdout
    fake_clock.advance(minutes=5)
    late = drill("test", "dijkstra", "--file", str(_mock_path(workspace, "dijkstra")))
    assert late.exit_code == 1 and "⏱" not in late.stdout  # the mock's clock ended with it...
    assert _row("dijkstra")["status"] == "not started"  # ...and so did its attempt


def test_solved_in_is_the_time_to_the_first_accept_and_the_check_hint_only_where_true(workspace: Path, fake_clock) -> None:
    drill("start", "lru_cache", "--timed", "30")
    (workspace / "lru_cache.py").write_text(REFERENCE)
    fake_clock.advance(minutes=1, seconds=19)
    _log_run(workspace, "lru_cache", "accepted", sha=_sha(REFERENCE))
    fake_clock.advance(seconds=20)
    second = " ".join(drill("test").stdout.split())
    assert "tests pass in 01:19 of 30 min" in second and "solved in" not in second  # the first tests pass; not a solve
    assert "`drill check lru_cache` also checks the complexity target" in second  # not checked yet: true
    _log_run(workspace, "lru_cache", "too_slow", command="check", sha=_sha(REFERENCE), complexity={"verdict": "fail"})
    after_check = " ".join(drill("test").stdout.split())
    assert "also checks the complexity target" not in after_check
    assert "`drill check` judged this same code too_slow" in after_check
    # A check that failed elsewhere than the complexity (a stage `drill test` skips) never blames it.
    _log_run(workspace, "lru_cache", "runtime_error", command="check", sha=_sha(REFERENCE))
    elsewhere = " ".join(drill("test").stdout.split())
    assert "`drill check` judged this same code runtime_error, on what `drill test` leaves out" in elsewhere
    assert "complexity" not in elsewhere


def test_the_review_rating_comes_from_the_attempt() -> None:
    from fsrs import Rating

    from harness.practice.progress import Attempt, rating

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def attempt(minutes: float | None, *, failed: bool = False, aided: bool = False, started: bool = True) -> Attempt:
        a = Attempt(1 if started else None, start if started else None, aided=aided, failed_first=failed)
        a.solved_at = None if minutes is None else start + timedelta(minutes=minutes)
        return a

    assert rating(attempt(None), 30) == Rating.Again
    assert rating(attempt(20), 30) == Rating.Easy
    assert rating(attempt(40), 30) == Rating.Good
    assert rating(attempt(20, failed=True), 30) == Rating.Good
    assert rating(attempt(40, failed=True), 30) == Rating.Hard
    assert rating(attempt(5, aided=True), 30) == Rating.Hard
    assert rating(attempt(5, started=False), 30) == Rating.Good  # no start: no time, so not within the budget
def test_starting_a_follow_up_keeps_the_base_problems_file_and_starts_its_clock(workspace: Path) -> None:
    """problem.toml `follows`: the follow-up judges the same file, so `drill start` keeps the work in it."""
    follow_up = next(p for p in catalogue.problems() if p.follows)
    base = catalogue.get(follow_up.follows)
    assert follow_up.file == base.file
    drill("start", base.slug)
    target = workspace / base.file
    target.write_text("# my work\n")
    result = drill("start", follow_up.slug)
    assert result.exit_code == 0, result.stdout
    assert target.read_text() == "# my work\n"
    assert "is kept as it is" in result.stdout
    assert not (workspace / ".drill" / "backups").exists()
    status = drill("test", "--json")  # a bare command now means the follow-up
    assert json.loads(status.stdout)["problem"] == follow_up.slug
    assert drill("start", base.slug).exit_code != 0  # the base problem still refuses to overwrite it
    assert target.read_text() == "# my work\n"


# --- a mock counts its own judgements; its unjudged saves are judged as it ends; --file runs and too_slow --------


def _save(path: Path, text: str, at: datetime) -> None:
    """An edit of `path` made at `at` (the fake clock's time): its bytes, and its modification time."""
    import os

    path.write_text(text)
    os.utime(path, (at.timestamp(), at.timestamp()))


def _paused_mock(workspace: Path, monkeypatch, *args: str) -> Path:
    """A one-problem mock (lru_cache) left at once with Ctrl-C: the path of its file."""

    def interrupted():
        yield set()
        raise KeyboardInterrupt

    _solve_all_but(workspace, "lru_cache")
    feed(monkeypatch, interrupted)
    assert "clock keeps running" in drill("mock", "--minutes", "30", "--problems", "1", *args).stdout
    return _mock_path(workspace)


def _mock_report() -> dict:
    return json.loads(drill("export").stdout)["mocks"][-1]["report"]


def test_a_save_made_away_from_an_expired_mock_is_judged_by_the_next_command(workspace: Path, monkeypatch, fake_clock) -> None:
    given = fake_judge(monkeypatch)
    path = _paused_mock(workspace, monkeypatch)
    started = fake_clock.now
    _save(path, REFERENCE, started + timedelta(minutes=12))  # edited while the mock screen was closed
    fake_clock.advance(minutes=40)  # the mock's time ran out meanwhile
    listed = drill("list", "--json")  # the next drill command ends it, judging that save first
    assert given == ["accepted"]
    status = {r["problem"]: r["status"] for r in json.loads(listed.stdout)}  # stdout stays one JSON document
    assert status["lru_cache"] == "solved"
    said = " ".join(listed.stderr.split())
    assert "ran out while you were away" in said and "Mock interview #1: 1/1 solved" in said
    assert "accepted *" in said and "judged as the mock ended, for a save the mock screen had not judged: lru_cache" in said
    report = _mock_report()
    row = report["problems"][0]
    assert row["solved"] and row["judged_at_end"] and row["attempts"] == 1 and row["time_to_accept_s"] == 12 * 60
    assert "accepted \\*" in Path(report["path"]).read_text() and "judged as the mock ended" in Path(report["path"]).read_text()
    run = history("lru_cache")[-1]
    assert run["command"] == "mock" and run["started_at"] == (started + timedelta(minutes=12)).isoformat(timespec="seconds")
    assert "ran out" not in drill("list").stderr  # ended once
    again = drill("mock", "--problems", "1")  # not the old mock again: a new one, and none is left unsolved
    assert again.exit_code == 2 and "every problem is solved" in again.stderr


def test_mock_stop_judges_the_save_the_screen_did_not_see_and_counts_only_the_mocks_own_runs(
        workspace: Path, monkeypatch, fake_clock) -> None:
    path = _paused_mock(workspace, monkeypatch)
    _save(path, REFERENCE, fake_clock.now + timedelta(minutes=3))
    fake_clock.advance(minutes=4)
    # The user's own try of the mock's file with --file: shown in history, never where you stand.
    tried = drill("test", "lru_cache", "--file", str(path))
    assert tried.exit_code == 0 and "✓ accepted" in tried.stdout
    views = _every_view(workspace, "lru_cache")
    assert set(views.values()) == {"started"}, views  # the mock is running: started, and the --file accept changes nothing
    assert _row("lru_cache")["attempts"] == 0 and _row("lru_cache")["time_to_first_accept_s"] is None
    assert history("lru_cache")[-1]["start_id"] is None and history("lru_cache")[-1]["counted"] is False
    assert "test --file" in drill("history", "lru_cache").stdout
    assert f"{len(catalogue.problems()) - 1} of {len(catalogue.problems())} problems solved" in drill().stdout
    _save(path, WRONG, fake_clock.now + timedelta(minutes=1))  # then a wrong edit, away from the mock screen
    fake_clock.advance(minutes=2)
    given = fake_judge(monkeypatch)
    stopped = drill("mock", "--stop")
    assert given == ["wrong_answer"]
    said = " ".join(stopped.stdout.split())
    assert "Mock interview #1: 0/1 solved, 6 min 00 s used of 30 min" in said
    assert "wrong_answer *" in said and "judged as the mock ended" in said
    row = _mock_report()["problems"][0]
    assert (row["attempts"], row["last_verdict"], row["judged_at_end"]) == (1, "wrong_answer", True)  # the --file run is not the mock's
    views = _every_view(workspace, "lru_cache")
    assert set(views.values()) == {"started"}, views  # the mock judged it wrong; the --file accept still does not count


def test_a_save_after_the_mock_ended_is_named_and_not_judged(workspace: Path, monkeypatch, fake_clock) -> None:
    given = fake_judge(monkeypatch)
    path = _paused_mock(workspace, monkeypatch)
    fake_clock.advance(minutes=45)
    _save(path, REFERENCE, fake_clock.now - timedelta(minutes=5))  # 10 minutes after the 30 were up
    feed(monkeypatch, lambda: iter(()))
    back = drill("mock")
    said = " ".join(back.stdout.split())
    assert given == [] and "0/1 solved" in said
    assert f"{path} was saved at" in said and "after the mock ended at" in said and "the mock did not judge it" in said
    assert _mock_report()["not_judged"][0]["problem"] == "lru_cache"
    assert history("lru_cache") == [r for r in history("lru_cache") if r["source_path"] != str(path)]
    assert _row("lru_cache")["status"] == "not started"


def test_a_file_run_of_a_mocks_file_from_an_older_log_does_not_count(workspace: Path, monkeypatch, fake_clock) -> None:
    """Before --file runs had no start, a `drill test --file` of a mock's file was logged with the
    mock's start: only the mock's own commands count for its files."""
    path = _paused_mock(workspace, monkeypatch)
    fake_clock.advance(minutes=5)
    _log_run(workspace, "lru_cache", "accepted", file=path, command="check")  # recorded with the mock's start, as before
    assert history("lru_cache")[-1]["start_id"] is not None
    assert set(_every_view(workspace, "lru_cache").values()) == {"started"}
    feed(monkeypatch, lambda: iter([set()]))
    fake_clock.advance(minutes=1)
    board = drill("mock").stdout
    assert "accepted" not in board  # nor on the mock's board


def test_a_check_whose_tests_pass_but_too_slow_is_tests_pass_and_not_an_accept(workspace: Path, fake_clock) -> None:
    drill("start", "window_stats")
    fake_clock.advance(minutes=5)
    _log_run(workspace, "window_stats", "runtime_error", command="check")  # tests failed: still started
    assert set(_every_view(workspace, "window_stats").values()) == {"started"}
    _log_run(workspace, "window_stats", "too_slow", command="check", complexity={"verdict": "fail"})
    assert set(_every_view(workspace, "window_stats").values()) == {"tests pass"}
    row = _row("window_stats")
    assert row["time_to_first_accept_s"] is None and row["best_time_s"] is None and not row["solved"]  # too_slow is no accept
    assert "the tests pass" in row["reason"] and "drill check window_stats" in drill("next").stdout
    fake_clock.advance(minutes=5)
    _log_run(workspace, "window_stats", "accepted")  # `drill test` accepts: tests pass, still no time to accept
    row = _row("window_stats")
    assert row["status"] == "tests pass" and row["time_to_first_accept_s"] is None and row["last_rating"] is None
    fake_clock.advance(minutes=5)
    _log_run(workspace, "window_stats", "accepted", command="check", complexity={"verdict": "pass"})
    row = _row("window_stats")
    assert row["status"] == "solved" and row["time_to_first_accept_s"] == row["best_time_s"] == 15 * 60  # to the solve
    assert row["last_rating"] == "Good"  # FSRS rates the full accept (after failed runs, within the budget)


def test_tests_passed_reads_the_run() -> None:
    from harness.practice.progress import tests_passed

    assert tests_passed({"verdict": "accepted", "complexity": None, "failed": 0})
    assert tests_passed({"verdict": "too_slow", "complexity": {"verdict": "fail"}, "failed": 0})
    assert tests_passed({"verdict": "undecided", "complexity": {"verdict": "inconclusive"}, "failed": 0})
    assert not tests_passed({"verdict": "undecided", "complexity": None, "failed": 1})  # a timed case no one could time
    assert not tests_passed({"verdict": "undecided", "complexity": {"verdict": "inconclusive"}, "failed": 1})
    assert not tests_passed({"verdict": "wrong_answer", "complexity": None, "failed": 1})


def test_a_save_in_the_mocks_last_second_is_judged_as_the_screen_ends(workspace: Path, monkeypatch, fake_clock) -> None:
    """The screen stops at the deadline; a save its watcher had not reported yet is judged before the report."""
    _solve_all_but(workspace, "lru_cache")
    given = fake_judge(monkeypatch)

    def last_second():
        path = _mock_path(workspace)
        yield set()
        fake_clock.advance(minutes=30)
        _save(path, REFERENCE, fake_clock.now - timedelta(seconds=1))  # saved; its batch never came
        yield set()

    feed(monkeypatch, last_second)
    ended = drill("mock", "--minutes", "30", "--problems", "1")
    assert given == ["accepted"]
    assert "1/1 solved" in ended.stdout and "judged as the mock ended" in " ".join(ended.stdout.split())
    assert _mock_report()["problems"][0]["time_to_accept_s"] == 30 * 60 - 1


def test_an_expired_mock_the_next_command_cannot_judge_is_left_for_drill_mock(workspace: Path, monkeypatch, fake_clock) -> None:
    """The judge cannot run (no Redis, say): the command goes on, and `drill mock` ends the mock later."""
    from harness.judge import JudgeError

    path = _paused_mock(workspace, monkeypatch)
    _save(path, REFERENCE, fake_clock.now + timedelta(minutes=2))
    fake_clock.advance(minutes=40)

    def cannot(self, item):
        raise JudgeError("redis-server is not installed.")

    monkeypatch.setattr(watch_module.Judges, "judge", cannot)
    listed = drill("list", "--json")
    assert listed.exit_code == 0 and json.loads(listed.stdout)
    said = " ".join(listed.stderr.split())
    assert "Mock interview #1 could not be ended now: redis-server is not installed. `drill mock` ends it" in said
    assert json.loads(drill("export").stdout)["mocks"][-1]["ended_at"] is None
    given = fake_judge(monkeypatch)
    feed(monkeypatch, lambda: iter(()))
    assert "1/1 solved" in drill("mock").stdout and given == ["accepted"]


def test_two_drill_processes_ending_one_mock_judge_its_saves_once(workspace: Path, monkeypatch, fake_clock) -> None:
    """The mock screen at its deadline and another drill command may end the same mock at once:
    one of them judges the saves and writes the report, the other waits for it and shows that report."""
    import threading

    from harness.practice import mock as mock_module
    from harness.practice.store import Store
    from harness.render.markdown import mock_report

    path = _paused_mock(workspace, monkeypatch)
    _save(path, REFERENCE, fake_clock.now + timedelta(minutes=3))
    fake_clock.advance(minutes=40)
    store = Store(workspace)
    stale = mock_module.active_mock(store)  # what both processes read before either ended it
    waiting, reports = threading.Event(), {}
    real_flock = mock_module.fcntl.flock

    def flock(file, op):
        if threading.current_thread().name == "second" and op == mock_module.fcntl.LOCK_EX:
            waiting.set()  # the second has reached the lock while the first is judging
        return real_flock(file, op)

    monkeypatch.setattr(mock_module.fcntl, "flock", flock)

    def second_arrives(n: int) -> None:
        threading.Thread(target=lambda: reports.__setitem__("second", mock_module.finish(Store(workspace), stale, mock_report)),
                         name="second").start()
        assert waiting.wait(30), "the second process never reached the lock"

    given = fake_judge(monkeypatch, while_judging=second_arrives)
    reports["first"] = mock_module.finish(store, stale, mock_report)
    for thread in threading.enumerate():
        if thread.name == "second":
            thread.join()
    assert given == ["accepted"]  # judged once
    assert reports["second"] == reports["first"]
    assert [m["report"] for m in store.mocks() if m["ended_at"]] == [reports["first"]]


# --- what counts: a mock's own judgements count, a --file run of another file never ------------------


def _solved_in_a_mock(workspace: Path, tmp_path: Path, fake_clock, slug: str = "cycle_detection") -> Path:
    """`slug` started in the workspace and failed there, then accepted by a mock's own judgement,
    then a failing `--file` run of another file: returns that other file."""
    from harness.practice.store import Store

    drill("start", slug)
    fake_clock.advance(minutes=5)
    _log_run(workspace, slug, "runtime_error")
    fake_clock.advance(minutes=5)
    store = Store(workspace.resolve())
    folder = workspace.resolve() / "mocks" / "mock-1"
    folder.mkdir(parents=True)
    mock_id = store.start_mock(45, [slug], folder)
    store.start(slug, folder / catalogue.get(slug).file)
    store.close()
    fake_clock.advance(minutes=10)
    _log_run(workspace, slug, "accepted", file=folder / catalogue.get(slug).file, command="mock")
    store = Store(workspace.resolve())
    store.end_mock(mock_id, {})
    store.close()
    fake_clock.advance(minutes=5)
    elsewhere = tmp_path / "x.py"
    _log_run(workspace, slug, "wrong_answer", file=elsewhere)
    return elsewhere


def test_a_tests_only_accept_is_shown_as_such_where_it_is_the_last_verdict(workspace: Path, fake_clock,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`drill test`'s accept is not a solve: bare drill and stats say "(tests only)" beside it; --json
    keeps the verdict word and its fields; a check's accept is shown alone."""
    monkeypatch.setenv("COLUMNS", "200")  # piped tables fit $COLUMNS: room for the last verdict
    drill("start", "lru_cache")
    _log_run(workspace, "lru_cache", "accepted", command="test")
    bare = " ".join(drill().stdout.split())
    assert "last run ✓ accepted (tests only) 1/2" in bare, bare
    stats = drill("stats").stdout
    row = next(line for line in stats.splitlines() if line.startswith("lru_cache"))
    assert "tests pass" in row and row.rstrip().endswith("✓ accepted (tests only)"), row
    data = json.loads(drill("stats", "--json").stdout)["problems"]
    lru = next(r for r in data if r["problem"] == "lru_cache")
    assert lru["last_verdict"] == "accepted" and "last_tests_only" not in lru and "unfinished" not in lru and "last_run" not in lru
    fake_clock.advance(minutes=1)
    _log_run(workspace, "lru_cache", "accepted", command="check")
    assert "(tests only)" not in drill().stdout and "(tests only)" not in drill("stats").stdout


def test_bare_drill_says_the_last_run_that_counts_and_no_test_again_once_solved(workspace: Path, tmp_path: Path, fake_clock) -> None:
    _solved_in_a_mock(workspace, tmp_path, fake_clock)
    listed = {r["problem"]: r for r in json.loads(drill("list", "--json").stdout)}
    assert listed["cycle_detection"]["solved"] is True
    bare = " ".join(drill().stdout.split())
    assert "Current problem: cycle_detection · last run ✓ accepted" in bare, bare
    assert "runtime_error" not in bare and "wrong_answer" not in bare
    assert "drill test judges it" not in bare and "drill check judges it" not in bare
    assert "Solved: drill next says what to practise now" in bare


def test_reveal_shows_the_latest_counted_failure_never_a_file_run_of_another_file(workspace: Path, tmp_path: Path) -> None:
    other = tmp_path / "x.py"
    other.write_text((catalogue.kit_root() / "solutions/lru_cache/runtime_error/key_error.py").read_text())
    drill("start", "lru_cache")
    assert drill("test", "lru_cache", "--file", str(other)).exit_code == 1
    only_other = drill("reveal", "lru_cache")  # the only failing run judged another file: nothing of yours to show
    assert only_other.exit_code == 2 and "--file" in only_other.stderr and len(only_other.stderr.strip().splitlines()) == 1
    (workspace / "lru_cache.py").write_text(WRONG)
    drill("test", "lru_cache")
    drill("test", "lru_cache", "--file", str(other))
    runs = history("lru_cache")
    assert [r["verdict"] for r in runs] == ["runtime_error", "wrong_answer", "runtime_error"]
    shown = drill("reveal", "lru_cache")
    assert shown.exit_code == 0
    assert f"run #{runs[1]['id']} " in shown.stdout and "wrong_answer" in shown.stdout and "runtime_error" not in shown.stdout
    assert "Reveals are recorded: a solve after a reveal counts as a solve with help." in " ".join(shown.stdout.split())
    assert [e["kind"] for e in json.loads(drill("export").stdout)["events"]] == ["reveal"]


def test_the_solutions_question_goes_to_stderr_so_a_pipe_does_not_hide_it(workspace: Path, monkeypatch) -> None:
    from harness.cli import record

    monkeypatch.setattr(record, "_stdin_is_terminal", lambda: True)
    declined = drill("solution", "dijkstra", input="n\n")
    assert "Show the solutions anyway?" in declined.stderr and "Show the solutions anyway?" not in declined.stdout
    assert "Not shown." in declined.stdout and json.loads(drill("export").stdout)["events"] == []
    accepted = drill("solution", "dijkstra", input="y\n")
    assert "Show the solutions anyway?" in accepted.stderr and "Show the solutions anyway?" not in accepted.stdout
    assert "reference" in accepted.stdout
    assert [e["kind"] for e in json.loads(drill("export").stdout)["events"]] == ["solution"]


def test_the_solutions_prompt_fits_80_columns_and_says_it_counts_as_help(workspace: Path, monkeypatch) -> None:
    """A terminal wraps a prompt mid-word: the question is short, the warning before it is a line of its own."""
    from harness.cli import record

    monkeypatch.setattr(record, "_stdin_is_terminal", lambda: True)
    longest = max((p.slug for p in catalogue.problems()), key=len)
    declined = drill("solution", longest, input="n\n")
    prompt = next(line for line in declined.stderr.splitlines() if "[y/N]" in line)
    assert len(prompt.split("[y/N]")[0] + "[y/N]: ") <= 80, prompt
    assert f"You have not solved {longest} yet: seeing its solutions counts as help." in declined.stderr


def test_next_after_a_mock_says_where_the_mocks_code_is(workspace: Path, tmp_path: Path, fake_clock) -> None:
    """A problem solved in a mock comes back as a review: `drill start --timed` copies a fresh stub,
    so drill next names the file the mock left (that code is not carried over)."""
    _solved_in_a_mock(workspace, tmp_path, fake_clock)
    mock_file = workspace.resolve() / "mocks" / "mock-1" / "cycle_detection.py"
    mock_file.write_text("# my mock code\n")
    fake_clock.advance(days=400)  # its review is due: ahead of the new problems
    assert json.loads(drill("next", "--json").stdout)[0]["problem"] == "cycle_detection"
    said = " ".join(drill("next").stdout.split())
    assert "drill start cycle_detection --timed" in said
    assert f"your code from mock interview #1 stays in {mock_file}" in said, said
    mock_file.unlink()  # nothing left to point to
    assert "mock interview" not in drill("next").stdout


def test_history_pages_a_tall_table_and_no_pager_prints_it(workspace: Path, monkeypatch, fake_clock) -> None:
    paged: list[str] = []
    monkeypatch.setattr(render.CommandPager, "show", lambda self, content: paged.append(content))
    monkeypatch.delenv("DRILL_PAGER", raising=False)
    monkeypatch.setenv("PAGER", "less -R")
    drill("start", "lru_cache")
    for _ in range(30):
        fake_clock.advance(minutes=1)
        _log_run(workspace, "lru_cache", "wrong_answer")
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal of 20 lines: 30 runs are taller
    monkeypatch.setenv("LINES", "20")
    shown = drill("history")
    assert shown.exit_code == 0 and len(paged) == 1 and "wrong_answer" in paged[0] and "wrong_answer" not in shown.stdout
    printed = drill("history", "--no-pager")
    assert printed.exit_code == 0 and printed.stdout.count("wrong_answer") == 30 and len(paged) == 1
