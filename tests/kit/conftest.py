"""Shared fixtures for the kit's own tests (not the hidden suites)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from harness import clock


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ws = tmp_path / "workspace"
    monkeypatch.setenv("DRILL_WORKSPACE", str(ws))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ws


@pytest.fixture
def write_solution(tmp_path: Path):
    def write(source: str, name: str = "solution.py") -> Path:
        path = tmp_path / "solutions" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        return path

    return write


class FakeClock:
    """The kit's clock (harness.clock.now), moved by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake)
    return fake


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first, the longest first: pytest-xdist then starts the long ones at once and
    fills the cores with the short ones meanwhile, instead of ending on one long test and an idle
    core. A test of one problem weighs that problem's known solutions times its check time."""
    from harness.problems import catalogue

    def weight(item: pytest.Item) -> float:
        slug = getattr(item, "callspec", None) and item.callspec.params.get("slug")
        if not isinstance(slug, str):
            return 0.0
        problem = catalogue.get(slug)
        return problem.check_seconds * len(problem.submissions())

    items.sort(key=lambda item: (item.get_closest_marker("slow") is None, -weight(item)))
