"""The complexity verdict logic and the likely-cause look, on fixed numbers (no timing here:
the timing itself is exercised against real solutions by test_verify.py)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from harness.catalogue import kit_root
from harness.cli import cli
from harness.bench.complexity import (
    FAIL,
    INCONCLUSIVE,
    PASS,
    UNSURE,
    CountedFamily,
    TimedFamily,
    classify_count,
    classify_time,
    decide,
    growth,
    likely_causes,
)


def test_growth_is_relative_to_the_reference() -> None:
    # Same class: both grow 32x.
    assert growth((1.0, 32.0), (2.0, 64.0)) == 1.0
    # A factor of n slower per call: the candidate grows 32x more.
    assert growth((1.0, 1024.0), (1.0, 32.0)) == 32.0


def test_thresholds() -> None:
    assert classify_time(1.0) == PASS and classify_time(2.49) == PASS
    assert classify_time(2.5) == INCONCLUSIVE and classify_time(4.0) == INCONCLUSIVE
    assert classify_time(4.01) == FAIL
    assert classify_count(1.2) == PASS and classify_count(1.3) == UNSURE and classify_count(1.35) == FAIL


def _timed(verdict: str, g: float) -> TimedFamily:
    return TimedFamily(name="f", unit="n", n1=1, n2=32, g=g, verdict=verdict)


def test_worst_family_decides_and_inconclusive_is_not_failure() -> None:
    assert decide([_timed(PASS, 1.1), _timed(FAIL, 9.0)], [])[0] == FAIL
    assert decide([_timed(PASS, 1.1), _timed(INCONCLUSIVE, 3.0)], [])[0] == INCONCLUSIVE
    assert decide([_timed(PASS, 1.1)], [])[0] == PASS
    counted_fail = CountedFamily(name="c", unit="n", n1=1, n2=16, g=1.55, verdict=FAIL)
    assert decide([_timed(PASS, 1.1)], [counted_fail])[0] == FAIL
    unsure = CountedFamily(name="c", unit="n", n1=1, n2=16, g=1.3, verdict=UNSURE)
    verdict, summary, outcome = decide([_timed(PASS, 1.1)], [unsure])
    assert verdict == PASS and "within tolerance" in summary and outcome is None


def test_likely_causes_name_the_pattern_and_line() -> None:
    source = (
        "class LRUCache:\n"
        "    def __init__(self, capacity):\n"
        "        self.order = []\n"
        "    def get(self, key):\n"
        "        self.order.remove(key)\n"
        "        return self.order.pop(0)\n"
    )
    causes = likely_causes(source)
    assert any("remove" in c and "line 5" in c for c in causes)
    assert any("pop(0)" in c and "line 6" in c for c in causes)


def test_likely_causes_sorting_and_min_in_loops() -> None:
    source = (
        "import heapq\n"
        "def top(counts, k):\n"
        "    return sorted(counts.items())[:k]\n"
        "def dijkstra(graph, dist, todo):\n"
        "    while todo:\n"
        "        node = min(todo, key=dist.get)\n"
        "        todo.discard(node)\n"
    )
    causes = " | ".join(likely_causes(source))
    assert "sorted(...) in top()" in causes
    assert "min(...) inside a loop" in causes


def test_clean_code_has_no_causes_and_bad_syntax_is_ignored() -> None:
    assert likely_causes("def f(d, k):\n    return d.get(k)\n") == []
    assert likely_causes("def f(:\n") == []


def test_bench_json_contract_on_the_reference(tmp_path, workspace) -> None:
    reference = kit_root() / "solutions" / "lru_cache" / "accepted" / "linked_list.py"
    result = CliRunner().invoke(cli, ["bench", "lru_cache", "--file", str(reference), "--json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    assert result.exit_code == 0, data
    assert data["verdict"] == PASS and data["ok"] is True
    assert data["problem"] == "lru_cache" and data["target"]
    assert all(f["verdict"] == PASS for f in data["timed"])
    assert {"time_pass_below", "time_fail_above"} <= data["thresholds"].keys()
    stats = json.loads(CliRunner().invoke(cli, ["stats", "--json"]).stdout)["problems"]
    assert next(s for s in stats if s["problem"] == "lru_cache")["best_complexity"] == PASS
