"""What counts for where you stand, driven through the CLI: a follow-up judged by `drill check
--all` is not started by it; the time to accept and a timed attempt's clock count only a solve;
`drill reveal` shows only the latest run's hidden case; a mock says what it can pick and that
the last one ran out. The judge is replaced by one that answers at once (it is tested elsewhere)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness import clock, pipeline
from harness.cli import cli
from harness.practice import watch as watch_module
from harness.problems import catalogue
from harness.verdicts import Failure, JudgeResult


def drill(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def said(result) -> str:
    return " ".join((result.stdout + result.stderr).split())


def judged_as(monkeypatch: pytest.MonkeyPatch, verdict: str, *, case: str = "test_hidden", complexity: str | None = None) -> None:
    """Every judgement from now on gives `verdict`; a failure on the hidden case `case` ("load": the
    file did not load). The run's bytes are the file's, as the real judge reads them."""

    def judge_file(problem, path, **kwargs):
        failure = None
        if verdict not in ("accepted", "too_slow"):  # too_slow: the tests pass, the complexity check fails
            title = f"loading {path.name}" if case == "load" else "a hidden case"
            failure = Failure(test=case, title=title, verdict=verdict, message=f"{verdict} on {case}",
                              input=None if case == "load" else "get(1)", expected=None if case == "load" else "1",
                              actual=None if case == "load" else "-1")
        return JudgeResult(problem=problem.slug, verdict=verdict, file=str(path),
                           source_sha256=hashlib.sha256(Path(path).read_bytes()).hexdigest(),
                           passed=0 if failure else 2, failed=int(failure is not None), total=2,
                           started_at=clock.now().isoformat(timespec="seconds"), first_failure=failure,
                           message=failure.message if failure else None,
                           complexity={"verdict": complexity, "summary": complexity} if complexity else None)

    monkeypatch.setattr(pipeline, "judge_file", judge_file)


def listed(slug: str) -> dict:
    return next(r for r in json.loads(drill("list", "--json").stdout) if r["problem"] == slug)


def stats_row(slug: str) -> dict:
    return next(r for r in json.loads(drill("stats", "--json").stdout)["problems"] if r["problem"] == slug)


def events() -> list[dict]:
    return json.loads(drill("export").stdout)["events"]


# --- 1. check --all does not start a follow-up ------------------------------------------------------


def test_check_all_does_not_start_a_follow_up_it_judges_against_its_base_file(workspace: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch, fake_clock) -> None:
    """Before: check --all judged distributed_cache_node_fails against distributed_cache.py, and that
    run started the follow-up: `drill next` led with a problem never opened ("finish it")."""
    follow_up = "distributed_cache_node_fails"
    assert catalogue.get(follow_up).follows == "distributed_cache"
    drill("start", "distributed_cache")
    judged_as(monkeypatch, "accepted", complexity="pass")
    assert drill("check", "distributed_cache").exit_code == 0
    judged_as(monkeypatch, "wrong_answer")  # the follow-up's suite finds what the base's does not
    checked = drill("check", "--all", "--junit", str(tmp_path / "report.xml"))
    assert follow_up in checked.stdout  # it was judged, and recorded...
    assert any(r["problem"] == follow_up for r in json.loads(drill("history", "--json").stdout))
    # ...but it is not started: every view says so, and next does not ask to finish it.
    assert listed(follow_up)["status"] == stats_row(follow_up)["status"] == "not started"
    assert stats_row(follow_up)["attempts"] == 0 and stats_row("distributed_cache")["status"] == "solved"
    ranked = json.loads(drill("next", "--json").stdout)
    assert not any(r["unfinished"] if "unfinished" in r else "not solved yet" in r["reason"] for r in ranked if r["problem"] == follow_up)
    assert f"Practise {follow_up} now" not in said(drill("next"))
    # Once you start it, its runs are yours.
    drill("start", follow_up)
    drill("check", follow_up)
    assert listed(follow_up)["status"] == "started" and stats_row(follow_up)["attempts"] == 1


# --- 2. the time to accept and the timed clock count a solve only --------------------------------------


def test_time_to_accept_and_solved_in_count_only_a_full_accept(workspace: Path, monkeypatch: pytest.MonkeyPatch, fake_clock) -> None:
    """Before: `drill test` accepted in a timed start printed "solved in 00:03 of 1 min" while `drill
    list` said tests pass, and stats counted that test run (or a too_slow check's file) as the time to accept."""
    drill("start", "sms_segments", "--timed", "1")
    fake_clock.advance(seconds=3)
    judged_as(monkeypatch, "accepted")
    tested = said(drill("test", "sms_segments"))
    assert "tests pass in 00:03 of 1 min; the clock stops when `drill check` accepts" in tested
    assert "solved in" not in tested
    row = stats_row("sms_segments")
    assert row["status"] == "tests pass" and row["time_to_first_accept_s"] is None and row["best_time_s"] is None
    fake_clock.advance(seconds=10)
    judged_as(monkeypatch, "too_slow", complexity="fail")  # the tests pass, the complexity does not: still no accept
    drill("check", "sms_segments")
    assert stats_row("sms_segments")["time_to_first_accept_s"] is None
    judged_as(monkeypatch, "accepted")
    assert "tests pass in 00:03 of 1 min" in said(drill("test", "sms_segments"))  # the clock runs on
    fake_clock.advance(seconds=20)
    judged_as(monkeypatch, "accepted", complexity="pass")
    drill("check", "sms_segments")
    row = stats_row("sms_segments")
    assert row["status"] == "solved" and row["time_to_first_accept_s"] == row["best_time_s"] == 33
    assert listed("sms_segments")["time_to_first_accept_s"] == 33
    fake_clock.advance(minutes=5)
    judged_as(monkeypatch, "accepted")
    assert "solved in 00:33 of 1 min (within the interview budget)" in said(drill("test", "sms_segments"))


# --- 3. reveal shows only the latest run's hidden case --------------------------------------------------


def test_reveal_shows_only_the_latest_runs_hidden_case_and_records_nothing_else(workspace: Path, monkeypatch: pytest.MonkeyPatch,
                                                                                fake_clock) -> None:
    """Before: reveal took the latest failing run even when later runs passed, and a syntax error's
    run (nothing hidden) was shown and counted as help: a later solve was "solved with help (reveal)"."""
    drill("start", "top_k_stream")
    path = workspace / "top_k_stream.py"
    path.write_text("def f(:\n")
    judged_as(monkeypatch, "invalid_solution", case="load")
    drill("test", "top_k_stream")
    refused = drill("reveal", "top_k_stream")  # the file did not load: no hidden case
    assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "failed before any hidden test ran" in said(refused) and "nothing counted" in said(refused)
    path.write_text("# wrong\n")
    judged_as(monkeypatch, "wrong_answer")
    drill("test", "top_k_stream")
    path.write_text("# right\n")
    judged_as(monkeypatch, "accepted")
    drill("test", "top_k_stream")
    stale = drill("reveal", "top_k_stream")  # the wrong answer is stale: a later run passed
    assert stale.exit_code == 2 and len(stale.stderr.strip().splitlines()) == 1
    assert "latest run" in said(stale) and "passed its hidden tests" in said(stale)
    assert events() == []
    judged_as(monkeypatch, "accepted", complexity="pass")
    drill("check", "top_k_stream")
    assert stats_row("top_k_stream")["status"] == "solved"  # not "solved with help"
    assert "solved with help" not in said(drill("next"))
    # The latest run failed on a hidden case: that one is shown, and counted.
    path.write_text("# wrong again\n")
    judged_as(monkeypatch, "wrong_answer")
    drill("test", "top_k_stream")
    latest = json.loads(drill("history", "--json").stdout)[-1]
    shown = drill("reveal", "top_k_stream")
    assert shown.exit_code == 0 and f"run #{latest['id']} " in shown.stdout
    assert [(e["kind"], e["detail"]) for e in events()] == [("reveal", str(latest["id"]))]


def test_reveal_after_a_passing_test_shows_the_check_of_the_same_bytes(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check that failed on what `drill test` leaves out, then a test of the same bytes that passes:
    the check's case is not stale (the same code), and `drill test` says reveal shows it."""
    drill("start", "lru_cache")
    (workspace / "lru_cache.py").write_text("# same bytes\n")
    judged_as(monkeypatch, "wrong_answer")
    drill("check", "lru_cache")
    check_run = json.loads(drill("history", "--json").stdout)[-1]
    judged_as(monkeypatch, "accepted")
    assert "`drill reveal` shows the case" in said(drill("test", "lru_cache"))
    shown = drill("reveal", "lru_cache")
    assert shown.exit_code == 0 and f"run #{check_run['id']} " in shown.stdout


# --- 4. the mock: what it can pick, and a mock that ran out ----------------------------------------------


def test_mock_problems_error_counts_as_list_does_and_names_the_follow_ups(workspace: Path) -> None:
    """Before: "only 6 problems are unsolved" while `drill list` showed 8 not solved (the follow-ups)."""
    problems = catalogue.problems()
    pickable = sum(p.follows is None for p in problems)
    unsolved = sum(not r["solved"] for r in json.loads(drill("list", "--json").stdout))
    assert unsolved == len(problems) > pickable
    too_many = drill("mock", "--problems", str(len(problems) + 1))
    assert too_many.exit_code == 2 and len(too_many.stderr.strip().splitlines()) == 1
    assert (f"only {pickable} of your {unsolved} unsolved problems can be in a mock (follow-ups are not picked); "
            f"ask for {pickable} or fewer") in said(too_many)


def test_a_new_mock_says_the_last_one_ran_out(workspace: Path, monkeypatch: pytest.MonkeyPatch, fake_clock) -> None:
    """Before: a mock ended by another command (its report on that command's stderr), then `drill
    mock` started a new 60-minute mock without a word about the old one."""

    def interrupted():
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(watch_module, "file_changes", lambda folders, poll: interrupted())
    drill("mock", "--minutes", "20", "--problems", "1")
    fake_clock.advance(minutes=30)
    drill("list")  # any command ends the expired mock (its report on stderr)
    old = json.loads(drill("export").stdout)["mocks"][0]
    assert old["ended_at"] is not None
    again = said(drill("mock", "--problems", "1"))
    assert f"Mock interview #{old['id']} ended when its time ran out (its report: {old['report']['path']}). A new one starts now." in again
    assert "Mock interview #2: 60 min" in again
    drill("mock", "--stop")  # stopped, not run out: the next mock has nothing to say of it
    assert "ran out" not in said(drill("mock", "--problems", "1"))
