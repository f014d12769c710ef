"""A suite's reports (testing.attach_report): what the judge measured beside the verdict, sent by
the runner as "report" events, kept in JudgeResult.reports, shown under the verdict and in --json,
and left out of the attempt log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.problems import catalogue
from harness.authoring import testing
from harness.cli import cli
from harness.judge.parent import RunnerReport, RunnerRun, _apply, _merged, _verdict
from harness.services.redis.server import find_server
from harness.render.terminal import report_field, report_text, result_lines
from harness.sandbox import protocol
from harness.practice.store import Store
from harness.verdicts import ACCEPTED, JudgeResult

LRU = catalogue.get("lru_cache")


def test_attach_report_keeps_one_report_per_name_and_take_reports_forgets_them() -> None:
    testing.forget_calls()
    testing.attach_report("fault report", {"calls": 3, "p50_ms": 1.5})
    testing.attach_report("other", {"ok": True})
    testing.attach_report("fault report", {"calls": 4, "p50_ms": 2.0})  # replaces, keeps its place
    assert testing.take_reports() == [{"name": "fault report", "data": {"calls": 4, "p50_ms": 2.0}},
                                      {"name": "other", "data": {"ok": True}}]
    assert testing.take_reports() == []


@pytest.mark.parametrize("name, data", [("", {}), (7, {}), ("r", [("calls", 1)]), ("r", {"calls": [1, 2]}),
                                        ("r", {1: 2}), ("r", {"text": "x" * 500}), ("r", {f"k{i}": i for i in range(40)})])
def test_a_malformed_report_is_a_one_line_judge_fault(name: object, data: object) -> None:
    testing.forget_calls()
    with pytest.raises(testing.JudgeFault) as raised:
        testing.attach_report(name, data)  # type: ignore[arg-type]
    assert "\n" not in str(raised.value) and "report" in str(raised.value)
    assert testing.take_reports() == []


def _event(event: str, **data: object) -> dict:
    parsed = protocol.parse_event(protocol.event_line(event, **data).encode())
    assert parsed is not None, event  # a known event: parse_event drops any other
    return parsed


def _report_run(*reports: tuple[str, str]) -> RunnerReport:
    tests = [{"test": "t0", "title": "case 0"}, {"test": "t1", "title": "case 1"}]
    run = RunnerReport(loaded=True, collected=tests, done=True, runs=[t["test"] for t in tests])
    for test, name in reports:
        _apply(run, _event("report", test=test, name=name, data={"calls": 1}))
    for test in tests:
        _apply(run, _event("result", test=test["test"], outcome="passed", failure=None))
    return run


def test_report_events_reach_the_result_in_the_suites_order_also_from_shards() -> None:
    one = _verdict(LRU, LRU.reference_path, RunnerRun(_report_run(("t0", "a"), ("t1", "b")), False, 0, "", 1.0, "0" * 64))
    assert one.verdict == ACCEPTED and [r["name"] for r in one.reports] == ["a", "b"]
    assert one.reports[0] == {"name": "a", "data": {"calls": 1}}
    # Two shards whose reports arrive in the other order: the result keeps the suite's order.
    second, first = _report_run(("t1", "b")), _report_run(("t0", "a"))
    second.runs, first.runs = ["t1"], ["t0"]
    merged = _merged([RunnerRun(second, False, 0, "", 1.0, "0" * 64), RunnerRun(first, False, 0, "", 1.0, "0" * 64)])
    assert [r["name"] for r in _verdict(LRU, LRU.reference_path, merged).reports] == ["a", "b"]


def _with_report() -> JudgeResult:
    return JudgeResult(problem="lru_cache", verdict=ACCEPTED, file="/x/lru_cache.py", source_sha256="ab" * 32, passed=1, total=1,
                       reports=[{"name": "fault report", "data": {"calls_while_down": 9, "availability_share": 0.89, "p99_ms": 1219.7}}])


def test_a_report_shows_under_the_verdict_on_a_pass_in_its_units() -> None:
    lines = [line.plain for line in result_lines(_with_report())]
    assert lines[2] == "  fault report: calls while down 9, availability 89%, p99 1219.7 ms"
    assert report_field("slowest_s", 1.234) == "slowest 1.23 s" and report_field("ok", True) == "ok True"
    assert report_text({"name": "empty", "data": {}}) == "empty: "
    assert report_field("reference_round_trips_per_call", None) == "reference round trips per call n/a"


def test_a_result_with_reports_is_stored_and_read_back_without_them(tmp_path: Path) -> None:
    store = Store(tmp_path)
    run_id = store.record_run(_with_report(), "test")
    row = store.run(run_id)
    assert row is not None and row["verdict"] == ACCEPTED and "reports" not in row
    assert [r["verdict"] for r in store.runs()] == [ACCEPTED]


@pytest.mark.skipif(find_server() is None, reason="no redis-server")
def test_the_node_fails_follow_up_attaches_its_fault_reports_to_the_json(tmp_path: Path) -> None:
    problem = catalogue.get("distributed_cache_node_fails")
    out = CliRunner().invoke(cli, ["--workspace", str(tmp_path / "ws"), "test", problem.slug, "--file", str(problem.reference_path), "--json"],
                             catch_exceptions=False)
    data = json.loads(out.stdout)
    assert data["verdict"] in (ACCEPTED, "undecided"), data.get("message")
    reports = {r["name"]: r["data"] for r in data["reports"]}
    crash = reports["fault report, crash (SIGKILL) of one node"]
    assert crash["moments"] == (3 if data["verdict"] == ACCEPTED else crash["moments"]) and crash["errors_to_caller"] == 0 and crash["wrong_values"] == 0
    assert crash["calls_while_down"] > 0 and 0 <= crash["availability_share"] <= 1 and crash["p50_ms"] <= crash["p99_ms"]
    # The reference sends one command per call (a call on the crashed node none): counted at the guards.
    assert crash["most_round_trips_in_a_call"] == 1 and 0 < crash["round_trips_per_call"] < 1
    assert crash["reference_round_trips_per_call"] is None


@pytest.mark.skipif(find_server() is None, reason="no redis-server")
def test_the_failover_follow_up_attaches_a_fault_report_per_killed_master(tmp_path: Path) -> None:
    problem = catalogue.get("rate_limiter_failover")
    out = CliRunner().invoke(cli, ["--workspace", str(tmp_path / "ws"), "check", problem.slug, "--file", str(problem.reference_path), "--json"],
                             catch_exceptions=False)
    data = json.loads(out.stdout)
    assert data["verdict"] in (ACCEPTED, "undecided"), data.get("message")
    reports = {r["name"]: r["data"] for r in data["reports"]}
    assert sorted(reports) == [f"fault report, master {i} killed (SIGKILL) and failed over" for i in range(3)]
    for figures in reports.values():
        assert figures["calls_without_a_master"] == 3 and figures["errors_to_caller"] == 0 and figures["availability_share"] == 1
        # The grant failed open was written nowhere: the new master allows the key its full limit again.
        assert figures["calls_over_limit"] == 1
        assert figures["p50_ms"] <= figures["p99_ms"] and figures["most_round_trips_in_a_call"] >= 1
        assert figures["reference_round_trips_per_call"] is None
