"""The attempt log: concurrent writers, killed writers, damaged files."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from harness.store import Store, StoreError
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
    from harness.store import Store
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
    from harness import catalogue, clock
    from harness.progress import progress

    store = Store(tmp_path)
    start = store.start("lru_cache", Path("/x/lru_cache.py"))  # the file the runs judged
    store.record_run(_result(verdict=WRONG_ANSWER, started_at=start.started_at), "test")
    store.record_run(_result(started_at=start.started_at), "test")
    rows = progress(store, list(catalogue.problems()), clock.now())
    by_problem = {r.problem: r for r in rows}
    assert by_problem["lru_cache"].status == "solved"
    assert by_problem["lru_cache"].judged_runs == 2
    assert by_problem["lru_cache"].last_verdict == ACCEPTED
    assert by_problem["lru_cache"].time_to_first_accept_s == 0.0
    others = [r for r in rows if r.problem != "lru_cache"]
    assert all(r.status == "not started" and r.judged_runs == 0 for r in others)
