"""The attempt log: concurrent writers, killed writers, damaged files."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from harness.practice.store import Store, StoreError
from harness.verdicts import ACCEPTED, WRONG_ANSWER, JudgeResult


def _result(problem: str = "lru_cache", verdict: str = ACCEPTED, started_at: str = "2026-01-01T10:00:00+00:00") -> JudgeResult:
    return JudgeResult(problem=problem, verdict=verdict, file="/x/lru_cache.py", source_sha256="ab" * 32,
                       passed=3, failed=0 if verdict == ACCEPTED else 1, total=3, duration_s=0.5, started_at=started_at)


def test_runs_come_back_oldest_first_with_time_since_start(tmp_path: Path) -> None:
    store = Store(tmp_path)
    start = store.start("lru_cache", Path("/x/lru_cache.py"))  # the file the runs judged
    store.record_run(_result(verdict=WRONG_ANSWER, started_at=start.started_at), "test")
    store.record_run(_result(started_at=start.started_at), "check")
    runs = store.runs()
    assert [r["verdict"] for r in runs] == [WRONG_ANSWER, ACCEPTED]
    assert [r["command"] for r in runs] == ["test", "check"]
    assert runs[0]["since_start_s"] == 0.0
    assert runs[0]["start_id"] == start.id


def test_log_is_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.record_run(_result(), "test")
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reading_a_missing_log_creates_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "nowhere")
    assert store.runs() == []
    assert not (tmp_path / "nowhere").exists()


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from harness.practice.store import Store
    from harness.verdicts import JudgeResult
    store = Store(Path(sys.argv[1]))
    for i in range(int(sys.argv[2])):
        store.record_run(JudgeResult(problem=sys.argv[3], verdict="accepted", file="f", source_sha256="0" * 64,
                                     started_at="2026-01-01T10:00:00+00:00"), "test")
    """
)


def test_two_processes_writing_at_once_both_get_recorded(tmp_path: Path) -> None:
    Store(tmp_path).record_run(_result(), "test")  # create the log first, as `drill start` does
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "150", name]) for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    runs = Store(tmp_path).runs()
    assert sum(r["problem"] == "a" for r in runs) == 150
    assert sum(r["problem"] == "b" for r in runs) == 150


def test_writer_killed_with_sigkill_leaves_the_log_readable(tmp_path: Path) -> None:
    Store(tmp_path).record_run(_result(), "test")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "100000", "killed"])
    # Kill it while it is writing: wait until some rows are in.
    for _ in range(400):
        if len(Store(tmp_path).runs("killed")) > 20:
            break
        proc.poll()
        import time

        time.sleep(0.025)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = Store(tmp_path)
    written = len(store.runs("killed"))
    assert written > 20
    store.record_run(_result(problem="after"), "test")
    assert len(store.runs("after")) == 1


def test_a_file_that_is_not_a_database_gives_a_clear_error_and_is_left_alone(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"this is not sqlite\n" * 100)
    before = store.path.read_bytes()
    with pytest.raises(StoreError) as info:
        store.runs()
    message = str(info.value)
    assert "damaged" in message and "mv " in message and "\n" not in message
    with pytest.raises(StoreError):
        store.record_run(_result(), "test")
    assert store.path.read_bytes() == before


def test_a_truncated_database_gives_a_clear_error(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for _ in range(200):
        store.record_run(_result(), "test")
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = store.path.read_bytes()
    store.path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError, match="damaged"):
        Store(tmp_path).runs()


def test_stats_per_problem(tmp_path: Path) -> None:
    from harness import clock
    from harness.problems import catalogue
    from harness.practice.progress import progress

    store = Store(tmp_path)
    start = store.start("lru_cache", Path("/x/lru_cache.py"))  # the file the runs judged
    store.record_run(_result(verdict=WRONG_ANSWER, started_at=start.started_at), "test")
    store.record_run(_result(started_at=start.started_at), "test")
    rows = progress(store, list(catalogue.problems()), clock.now())
    assert {r.problem: r for r in rows}["lru_cache"].status == "tests pass"  # `drill test` left the complexity out
    store.record_run(_result(started_at=start.started_at), "check")
    rows = progress(store, list(catalogue.problems()), clock.now())
    by_problem = {r.problem: r for r in rows}
    assert by_problem["lru_cache"].status == "solved"
    assert by_problem["lru_cache"].judged_runs == 3
    assert by_problem["lru_cache"].last_verdict == ACCEPTED
    assert by_problem["lru_cache"].time_to_first_accept_s == 0.0
    others = [r for r in rows if r.problem != "lru_cache"]
    assert all(r.status == "not started" and r.judged_runs == 0 for r in others)


# --- past code: each run's source, once per sha256 ----------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
WRONG_SOURCE = (FIXTURES / "run" / "lru_no_refresh_prints.py").read_bytes()
RIGHT_SOURCE = (Path(__file__).parents[2] / "solutions/lru_cache/accepted/ordered_dict.py").read_bytes()


def _judged(source: bytes, verdict: str = WRONG_ANSWER) -> JudgeResult:
    import hashlib

    result = _result(verdict=verdict)
    result.source_sha256, result.source = hashlib.sha256(source).hexdigest(), source
    return result


def _drill(*args: str):
    from click.testing import CliRunner

    from harness.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _sources(store: Store) -> list[tuple[str, bytes]]:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute("SELECT sha256, source FROM sources ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_each_distinct_source_is_kept_once_and_json_does_not_carry_it(tmp_path: Path) -> None:
    store = Store(tmp_path)
    first = store.record_run(_judged(WRONG_SOURCE), "test")
    second = store.record_run(_judged(WRONG_SOURCE), "check")
    third = store.record_run(_judged(RIGHT_SOURCE, ACCEPTED), "test")
    store.record_run(_result(), "test")  # a result without its bytes: nothing kept for it
    assert [source for _, source in _sources(store)] == [WRONG_SOURCE, RIGHT_SOURCE]
    runs = {r["id"]: r for r in store.runs()}
    assert runs[first]["source_sha256"] == runs[second]["source_sha256"] != runs[third]["source_sha256"]
    assert store.source(runs[third]["source_sha256"]) == RIGHT_SOURCE
    assert store.source("ab" * 32) is None
    assert "source" not in _judged(WRONG_SOURCE).to_dict()


def test_history_show_prints_a_runs_source_and_diff_compares_two(workspace: Path) -> None:
    store = Store(workspace)
    store.record_run(_judged(WRONG_SOURCE), "test")
    store.record_run(_judged(WRONG_SOURCE), "test")
    store.record_run(_judged(RIGHT_SOURCE, ACCEPTED), "test")
    store.close()
    shown = _drill("history", "lru_cache", "--show", "1")
    assert shown.exit_code == 0 and shown.stdout == WRONG_SOURCE.decode()  # piped: the file as it was
    assert "run #1 (test, wrong_answer)" in shown.stderr
    diff = _drill("history", "lru_cache", "--diff", "1", "3")
    assert diff.exit_code == 0
    assert diff.stdout.startswith("--- run #1 (lru_cache.py, wrong_answer)\n+++ run #3 (lru_cache.py, accepted)\n@@")
    assert '+"""OrderedDict keeps insertion order' in diff.stdout and "-        return self.data.get(key, -1)" in diff.stdout
    same = _drill("history", "lru_cache", "--diff", "1", "2")
    assert same.exit_code == 0 and "runs #1 and #2 judged the same source" in same.stdout
    data = json.loads(_drill("history", "lru_cache", "--diff", "2", "3", "--json").stdout)
    assert (data["from"], data["to"], data["same"]) == (2, 3, False) and data["diff"] == diff.stdout.replace("#1", "#2")
    for args, message in ((("--show", "9"), "no run #9"), (("--diff", "1", "9"), "no run #9"),
                          (("dijkstra", "--show", "1"), "run #1 is a run of lru_cache, not dijkstra"),
                          (("--show", "1", "--diff", "1", "3"), "not both")):
        wrong = _drill("history", *args)
        assert wrong.exit_code == 2 and message in wrong.stderr and wrong.stderr.count("\n") == 1, args


def test_drill_test_keeps_the_judged_file_for_show(workspace: Path) -> None:
    _drill("start", "lru_cache")
    stub = (workspace / "lru_cache.py").read_text()
    assert _drill("test", "lru_cache").exit_code == 1
    shown = _drill("history", "--show", "1")
    assert shown.exit_code == 0 and shown.stdout == stub


def test_an_old_log_without_the_sources_table_opens_and_gets_it(workspace: Path) -> None:
    store = Store(workspace)
    store.record_run(_judged(WRONG_SOURCE), "test")
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("DROP TABLE sources")  # as drill wrote logs before it kept sources
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    old = _drill("history", "lru_cache", "--show", "1")
    assert old.exit_code == 2 and "run #1's source is not in the attempt log" in old.stderr and old.stderr.count("\n") == 1
    listed = _drill("history", "--json")
    assert listed.exit_code == 0 and [r["id"] for r in json.loads(listed.stdout)] == [1]
    store = Store(workspace)
    store.record_run(_judged(RIGHT_SOURCE, ACCEPTED), "test")
    assert store.source(store.runs()[-1]["source_sha256"]) == RIGHT_SOURCE
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()


def test_a_source_that_is_not_its_sha256_is_a_damaged_row_in_one_line(workspace: Path) -> None:
    store = Store(workspace)
    store.record_run(_judged(WRONG_SOURCE), "test")
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE sources SET source = ?", (RIGHT_SOURCE,))
    conn.commit()
    conn.close()
    shown = _drill("history", "--show", "1")
    assert shown.exit_code == 2 and "row 1 of table sources is damaged" in shown.stderr and shown.stderr.count("\n") == 1
    assert "drill doctor --repair-log" in shown.stderr
