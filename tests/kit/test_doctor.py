"""`drill doctor` beyond the protections: a Redis server and a Redis Cluster drill can start,
the attempt log (readable to its last row; --repair-log), the optional extras. One line each,
with its fix when it is not right; a missing optional extra fails nothing."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.practice import doctor
from harness.cli import cli
from harness.worker.policy import protections


def _doctor(*args: str):
    return CliRunner().invoke(cli, ["doctor", *args])


def _checks(result) -> dict[str, dict]:
    return {c["name"].split(" (")[0].split(":")[0]: c for c in json.loads(result.stdout)["checks"]}


@pytest.fixture
def no_redis_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the two Redis starts where a test is about something else (they are tested below)."""
    monkeypatch.setattr(doctor, "redis_check", lambda: doctor.Check("Redis server", True, "skipped"))
    monkeypatch.setattr(doctor, "cluster_check", lambda: doctor.Check("Redis Cluster", True, "skipped"))


def test_every_check_is_listed_with_its_state(workspace: Path) -> None:
    result = _doctor("--json")
    checks = _checks(result)
    assert set(checks) == {"Redis server", "Redis Cluster of 3 masters", "attempt log", "plot extra", "peers extra"}
    assert checks["Redis server"]["ok"] and checks["Redis Cluster of 3 masters"]["ok"]  # the kit's tests need both
    assert checks["attempt log"]["ok"] and "first judged run" in checks["attempt log"]["detail"]
    assert not checks["plot extra"]["required"] and not checks["peers extra"]["required"]
    assert (result.exit_code == 0) == protections().sandboxed
    text = _doctor().stdout
    assert "✓ Redis server" in text and "attempt log" in text and "plot extra (optional)" in text


def test_a_redis_that_cannot_start_fails_with_its_fix(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from harness.services.redis import cluster, server

    monkeypatch.setattr(server, "find_server", lambda: None)
    monkeypatch.setattr(cluster, "find_server", lambda: None)
    result = _doctor("--json")
    checks = _checks(result)
    for name in ("Redis server", "Redis Cluster of 3 masters"):
        assert not checks[name]["ok"] and "no redis-server found" in checks[name]["detail"]
        assert "pip install -e ." in checks[name]["fix"]
    assert result.exit_code == 1
    lines = [line for line in _doctor().stdout.splitlines() if line.startswith("✗ Redis")]
    assert len(lines) == 2 and all("fix:" in line for line in lines)


def test_a_damaged_log_fails_with_the_repair_as_its_fix(workspace: Path, no_redis_start) -> None:
    CliRunner().invoke(cli, ["start", "lru_cache"])
    CliRunner().invoke(cli, ["start", "dijkstra"])
    healthy = _checks(_doctor("--json"))["attempt log"]
    assert healthy["ok"] and "rows read" in healthy["detail"]
    log = workspace / ".drill" / "attempts.sqlite3"
    conn = sqlite3.connect(log)
    conn.execute("UPDATE starts SET started_at = 'not a time' WHERE problem = 'dijkstra'")  # one row that does not decode
    conn.commit()
    conn.close()
    result = _doctor("--json")
    damaged = _checks(result)["attempt log"]
    assert not damaged["ok"] and "drill doctor --repair-log" in damaged["fix"] and result.exit_code == 1
    line = next(line for line in _doctor().stdout.splitlines() if line.startswith("✗ attempt log"))
    assert "fix:" in line and "Traceback" not in line
    assert _doctor("--repair-log").exit_code == 0
    assert _checks(_doctor("--json"))["attempt log"]["ok"]


def test_a_missing_extra_says_what_needs_it_and_fails_nothing(workspace: Path, no_redis_start, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    result = _doctor("--json")
    plot = _checks(result)["plot extra"]
    assert not plot["ok"] and "drill bench --plot" in plot["detail"] and plot["fix"] == "`pip install -e '.[plot]'` in the kit's folder"
    assert (result.exit_code == 0) == protections().sandboxed  # optional: the exit status does not change
    assert "- plot extra (optional)" in _doctor().stdout
