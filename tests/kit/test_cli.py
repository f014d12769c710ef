"""The `drill` command as a user drives it: names, exit codes, JSON contracts, the workspace."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.problems.catalogue import kit_root
from harness.cli import cli


def solution_file(slug: str, relative: str) -> Path:
    return kit_root() / "solutions" / slug / relative


def drill(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_list_json_has_every_problem_with_status(workspace: Path) -> None:
    result = drill("list", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    row = next(r for r in rows if r["problem"] == "lru_cache")
    assert row["title"] == "LRU cache"
    assert row["status"] == "not started" and row["attempts"] == 0
    assert {"difficulty", "tags", "best_time_s"} <= row.keys()


def test_show_prints_the_statement_and_target(workspace: Path) -> None:
    result = drill("show", "lru-cache")
    assert result.exit_code == 0
    assert "LRU cache" in result.stdout and "Complexity target" in result.stdout
    assert "LRUCache(2)" in result.stdout


def test_unknown_slug_is_a_one_line_usage_error(workspace: Path) -> None:
    for command in (["show", "nope"], ["test", "nope"], ["start", "nope"], ["history", "nope"], ["check", "nope"]):
        result = drill(*command)
        assert result.exit_code == 2, command
        assert result.stderr.strip().count("\n") == 0
        assert "unknown problem 'nope'" in result.stderr


def test_start_copies_the_stub_and_never_overwrites_work(workspace: Path) -> None:
    result = drill("start", "lru_cache")
    assert result.exit_code == 0
    target = workspace / "lru_cache.py"
    assert "NotImplementedError" in target.read_text()
    target.write_text("# my work\n")
    again = drill("start", "lru_cache")
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert target.read_text() == "# my work\n"
    forced = drill("start", "lru_cache", "--force")
    assert forced.exit_code == 0
    assert "NotImplementedError" in target.read_text()
    backups = list((workspace / ".drill" / "backups").iterdir())
    assert [b.read_text() for b in backups] == ["# my work\n"]


def test_start_honours_workspace_option(tmp_path: Path, workspace: Path) -> None:
    other = tmp_path / "elsewhere"
    assert drill("start", "lru_cache", "--workspace", str(other)).exit_code == 0
    assert (other / "lru_cache.py").is_file()
    assert not (workspace / "lru_cache.py").exists()


def test_test_without_a_file_says_what_to_do(workspace: Path) -> None:
    result = drill("test", "lru_cache")
    assert result.exit_code == 2
    assert "drill start lru_cache" in result.stderr
    missing = drill("test", "lru_cache", "--file", "no/such/file.py")
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_stub_is_cleanly_rejected_and_recorded(workspace: Path) -> None:
    drill("start", "lru_cache")
    result = drill("test", "lru_cache", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["problem"] == "lru_cache"
    assert data["verdict"] == "runtime_error" and data["ok"] is False
    assert data["passed"] == 0 and data["failed"] == data["total"] > 0
    assert data["duration_s"] > 0
    assert "NotImplementedError" in data["first_failure"]["message"]
    text = drill("test", "lru_cache")
    assert text.exit_code == 1
    assert "runtime_error" in text.stdout and "First failing case" in text.stdout
    assert "Traceback" not in text.stdout + text.stderr


def test_accepted_solution_exit_zero_and_history(workspace: Path) -> None:
    drill("start", "lru_cache")
    drill("test", "lru_cache")  # the stub: rejected
    reference = solution_file("lru_cache", "accepted/linked_list.py")
    (workspace / "lru_cache.py").write_text(reference.read_text())
    result = drill("test", "lru-cache")
    assert result.exit_code == 0
    assert "accepted" in result.stdout
    runs = json.loads(drill("history", "--json").stdout)
    assert [r["verdict"] for r in runs] == ["runtime_error", "accepted"]
    for run in runs:
        assert run["problem"] == "lru_cache"
        assert datetime.fromisoformat(run["started_at"]).tzinfo is not None
        assert isinstance(run["duration_s"], float)
        assert len(run["source_sha256"]) == 64
    assert runs[0]["source_sha256"] != runs[1]["source_sha256"]
    assert runs[0]["id"] < runs[1]["id"]
    stats = {s["problem"]: s for s in json.loads(drill("stats", "--json").stdout)["problems"]}
    # The tests pass; solved takes `drill check` (the complexity too).
    assert stats["lru_cache"]["solved"] is False and stats["lru_cache"]["attempts"] == 2
    assert stats["lru_cache"]["time_to_first_accept_s"] is None  # the time to accept is to a solve, not to tests pass
    listed = {r["problem"]: r for r in json.loads(drill("list", "--json").stdout)}
    assert listed["lru_cache"]["status"] == stats["lru_cache"]["status"] == "tests pass"


def test_the_suggested_check_repeats_the_options_of_the_test(tmp_path: Path, workspace: Path) -> None:
    reference = solution_file("lru_cache", "accepted/linked_list.py")
    result = drill("test", "lru_cache", "--file", str(reference), "--workspace", str(tmp_path / "elsewhere"))
    assert result.exit_code == 0
    assert f"`drill check lru_cache --workspace {tmp_path / 'elsewhere'} --file {reference}`" in " ".join(result.stdout.split())


def test_a_checks_time_is_split_between_the_tests_and_the_complexity_check() -> None:
    """`13/13 hidden tests passed   8.7 s` read as 8.7 s of tests when 4.8 s of it was the benchmark;
    --json's duration_s stays the whole run."""
    from harness import render
    from harness.verdicts import JudgeResult

    checked = JudgeResult(problem="lru_cache", verdict="accepted", file="lru_cache.py", source_sha256="0" * 64,
                          passed=13, total=13, duration_s=8.7, complexity={"verdict": "pass", "duration_s": 4.8})
    line = render.result_lines(checked)[1].plain
    assert line.endswith("13/13 hidden tests passed   3.9 s, then 4.8 s for the complexity check")
    assert checked.to_dict()["duration_s"] == 8.7
    tested = JudgeResult(problem="lru_cache", verdict="accepted", file="lru_cache.py", source_sha256="0" * 64,
                         passed=13, total=13, duration_s=3.9)
    assert render.result_lines(tested)[1].plain.endswith("13/13 hidden tests passed   3.9 s")


def test_check_all_with_junit_for_ci(tmp_path: Path, workspace: Path) -> None:
    solutions = tmp_path / "mine"
    solutions.mkdir()
    (solutions / "lru_cache.py").write_text(solution_file("lru_cache", "wrong_answer/no_refresh_on_get.py").read_text())
    report = tmp_path / "report.xml"
    result = drill("check", "--all", "--workspace", str(solutions), "--junit", str(report), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["verdict"] == "wrong_answer"
    assert [r["problem"] for r in data["results"]] == ["lru_cache"]
    assert data["problem"] == "lru_cache" and data["problems"] == ["lru_cache"]  # a string, as for one problem
    assert f"wrote {report}" in result.stderr  # as export --output says; stdout stays one JSON document
    text = drill("check", "--all", "--workspace", str(solutions))
    assert "wrote" not in text.stderr
    assert text.stdout.strip().splitlines()[-1].startswith("1 judged: 0 accepted, 1 not accepted (lru_cache: wrong_answer); ")
    suites = ET.parse(report).getroot()
    lru = next(s for s in suites if s.get("name") == "drill.lru_cache")
    failures = [case for case in lru if case.find("failure") is not None]
    assert failures and int(lru.get("failures")) == len(failures)
    # The hidden suite's source never reaches the report.
    assert "def test_" not in report.read_text()


def test_check_needs_problems_or_all(workspace: Path) -> None:
    assert drill("check").exit_code == 2
    assert drill("check", "--all", "lru_cache").exit_code == 2
    assert "no solution files" in drill("check", "--all").stderr


def test_damaged_log_is_a_clear_error_and_is_not_touched(workspace: Path) -> None:
    drill("start", "lru_cache")
    log = workspace / ".drill" / "attempts.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(log) + suffix).unlink(missing_ok=True)
    log.write_bytes(b"garbage" * 1000)
    before = log.read_bytes()
    for command in (["test", "lru_cache"], ["stats"], ["history"], ["start", "lru_cache", "--force"], ["list"], []):
        result = drill(*command)
        assert result.exit_code == 2, command
        assert "damaged" in result.stderr and result.stderr.count("\n") == 1
        assert "drill doctor --repair-log" in result.stderr and result.stdout == ""
    assert drill("show", "lru_cache").exit_code == 0
    assert log.read_bytes() == before
    # Not a database at all: the repair keeps the file aside and starts an empty log.
    repaired = drill("doctor", "--repair-log")
    assert repaired.exit_code == 0 and "holds 0 readable rows" in repaired.stdout
    # What is lost is named for what it is: whole tables here, not "rows".
    assert "Left out, as they could not be read: 6 tables." in repaired.stdout
    assert "table runs (file is not a database)" in repaired.stdout
    assert drill("history").exit_code == 0


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_commands(flag: str) -> None:
    result = drill(flag)
    assert result.exit_code == 0
    for name in ("list", "show", "start", "test", "check", "stats", "history", "dev"):
        assert name in result.stdout


def test_maintainer_commands_are_under_dev_and_out_of_the_practice_help() -> None:
    """`verify` and the peer benchmarks are `drill dev verify` and `drill dev peers`; the old
    spellings still run, hidden from --help."""
    commands = {line.split()[0] for line in drill("--help").stdout.split("Commands:")[1].splitlines() if line.strip()}
    assert "dev" in commands and not commands & {"verify", "peers", "mutants"}
    assert "--peers" not in drill("bench", "--help").stdout
    dev = drill("dev", "--help").stdout
    for name in ("verify", "peers", "mutants"):
        assert name in dev
    assert drill("dev", "verify", "--help").exit_code == 0
    assert "--save" in drill("dev", "peers", "--help").stdout
    assert drill("verify", "--help").exit_code == 0  # the old spelling


def test_doctor_lists_every_protection_and_says_if_one_is_off() -> None:
    from harness.worker.policy import protections

    result = CliRunner().invoke(cli, ["doctor", "--json"])
    rows = json.loads(result.stdout)["protections"]
    names = " | ".join(r["name"] for r in rows)
    for needed in ("bubblewrap", "network", "PID namespace", "seccomp", "memory limit", "output limit", "CPU time"):
        assert needed in names, needed
    sandboxed = protections().sandboxed
    assert next(r for r in rows if "bubblewrap" in r["name"])["on"] is sandboxed
    assert (result.exit_code == 0) == all(r["on"] for r in rows)
    text = CliRunner().invoke(cli, ["doctor"]).output
    assert "seccomp" in text and "bubblewrap" in text


def test_workspace_before_the_command_and_junit_totals(tmp_path: Path) -> None:
    """`drill --workspace DIR list` works like `drill list --workspace DIR`; JUnit counts every
    testcase written, the complexity case included, per suite and in total."""
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "lru_cache.py").write_text((kit_root() / "solutions/lru_cache/accepted/linked_list.py").read_text())
    listed = CliRunner().invoke(cli, ["--workspace", str(ws), "list", "--json"])
    assert listed.exit_code == 0, listed.output
    report = tmp_path / "r.xml"
    checked = CliRunner().invoke(cli, ["--workspace", str(ws), "check", "lru_cache", "--junit", str(report)])
    assert checked.exit_code == 0, checked.output
    assert (ws / ".drill" / "attempts.sqlite3").is_file()
    root = ET.parse(report).getroot()
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert any(c.get("name") == "complexity target" for c in cases)
    bench = next(c for c in cases if c.get("name") == "complexity target")
    assert float(bench.get("time")) > 0  # the bench's own time, as each hidden test has its own
    assert suite.get("tests") == str(len(cases)) and root.get("tests") == str(len(cases))
    assert root.get("failures") == "0"


def test_ctrl_c_exits_130_and_leaves_nothing_running(tmp_path: Path) -> None:
    """Ctrl-C during a judge is an interrupt (130, the shell's convention), not a verdict (1)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    slow = tmp_path / "lru_cache.py"
    # A loop at import: the judge is still busy at the interrupt (its limit for loading is 10 s of
    # CPU), however fast the machine is.
    slow.write_text("while True:\n    pass\n")
    proc = subprocess.Popen([sys.executable, "-m", "harness.cli", "test", "lru_cache", "--file", str(slow)],
                            env={**os.environ, "DRILL_WORKSPACE": str(tmp_path / "ws")}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            # A shell's background job inherits SIGINT ignored, and Python then never raises
                            # KeyboardInterrupt: give drill the default, as a terminal would.
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err


# --- a damaged log, Redis URLs, check --all ------------------------------------------------------


def test_a_damaged_log_still_shows_and_repair_keeps_the_readable_rows(workspace: Path) -> None:
    import sqlite3

    drill("start", "lru_cache")
    drill("start", "dijkstra")
    log = workspace / ".drill" / "attempts.sqlite3"
    conn = sqlite3.connect(log)
    conn.execute("UPDATE starts SET started_at = 'not a time' WHERE problem = 'dijkstra'")  # one bad row
    conn.commit()
    conn.close()
    stats = drill("stats")
    assert stats.exit_code == 2 and "drill doctor --repair-log" in stats.stderr and stats.stderr.count("\n") == 1
    shown = drill("show", "lru_cache")
    assert shown.exit_code == 0 and "LRU cache" in shown.stdout and "drill doctor --repair-log" in shown.stderr
    # list and a bare `drill` say so in one line, as stats does, and show no table without the log.
    for command in (["list", "--json"], []):
        stopped = drill(*command)
        assert stopped.exit_code == 2 and stopped.stderr.count("\n") == 1 and "row 2 of table starts" in stopped.stderr
        assert "drill doctor --repair-log" in stopped.stderr and stopped.stdout == ""
    # A bare `show` cannot know the problem.
    bare_show = drill("show")
    assert bare_show.exit_code == 2 and bare_show.stderr.count("\n") == 1
    assert "name a problem: which one you started last is in the attempt log, which cannot be read" in bare_show.stderr
    repaired = drill("doctor", "--repair-log")
    assert repaired.exit_code == 0 and "starts row 2" in repaired.stdout
    assert "holds 1 readable row;" in repaired.stdout and "could not be read: 1 row." in repaired.stdout
    assert list((workspace / ".drill").glob("attempts.sqlite3.damaged-*"))
    starts = json.loads(drill("export").stdout)["starts"]
    assert [s["problem"] for s in starts] == ["lru_cache"]


def test_repair_copies_every_column_and_names_a_row_the_new_log_refuses(workspace: Path) -> None:
    """A bench's report (a column the reader does not check) is copied too; a row the new log
    refuses is named among the rows left out, never a traceback."""
    import sqlite3

    from harness.practice.store import Store

    drill("start", "lru_cache")
    store = Store(workspace)
    for _ in range(2):
        store.record_bench("lru_cache", {"verdict": "pass", "summary": "grows like the reference", "duration_s": 1.0},
                           command="bench", started_at="2026-11-02T09:00:00+00:00", source_sha256="ab" * 32)
    store.close()
    log = workspace / ".drill" / "attempts.sqlite3"
    conn = sqlite3.connect(log)
    conn.execute("UPDATE starts SET started_at = 'not a time'")  # the damage
    conn.commit()
    conn.close()
    # A NULL report: SQLite refuses it on insert, so it is written under a table without the constraint.
    conn = sqlite3.connect(log)
    conn.executescript("""
        CREATE TABLE benches2 AS SELECT * FROM benches; UPDATE benches2 SET report = NULL WHERE id = 2;
        DROP TABLE benches; ALTER TABLE benches2 RENAME TO benches;
    """)
    conn.close()
    repaired = drill("doctor", "--repair-log")
    assert repaired.exit_code == 0, repaired.stderr
    assert "holds 1 readable row;" in repaired.stdout and "starts row 1" in repaired.stdout
    assert "benches row 2 (NOT NULL constraint failed: benches.report)" in repaired.stdout
    assert "could not be read: 2 rows." in repaired.stdout
    conn = sqlite3.connect(log)
    assert conn.execute("SELECT id, json_extract(report, '$.verdict') FROM benches").fetchall() == [(1, "pass")]
    conn.close()


def test_redis_url_errors_name_where_the_url_came_from(workspace: Path, monkeypatch) -> None:
    drill("start", "rate_limiter")
    bad = drill("test", "rate_limiter", "--redis-url", "notaurl")
    assert bad.exit_code == 2 and "not a Redis URL" in bad.stderr and "--redis-url 'notaurl'" in bad.stderr
    assert "cannot reach" not in bad.stderr
    monkeypatch.setenv("DRILL_REDIS_URL", "redis://127.0.0.1:1")  # nothing listens on port 1
    unreachable = drill("test", "rate_limiter")
    assert unreachable.exit_code == 3 and "cannot reach Redis" in unreachable.stderr  # the judge could not run: no verdict
    assert "unset DRILL_REDIS_URL" in unreachable.stderr and "--redis-url" not in unreachable.stderr
    monkeypatch.setenv("DRILL_REDIS_URL", "notaurl")
    assert "$DRILL_REDIS_URL 'notaurl' is not a Redis URL" in drill("test", "rate_limiter").stderr


def test_a_damaged_page_of_runs_stops_list_stats_next_and_bare_drill_with_one_error(workspace: Path) -> None:
    """Bytes overwritten inside a page of the runs table: every view of where you stand says so in one line (exit 2),
    as test and history do; none shows a table that calls every problem "not started"."""
    import sqlite3

    from harness.practice.store import Store, iso, utc_now
    from harness.verdicts import JudgeResult

    drill("start", "lru_cache")
    store = Store(workspace.resolve())
    for n in range(40):
        store.record_run(JudgeResult(problem="lru_cache", verdict="wrong_answer", file=str(workspace / "lru_cache.py"),
                                     source_sha256=f"{n:064x}", passed=1, failed=1, total=2, started_at=iso(utc_now())), "test")
    store.close()
    log = workspace / ".drill" / "attempts.sqlite3"
    conn = sqlite3.connect(log)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = conn.execute("SELECT pageno FROM dbstat WHERE name = 'runs' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1").fetchone()[0]
    conn.close()
    data = bytearray(log.read_bytes())
    middle = (page - 1) * page_size + page_size // 2
    data[middle:middle + 64] = b"\xff" * 64
    log.write_bytes(bytes(data))
    for command in (["list"], ["list", "--json"], ["stats"], ["next"], [], ["history"]):
        result = drill(*command)
        assert result.exit_code == 2, (command, result.stdout)
        assert result.stderr.count("\n") == 1 and "is damaged" in result.stderr and "nothing was changed" in result.stderr
        assert "not started" not in result.stdout and result.stdout == ""


def test_a_redis_url_the_problem_cannot_use_is_a_usage_error_before_judging(workspace: Path, monkeypatch) -> None:
    """One server for a problem that needs four is bad usage (exit 2, one line), not a judge that could not run (3)."""
    drill("start", "distributed_cache")
    for command in ("run", "test", "check", "bench"):
        refused = drill(command, "distributed_cache", "--redis-url", "redis://127.0.0.1:1")
        assert refused.exit_code == 2, (command, refused.stderr)
        assert refused.stderr.strip().count("\n") == 0 and "distributed_cache needs 4" in refused.stderr
        assert "leave out --redis-url" in refused.stderr and "cannot reach" not in refused.stderr
    monkeypatch.setenv("DRILL_REDIS_URL", "redis://127.0.0.1:1")
    from_env = drill("run", "distributed_cache")
    assert from_env.exit_code == 2 and "unset DRILL_REDIS_URL" in from_env.stderr and "--redis-url" not in from_env.stderr
    assert "needs one Redis server" in drill("test", "--help").stdout.replace("\n", " ").replace("  ", " ")


def test_a_guards_warning_about_the_users_redis_is_shown_by_the_view_the_command_line_hands_in(workspace: Path, monkeypatch,
                                                                                                capsys) -> None:
    """judge/ imports no view: the command line hands render.redis_warning in; without it the code still reaches stderr."""
    from contextlib import contextmanager

    from harness.judge import parent
    from harness.problems import catalogue
    from harness.services.redis.env import RedisRefused
    from harness.services.redis.guard import NO_ACLS

    @contextmanager
    def warns_then_stops(problem, redis_url=None, *, cluster=False, on_warning=None):  # noqa: ANN001, ANN202
        on_warning(NO_ACLS)
        raise RedisRefused("stopped after the warning")
        yield  # pragma: no cover

    monkeypatch.setattr(parent, "start_redis", warns_then_stops)
    monkeypatch.setattr(parent, "_redis_warning_view", parent._redis_warning_unstyled)  # as before any command ran
    with pytest.raises(parent.JudgeError), parent.judge_environment(catalogue.get("rate_limiter"), "redis://127.0.0.1:1"):
        pass
    assert capsys.readouterr().err.strip() == f"warning: Redis: {NO_ACLS}"
    drill("start", "rate_limiter")
    shown = drill("test", "rate_limiter", "--redis-url", "redis://127.0.0.1:1")
    assert shown.exit_code == 3 and "stopped after the warning" in shown.stderr
    assert "has no ACLs drill may use" in shown.stderr and NO_ACLS not in shown.stderr


def test_json_with_a_redis_that_cannot_be_reached_prints_a_judge_error_object(workspace: Path) -> None:
    """--json prints one JSON object, a judge error's too (it printed nothing on stdout); the
    one-line error still goes to stderr, exit status 3."""
    accepted = str(kit_root() / "solutions" / "rate_limiter" / "accepted" / "lua_sliding_log.py")
    shown = drill("test", "rate_limiter", "--file", accepted, "--redis-url", "redis://127.0.0.1:1", "--json")
    assert shown.exit_code == 3
    out = json.loads(shown.stdout)
    assert out["verdict"] == "judge_error" and out["ok"] is False and "cannot reach Redis" in out["message"]
    assert "cannot reach Redis" in shown.stderr and len(shown.stderr.strip().splitlines()) == 1
    plain = drill("test", "rate_limiter", "--file", accepted, "--redis-url", "redis://127.0.0.1:1")
    assert plain.exit_code == 3 and not plain.stdout.strip()


# --- finding your way: close names, list filters ---------------------------------------------------


@pytest.mark.parametrize(("command", "typed", "meant"), [
    ("show", "dijkstr", "dijkstra"),       # close (difflib)
    ("test", "lru", "lru_cache"),          # a prefix
    ("start", "topk", "top_k_stream"),     # inside the slug, underscores aside
    ("history", "cache", "distributed_cache, distributed_cache_node_fails or lru_cache"),
])
def test_a_mistyped_slug_gets_the_close_ones(workspace: Path, command: str, typed: str, meant: str) -> None:
    result = drill(command, typed)
    assert result.exit_code == 2
    assert result.stderr == f"drill: error: unknown problem '{typed}'. Did you mean {meant}?\n"


def test_a_slug_like_no_other_lists_the_known_ones(workspace: Path) -> None:
    result = drill("show", "zzz")
    assert result.exit_code == 2
    assert "Did you mean" not in result.stderr
    assert result.stderr.startswith("drill: error: unknown problem 'zzz' (known: cycle_detection, dijkstra, ")


def test_a_misnamed_class_gets_a_hint_and_stays_invalid(tmp_path: Path, workspace: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "lru_cache" / "invalid_solution" / "misnamed_class.py"
    result = drill("test", "lru_cache", "--file", str(fixture), "--workspace", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert "✗ invalid_solution" in result.stdout
    assert "does not define class LRUCache (the contract in `drill show lru_cache`); it defines LruCache: did you mean that one?" in result.stdout


def _listed(*args: str) -> list[str]:
    result = drill("list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return [row["problem"] for row in json.loads(result.stdout)]


def test_list_filters_by_tag_and_difficulty_together(workspace: Path) -> None:
    assert _listed("--tag", "graphs") == ["cycle_detection", "dijkstra"]
    assert _listed("--tag", "heap", "--difficulty", "hard") == ["send_scheduler", "window_stats"]
    assert _listed("--tag", "Hash-Map", "--tag", "heap") == ["top_k_stream"]  # every tag given; "hash map" as written
    assert _listed("--tag", "graphs", "--difficulty", "hard") == []
    text = drill("list", "--tag", "graphs", "--difficulty", "medium").stdout
    assert "dijkstra" in text and "lru_cache" not in text
    assert "No problem has tag graphs and difficulty hard" in drill("list", "--tag", "graphs", "--difficulty", "hard").stdout


def test_an_unknown_tag_or_difficulty_is_a_usage_error_naming_the_known_ones(workspace: Path) -> None:
    tag = drill("list", "--tag", "graph")
    assert tag.exit_code == 2 and tag.stderr.count("\n") == 1
    assert tag.stderr.startswith("drill: error: unknown tag 'graph' (known: binary search, ")
    assert tag.stderr.rstrip().endswith("Did you mean graphs?")
    level = drill("list", "--difficulty", "extreme")
    assert level.exit_code == 2
    assert level.stderr == "drill: error: unknown difficulty 'extreme' (known: easy, medium, hard)\n"


# --- the pager -------------------------------------------------------------------------------------


def test_the_pager_is_used_only_on_a_terminal_and_can_be_turned_off(workspace: Path, monkeypatch) -> None:
    from harness import render

    paged: list[tuple[str, str]] = []
    monkeypatch.setattr(render.CommandPager, "show", lambda self, content: paged.append((self.command, content)))
    monkeypatch.delenv("DRILL_PAGER", raising=False)
    monkeypatch.setenv("PAGER", "less -R")
    piped = drill("show", "dijkstra")
    assert piped.exit_code == 0 and "Dijkstra's shortest paths" in piped.stdout
    assert paged == []
    # A terminal of 20 lines (rich reads FORCE_COLOR and LINES): the statement is taller, so it is paged.
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("LINES", "20")
    on_a_terminal = drill("show", "dijkstra")
    assert on_a_terminal.exit_code == 0
    assert len(paged) == 1 and paged[0][0] == "less -R" and "Interview follow-ups" in paged[0][1]
    assert "Interview follow-ups" not in on_a_terminal.stdout  # the pager got it, not the screen
    assert "Interview follow-ups" in drill("show", "dijkstra", "--no-pager").stdout
    monkeypatch.setenv("DRILL_PAGER", "cat")
    assert "Interview follow-ups" in drill("show", "dijkstra").stdout
    monkeypatch.delenv("DRILL_PAGER")
    monkeypatch.setenv("LINES", "500")  # taller than the statement: printed as is
    assert "Interview follow-ups" in drill("show", "dijkstra").stdout
    assert len(paged) == 1


# --- no verdict: undecided and judge_error ---------------------------------------------------------


def _judged_as(verdict: str, *, complexity: str | None = None):
    from harness.bench.complexity import ComplexityReport
    from harness.verdicts import Failure, JudgeResult

    def judge_file(problem, path, **kwargs):
        failure = None if verdict == "accepted" else Failure(test="t", title="a timed case", verdict=verdict, message="too busy")
        return JudgeResult(problem=problem.slug, verdict=verdict, file=str(path), source_sha256="0" * 64, passed=1, failed=int(failure is not None),
                           started_at="2026-01-05T10:00:00+00:00",
                           total=2, first_failure=failure, message=failure.message if failure else None,
                           complexity=ComplexityReport(problem.slug, "O(1)", complexity, "G = 3.1").to_dict() if complexity else None)

    return judge_file


def test_an_undecided_run_exits_3_shows_in_json_and_junit_and_is_not_solved(tmp_path: Path, workspace: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a measurement left inconclusive kept `accepted` and exit status 0."""
    from harness import pipeline

    drill("start", "lru_cache")
    monkeypatch.setattr(pipeline, "judge_file", _judged_as("undecided", complexity="inconclusive"))
    tested = drill("test", "lru_cache", "--json")
    assert tested.exit_code == 3
    assert json.loads(tested.stdout)["verdict"] == "undecided" and json.loads(tested.stdout)["ok"] is False
    report = tmp_path / "report.xml"
    checked = drill("check", "lru_cache", "--junit", str(report))
    assert checked.exit_code == 3 and "undecided" in checked.stdout
    root = ET.parse(report).getroot()
    assert root.get("errors") == "2" and root.get("failures") == "0"  # the case and the complexity check: errors, not failures
    listed = json.loads(drill("list", "--json").stdout)
    row = next(p for p in listed if p["problem"] == "lru_cache")
    assert row["solved"] is False and row["status"] == "started" and row["attempts"] == 2


@pytest.mark.parametrize(("verdicts", "status"), [
    (["accepted"], 0), (["accepted", "wrong_answer"], 1), (["undecided"], 3), (["judge_error"], 3),
    (["undecided", "wrong_answer"], 1), (["accepted", "undecided"], 3),
])
def test_exit_status_a_verdict_outranks_no_verdict(verdicts: list[str], status: int) -> None:
    from harness.cli.app import exit_status

    assert exit_status(verdicts) == status


def test_help_shows_every_command_summary_whole_at_80_columns() -> None:
    out = CliRunner().invoke(cli, ["--help"], terminal_width=80).output
    commands = out.split("Commands:", 1)[1].splitlines()
    visible = sorted(name for name, command in cli.commands.items() if not command.hidden)
    assert sorted(line.split()[0] for line in commands if line.strip()) == visible
    assert not [line for line in commands if line.rstrip().endswith("...") or len(line) > 80], out


def test_dev_help_shows_every_command_summary_whole_at_80_columns() -> None:
    """`drill dev --help` cut its descriptions ("judge every mutant of SLUG's...")."""
    out = CliRunner().invoke(cli, ["dev", "--help"], terminal_width=80).output
    commands = out.split("Commands:", 1)[1].splitlines()
    assert sorted(line.split()[0] for line in commands if line.strip()) == sorted(cli.commands["dev"].commands)
    assert not [line for line in commands if line.rstrip().endswith("...") or len(line) > 80], out


SYNTAX_ERROR = "class LRUCache:\n    def __init__(self, capacity)\n        pass\n"
RAISES_AT_IMPORT = "import os\nvalue = 1 / 0\n"


@pytest.mark.parametrize("command", ["test", "check", "run", "bench"])
@pytest.mark.parametrize(("source", "said"), [
    (SYNTAX_ERROR, "{typed}, line 2: SyntaxError: expected ':'"),
    (RAISES_AT_IMPORT, "importing {typed} raised ZeroDivisionError: division by zero (line 2, in <module>: value = 1 / 0)"),
])
def test_a_file_that_does_not_load_is_named_as_typed_with_its_line(tmp_path: Path, workspace: Path, command: str,
                                                                    source: str, said: str) -> None:
    (tmp_path / "x.py").write_text(source)
    typed = str(tmp_path / "x.py")
    result = drill(command, "lru_cache", "--file", typed, "--workspace", str(tmp_path / "ws"))
    assert result.exit_code == 1, result.output
    assert said.format(typed=typed) in result.stdout
    assert "lru_cache.py" not in result.output  # the worker's copy, which the user never named


def test_bench_of_a_file_that_does_not_load_gives_the_verdict_test_gives_in_one_line(tmp_path: Path, workspace: Path) -> None:
    (tmp_path / "x.py").write_text(RAISES_AT_IMPORT)
    typed = str(tmp_path / "x.py")
    tested = drill("test", "lru_cache", "--file", typed, "--workspace", str(tmp_path / "ws"))
    benched = drill("bench", "lru_cache", "--file", typed, "--workspace", str(tmp_path / "ws"))
    assert tested.exit_code == benched.exit_code == 1
    assert benched.stderr == ""
    assert benched.stdout.splitlines()[1:] == [f"✗ invalid_solution   importing {typed} raised ZeroDivisionError: division by zero "
                                               "(line 2, in <module>: value = 1 / 0)"]
    data = json.loads(drill("bench", "lru_cache", "--file", typed, "--json", "--workspace", str(tmp_path / "ws")).stdout)
    assert (data["verdict"], data["outcome"], data["ok"]) == ("fail", "invalid_solution", False)


@pytest.mark.parametrize("typed", ["review", "revea", "reveall", "hnt", "hints", "solutin", "solutions"])
def test_a_mistyped_command_is_never_offered_a_command_that_spends_help(workspace: Path, typed: str) -> None:
    result = drill(typed)
    assert result.exit_code == 2 and "no such command" in result.stderr.lower()
    for costly in ("reveal", "hint", "solution"):
        assert f"'{costly}'" not in result.stderr and f"drill {costly}" not in result.stderr
    assert json.loads(drill("export").stdout)["events"] == []


def test_review_points_to_next_and_a_typo_still_gets_the_close_commands(workspace: Path) -> None:
    assert "`drill next` does that" in drill("review").stderr
    assert "Did you mean 'list'?" in drill("lst").stderr


def test_a_workspace_named_that_does_not_exist_is_said_in_one_line(tmp_path: Path, workspace: Path) -> None:
    """A mistyped --workspace or $DRILL_WORKSPACE must not read as "0 solved" without a word: the
    read-only views warn in one line (and go on, as empty); `drill start` creates it."""
    missing = tmp_path / "no-such-folder"
    for command in (["list"], ["stats"], ["next"], ["history"], []):
        said = drill(*command, "--workspace", str(missing)) if command else drill("--workspace", str(missing))
        assert said.exit_code == 0, command
        assert said.stderr.count("\n") == 1 and f"{missing} (--workspace) does not exist" in said.stderr, (command, said.stderr)
    as_json = drill("stats", "--json", "--workspace", str(missing))
    assert json.loads(as_json.stdout)["problems"] and "does not exist" in as_json.stderr  # stdout stays one JSON document
    assert "($DRILL_WORKSPACE) does not exist" in drill("list").stderr
    assert not missing.exists() and not workspace.exists()
    assert drill("start", "lru_cache").exit_code == 0
    assert drill("list").stderr == "" and drill().stderr == ""


@pytest.mark.parametrize("argv, said", [
    (["test", "--foo"], "drill: error: no such option '--foo' (`drill test --help` shows the usage)"),
    (["start"], "drill: error: missing argument 'SLUG' (`drill start --help` shows the usage)"),
    (["tset"], "drill: error: no such command 'tset'. Did you mean 'test'? (`drill --help` lists the commands)"),
    (["stats", "--days", "0"], "drill: error: invalid value for '--days'"),
    # An option's missing value: click names no command, the command line does.
    (["test", "lru_cache", "--file"], "drill: error: option '--file' requires an argument (`drill test --help` shows the usage)"),
    (["--workspace"], "drill: error: option '--workspace' requires an argument (`drill --help` lists the commands)"),
])
def test_clicks_usage_errors_are_one_line_as_drills_own(workspace: Path, monkeypatch, capsys, argv: list[str], said: str) -> None:
    from harness.cli import main

    monkeypatch.setattr(sys, "argv", ["drill", *argv])
    with pytest.raises(SystemExit) as stopped:
        main()
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.count("\n") == 1 and err.startswith(said) and "Usage:" not in err, err
