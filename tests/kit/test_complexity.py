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
    ComplexityReport,
    CountedFamily,
    TimedFamily,
    classify_count,
    classify_time,
    decide,
    excess,
    growth,
    likely_causes,
    settle_time,
)
from harness.render import complexity_lines


def test_growth_is_relative_to_the_reference() -> None:
    # Same class: both grow 32x.
    assert growth((1.0, 32.0), (2.0, 64.0)) == 1.0
    # A factor of n slower per call: the candidate grows 32x more.
    assert growth((1.0, 1024.0), (1.0, 32.0)) == 32.0


def test_thresholds() -> None:
    assert classify_time(1.0) == PASS and classify_time(2.49) == PASS
    assert classify_time(2.5) == INCONCLUSIVE and classify_time(4.0) == INCONCLUSIVE
    assert classify_time(4.01) == FAIL
    # The excess E = rho2 - rho1 fails only together with some growth (G > 1.3).
    assert classify_time(1.3, 100.0) == PASS and classify_time(1.31, 2.0) == PASS
    assert classify_time(1.31, 2.01) == FAIL and classify_time(2.0, 50.0) == FAIL
    assert classify_time(3.0, 1.0) == INCONCLUSIVE and classify_time(3.0, 2.5) == FAIL
    assert classify_count(1.2) == PASS and classify_count(1.3) == INCONCLUSIVE and classify_count(1.35) == FAIL


def test_excess_is_the_gain_in_reference_runs_and_constant_overhead_cancels() -> None:
    # 3x the reference's time at both sizes: no excess, whatever the sizes.
    assert excess((3.0, 96.0), (1.0, 32.0)) == 0.0
    # The same, plus a constant cost per call: rho moves alike at both sizes, so E stays 0.
    assert abs(excess((5.0, 160.0), (1.0, 32.0))) < 1e-9
    # Ratio 2 at n1, 10 at n2: 8 reference-runs gained.
    assert excess((2.0, 320.0), (1.0, 32.0)) == 8.0
    assert excess((1.0, 1.0), (0.0, 1.0)) == float("inf")


def _settle(*measured: tuple[float, float, float]) -> tuple[str, tuple[float, float, float], int, list[bool]]:
    """settle_time over fixed measurements; also which of them it asked for after a fail."""
    asked: list[bool] = []

    def measure(k: int, after_fail: bool) -> tuple[float, float, float]:
        assert k == len(asked) + 1
        asked.append(after_fail)
        return measured[k - 1]

    return (*settle_time(measure), asked)


def test_a_fail_counts_in_two_measurements_of_three() -> None:
    slow, padded_slow, same, between = (5.0, 9.0, 8.0), (2.1, 5.4, 10.0), (1.1, 0.2, 3.0), (3.0, 1.0, 3.0)
    assert _settle(same) == (PASS, same, 1, [False])  # a pass at once counts
    assert _settle(slow, padded_slow) == (FAIL, (2.1, 5.4, 8.0), 1, [False, True])
    # A fail, then a pass (the padded file's G once fell to 1.12 under load): a third decides.
    assert _settle(padded_slow, same, padded_slow) == (FAIL, padded_slow, 3, [False, True, True])
    assert _settle(padded_slow, same, same) == (PASS, same, 2, [False, True, True])
    assert _settle(padded_slow, between, between)[:3] == (INCONCLUSIVE, between, 2)
    # Between the thresholds, then a fail: a third fail makes it a fail, else it stays between.
    assert _settle(between, slow, slow)[:3] == (FAIL, slow, 3)
    assert _settle(between, slow, same) == (INCONCLUSIVE, slow, 2, [False, False, True])
    assert _settle(between, same) == (PASS, same, 2, [False, False])


def _timed(verdict: str, g: float, e: float = 0.0) -> TimedFamily:
    return TimedFamily(name="f", unit="n", n1=1, n2=32, g=g, excess=e, verdict=verdict)


def test_worst_family_decides_and_inconclusive_is_not_failure() -> None:
    assert decide([_timed(PASS, 1.1), _timed(FAIL, 9.0)], [])[0] == FAIL
    assert decide([_timed(PASS, 1.1), _timed(INCONCLUSIVE, 3.0)], [])[0] == INCONCLUSIVE
    assert decide([_timed(PASS, 1.1)], [])[0] == PASS
    counted_fail = CountedFamily(name="c", unit="n", n1=1, n2=16, g=1.55, verdict=FAIL)
    assert decide([_timed(PASS, 1.1)], [counted_fail])[0] == FAIL
    in_between = CountedFamily(name="c", unit="n", n1=1, n2=16, g=1.3, verdict=INCONCLUSIVE)
    verdict, summary, outcome = decide([_timed(PASS, 1.1)], [in_between])
    assert verdict == PASS and "within tolerance" in summary and outcome is None


def test_decide_names_the_statistic_and_the_judge_outcome() -> None:
    verdict, summary, outcome = decide([_timed(FAIL, 9.0)], [])
    assert (verdict, outcome) == (FAIL, "too_slow") and "grows 9.0x faster" in summary
    verdict, summary, outcome = decide([_timed(FAIL, 2.0, e=12.0)], [])
    assert (verdict, outcome) == (FAIL, "too_slow") and "12.0 reference-runs more" in summary
    crashed = TimedFamily(name="f", unit="n", n1=1, n2=32, verdict=FAIL, error="KeyError: 3", outcome="runtime_error")
    verdict, summary, outcome = decide([crashed], [])
    assert (verdict, outcome) == (FAIL, "runtime_error") and "KeyError: 3" in summary
    assert decide([_timed(PASS, 1.1)], [])[2] is None


def test_report_lines_are_built_from_the_stored_report() -> None:
    from harness.bench.complexity import ComplexityReport

    timed = TimedFamily(name="gets", unit="n", n1=1000, n2=32000, cand=(0.002, 0.2), ref=(0.001, 0.032), g=3.125,
                        excess=4.25, verdict=FAIL, rounds=5, growths=[3.2, 3.125], ops=(1000, 32000))
    counted = CountedFamily(name="counts", unit="n", n1=1000, n2=16000, cand=(2000, 64000), ref=(2000, 32000), g=2.0,
                            verdict=FAIL, ops=(1000, 16000))
    report = ComplexityReport(problem="lru_cache", target="O(1) per call", verdict=FAIL, summary="s",
                              timed=[timed], counted=[counted], causes=["x.pop(0) shifts (line 3)"])
    assert not hasattr(report, "lines")
    lines = complexity_lines(json.loads(json.dumps(report.to_dict())))
    text = "\n".join(lines)
    assert lines[0] == "target: O(1) per call"
    assert "gets (n 1,000 → 32,000, 32x):" in lines
    assert "G = 3.20 then 3.12, excess E = 4.25" in text
    assert "G > 1.3 and E > 2" in text and "min of 5 interleaved rounds" in text
    assert "counts (n 1,000 → 16,000, deterministic):" in lines and "G = 2.00  → fail" in text
    assert lines[-1] == "likely cause: x.pop(0) shifts (line 3)"
    assert complexity_lines({"lines": ["an old report"]}) == ["an old report"]



def test_a_counted_family_stored_as_unsure_reads_as_inconclusive() -> None:
    # Older logs hold "unsure" for a counted family between its thresholds: one concept now, inconclusive.
    counted = CountedFamily(name="counts", unit="n", n1=1000, n2=16000, cand=(2000, 33000), ref=(2000, 32000), g=1.3,
                            verdict=INCONCLUSIVE)
    stored = ComplexityReport(problem="lru_cache", target="", verdict=PASS, summary="s", counted=[counted]).to_dict()
    stored["counted"][0]["verdict"] = "unsure"
    assert "G = 1.30  → inconclusive" in "\n".join(complexity_lines(stored))


def test_every_redis_guard_warning_has_its_words() -> None:
    from harness import render
    from harness.services.redis import guard as redis_guard

    assert redis_guard.NO_ACLS in render.REDIS_WARNINGS

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
    # A bench, like any run of --file, never changes where you stand.
    stats = json.loads(CliRunner().invoke(cli, ["stats", "--json"]).stdout)["problems"]
    assert next(s for s in stats if s["problem"] == "lru_cache")["best_complexity"] is None


def test_the_plot_shows_time_per_operation() -> None:
    from harness.bench.plot import per_operation

    fam = _timed(PASS, 1.0)
    fam.curve = {"cand": [[1, 0.002, 100], [32, 0.064, 3200]], "ref": [[1, 0.001, 100], [32, 0.032, 3200]]}
    points, per = per_operation(fam)
    assert per == "operation"
    assert points["cand"] == [(1, 2e-05), (32, 2e-05)] and points["ref"] == [(1, 1e-05), (32, 1e-05)]
    # Without call counts (a spec whose run() does not return them), per run.
    fam.curve = {"cand": [[1, 0.002, 0], [32, 0.064, 0]], "ref": [[1, 0.001, 0], [32, 0.032, 0]]}
    points, per = per_operation(fam)
    assert per == "run" and points["cand"] == [(1, 0.002), (32, 0.064)]


def test_a_hopeless_family_is_reported_with_its_figures_not_as_a_cap() -> None:
    from harness.bench.complexity import ComplexityReport

    hopeless = TimedFamily(name="chain", unit="nodes", n1=500, n2=8000, cand=(0.05, 14.4), ref=(0.001, 0.025), g=11.5,
                           slowdown=576.0, verdict=FAIL, outcome="too_slow", growths=[11.5],
                           probe="576x and 590x the reference's time at nodes 8,000 in two runs (G 11.5): far past the thresholds")
    verdict, summary, outcome = decide([hopeless], [])
    assert (verdict, outcome) == (FAIL, "too_slow") and "grows 11.5x faster" in summary and "cap" not in summary
    report = ComplexityReport(problem="dijkstra", target="t", verdict=verdict, summary=summary, timed=[hopeless])
    text = "\n".join(complexity_lines(json.loads(json.dumps(report.to_dict()))))
    assert "far past the thresholds" in text and "yours 50.0 ms → 14.40 s" in text
