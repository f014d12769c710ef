"""The complexity verdict logic and the likely-cause look, on fixed numbers (no timing here:
the timing itself is exercised against real solutions by test_verify.py)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from click.testing import CliRunner

from harness.problems.catalogue import kit_root
from harness.cli import cli
from harness.bench.complexity import (
    BUILD,
    FAIL,
    PREPARE,
    RUN,
    INCONCLUSIVE,
    PASS,
    ComplexityReport,
    CountedFamily,
    TimedFamily,
    classify_count,
    classify_hidden,
    classify_time,
    decide,
    excess,
    growth,
    likely_causes,
    marginal_growth,
    settle_time,
    spec_calls,
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


def test_a_cost_the_same_in_every_run_cancels_in_the_marginal_growth() -> None:
    sizes = (1024, 5793, 32768)
    ref = [1e-6 * n for n in sizes]  # linear
    same_class = [3e-6 * n for n in sizes]
    slower_class = [1e-6 * n * (n / 1024) ** 0.65 for n in sizes]  # G = 32 ** 0.65 = 9.5 over n1 -> n2
    for pad in (0.0, 0.007, 0.5):  # seconds added to every run, up to 10x the reference's run at n2
        gd, ed = marginal_growth([t + pad for t in same_class], ref)
        assert abs(gd - 1.0) < 1e-9 and abs(ed) < 1e-9
        gd, ed = marginal_growth([t + pad for t in slower_class], ref)
        assert 2.5 < gd < 3.5 and ed > 5  # about sqrt(G): each half spans half of the log-range
        assert classify_hidden((gd, ed), (gd, ed)) == FAIL
    # G and E, from the two ends only, are diluted by the same padding into a pass.
    padded = [t + 0.007 for t in slower_class]
    assert classify_time(growth((padded[0], padded[2]), (ref[0], ref[2])), excess((padded[0], padded[2]), (ref[0], ref[2]))) == PASS
    # The reference not growing leaves nothing to compare; no marginal cost at the small sizes is infinite growth.
    assert marginal_growth([1.0, 2.0, 3.0], [1.0, 1.0, 2.0]) == (1.0, 0.0)
    assert marginal_growth([1.0, 0.9, 3.0], [1.0, 2.0, 3.0])[0] == math.inf


def test_the_hidden_growth_is_decided_only_when_best_and_second_best_agree() -> None:
    slow, same, between = (3.0, 8.0), (1.05, 0.2), (1.8, 1.0)
    assert classify_hidden(slow, slow) == FAIL and classify_hidden(same, same) == PASS
    assert classify_hidden(slow, same) == INCONCLUSIVE and classify_hidden(same, slow) == INCONCLUSIVE
    assert classify_hidden(between, between) == INCONCLUSIVE
    assert classify_hidden((1.31, 2.01), (1.31, 2.01)) == FAIL  # the excess clause, as in classify_time
    assert classify_hidden((2.01, 0.5), (2.01, 0.5)) == FAIL  # G_d over sqrt(4)


def test_a_hidden_growth_fail_is_worded_and_its_third_size_shown() -> None:
    fam = TimedFamily(name="always evicting: every put is a new key", unit="capacity", n1=1024, n2=32768,
                      cand=(0.0081, 0.468), ref=(0.00103, 0.0466), g=1.28, excess=2.18, slowdown=10.1, verdict=FAIL,
                      outcome="too_slow", rounds=14, growths=[1.28], rule="hidden growth", mid=5793,
                      mid_cand=(0.0081, 0.034, 0.468), mid_ref=(0.00103, 0.0082, 0.0466), hidden=(3.1, 7.7))
    verdict, summary, outcome = decide([fam], [])
    assert (verdict, outcome) == (FAIL, "too_slow") and "3.1x" in summary and "5,793" in summary
    report = ComplexityReport(problem="lru_cache", target="O(1)", verdict=verdict, summary=summary, timed=[fam])
    lines = complexity_lines(report.to_dict())
    assert any("third size, 1,024 → 5,793 → 32,768" in line for line in lines), lines
    assert any("G_d = 3.10, E_d = 7.70  → fail (at the third size, G_d > 2" in line for line in lines), lines


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
                              timed=[timed], counted=[counted], causes=["x.pop(0) shifts (line 3)"],
                              timed_calls=["LRUCache()", "LRUCache.get", "LRUCache.put"])
    assert not hasattr(report, "lines")
    lines = complexity_lines(json.loads(json.dumps(report.to_dict())))
    text = "\n".join(lines)
    assert lines[0] == "target: O(1) per call"
    # What was timed, and per what: the totals per run divided by the calls each run made.
    assert lines[1].startswith("timed: your calls to LRUCache(), get and put")
    assert "gets (n 1,000 → 32,000, 32x; 1,000 → 32,000 calls per run):" in lines
    assert "  time per call (process time, best of 5 rounds):" in lines
    assert "    yours     2.0 µs → 6.2 µs (x3.1)" in lines and "    reference 1.0 µs → 1.0 µs (x1.0)" in lines
    assert "G = 3.20 then 3.12, excess E = 4.25" in text
    assert "G > 1.3 and E > 2" in text
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
    causes = likely_causes(source, ["LRUCache.get"])
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
    causes = " | ".join(likely_causes(source, ["top", "dijkstra"]))
    assert "sorted(...) in top()" in causes
    assert "min(...) inside a loop" in causes


def test_clean_code_has_no_causes_and_bad_syntax_is_ignored() -> None:
    assert likely_causes("def f(d, k):\n    return d.get(k)\n", ["f"]) == []
    assert likely_causes("def f(:\n", ["f"]) == []


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
    assert per == "call"
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
    assert "far past the thresholds" in text and "yours     50.0 ms → 14.40 s" in text and "time per run" in text


# --- likely causes come from what was measured ---------------------------------------------------

KIT = kit_root()


def _source(slug: str, name: str) -> str:
    return (KIT / "solutions" / slug / name).read_text()


def _calls(slug: str, function: str = "run") -> list[str]:
    from harness.problems import catalogue
    from harness.bench.measure import spec_path

    problem = catalogue.get(slug)
    return spec_calls(spec_path(problem).read_text(), function, problem.contract)


def test_every_bench_names_what_its_run_times_from_the_contract() -> None:
    from harness.problems import catalogue
    from harness.bench.measure import has_bench

    for problem in catalogue.problems():
        if not has_bench(problem):
            continue
        calls = _calls(problem.slug)
        names = {item.name for item in problem.contract} | {f"{item.name}.{m}" for item in problem.contract for m in item.methods}
        assert calls and all(c.removesuffix("()") in names for c in calls), (problem.slug, calls)
    assert _calls("distributed_cache") == ["HashRing.node_for"]
    assert _calls("distributed_cache", "prepare") == ["HashRing()"]
    assert _calls("lru_cache") == ["LRUCache()", "LRUCache.get", "LRUCache.put"]


def test_a_cause_is_looked_for_only_where_the_timed_calls_reach() -> None:
    timed = _calls("distributed_cache")
    reference = _source("distributed_cache", "accepted/sorted_points.py")
    # Sorting on every lookup is named, in node_for, where it is.
    causes = likely_causes(_source("distributed_cache", "too_slow/resort_every_lookup.py"), timed, reference=reference)
    assert len(causes) == 1 and "node_for()" in causes[0] and "sort" in causes[0]
    # add_node may rebuild and re-sort (the statement allows it), and the constructor is set-up:
    # neither is blamed for the lookups' cost, in any accepted ring.
    for name in ("point_sets.py", "sorted_points.py", "insort_pairs.py"):
        assert likely_causes(_source("distributed_cache", f"accepted/{name}"), timed, reference=reference) == [], name
    set_up_heavy = (KIT / "tests" / "kit" / "fixtures" / "bench" / "distributed_cache_slow_set_up.py").read_text()
    assert likely_causes(set_up_heavy, timed, reference=reference) == []
    # Without knowing what is timed, nothing is named rather than a guess.
    assert likely_causes(_source("distributed_cache", "too_slow/resort_every_lookup.py"), []) == []


def test_a_fail_in_the_set_up_names_no_cause_in_the_code() -> None:
    source = "class LRUCache:\n    def get(self, key):\n        return self.order.pop(0)\n"
    assert likely_causes(source, ["LRUCache.get"], RUN) != []
    assert likely_causes(source, ["LRUCache.get"], PREPARE) == []
    assert likely_causes(source, ["LRUCache.get"], BUILD) == []


def test_a_pattern_the_reference_also_has_is_not_a_cause() -> None:
    # send_scheduler's reference sorts in tick() (the s messages it sends) and takes a min() in a
    # loop: the statement allows both, so a slow solution doing the same is not blamed for them.
    timed = _calls("send_scheduler")
    reference = _source("send_scheduler", "accepted/bucket_heap.py")
    assert any("sorted" in c for c in likely_causes(reference, timed))
    assert likely_causes(reference, timed, reference=reference) == []
    other = likely_causes(_source("send_scheduler", "too_slow/ring_front_by_min.py"), timed, reference=reference)
    assert not any("sorted" in c for c in other)


def test_causes_reach_through_helpers_and_constructed_classes_only() -> None:
    source = (
        "from bisect import insort\n"
        "class Node:\n"
        "    def __init__(self):\n"
        "        self.items = sorted([3, 1, 2])\n"      # set-up of a class nothing timed constructs
        "    def __lt__(self, other):\n"
        "        return self.items.pop(0) < 1\n"      # run by comparisons: reached with its class
        "class Stats:\n"
        "    def __init__(self):\n"
        "        self.values = []\n"
        "    def record(self, v):\n"
        "        self._keep(v)\n"
        "    def _keep(self, v):\n"
        "        insort(self.values, v)\n"
        "        del self.values[:1]\n"
        "    def rebuild(self):\n"
        "        self.values.sort()\n"               # never called by record: not named
        "    def first(self):\n"
        "        return Node() < Node()\n"
    )
    text = " | ".join(likely_causes(source, ["Stats.record"]))
    assert "bisect.insort" in text and "line 13" in text and "del self.values[...]" in text
    assert "sort()" not in text and "pop(0)" not in text and "sorted" not in text
    text = " | ".join(likely_causes(source, ["Stats.first"]))
    assert "pop(0)" in text and "line 6" in text and "sorted" in text  # Node() constructed: its __init__ runs


def test_a_fail_in_the_set_up_is_not_worded_as_a_timed_run() -> None:
    lookups = "5,000 lookups of random keys on a ring of n nodes x 100 points"
    capped = TimedFamily(name=lookups, unit="nodes", n1=16, n2=256, verdict=FAIL, outcome="too_slow", g=float("inf"),
                         stage=PREPARE, failed_at=256, error="your set-up calls at size 256: ran past its limit")
    verdict, summary, outcome = decide([capped], [], setup_calls=["HashRing()"], timed_calls=["HashRing.node_for"])
    assert (verdict, outcome) == (FAIL, "too_slow")
    # Said once, naming the set-up that was slow, never the lookups the family is named after (it
    # said "before any timed call (not timed, but capped) (5,000 lookups of random keys ...)").
    assert summary == ("your set-up calls (HashRing()) at nodes 256 ran past their cap (set-up is not timed, only capped), "
                       "so node_for never ran")
    assert "set-up calls at nodes 256 ran past their cap" in decide([capped], [])[1] and lookups not in decide([capped], [])[1]
    built = TimedFamily(name="lookups", unit="nodes", n1=16, n2=256, verdict=FAIL, outcome="too_slow", g=float("inf"),
                        stage=BUILD, failed_at=16, probe="stopped before the timed calls")
    assert "building the input at nodes 16" in decide([built], [])[1]
    run = TimedFamily(name="lookups", unit="nodes", n1=16, n2=256, verdict=FAIL, outcome="too_slow", g=float("inf"),
                      failed_at=64, probe="stopped at its cap")
    assert "one timed run at nodes 64 ran past its cap" in decide([run], [])[1]


def test_the_report_says_the_set_up_is_not_timed_and_how_many_sizes_were_measured() -> None:
    fam = TimedFamily(name="lookups", unit="nodes", n1=16, n2=256, cand=(0.005, 0.08), ref=(0.005, 0.006), g=13.3,
                      verdict=FAIL, rounds=7, growths=[13.3], ops=(5000, 5000))
    report = ComplexityReport(problem="distributed_cache", target="t", verdict=FAIL, summary="s", timed=[fam],
                              timed_calls=["HashRing.node_for"], setup_calls=["HashRing()"], sizes=5)
    lines = complexity_lines(report.to_dict())
    assert "timed: your calls to node_for, beside the reference's; set-up before them (not timed, but capped): HashRing()" in lines
    assert "lookups (nodes 16 → 256, 16x; 5,000 calls per run):" in lines
    assert "    yours     1.0 µs → 16.0 µs (x16.0)" in lines
    assert any("measured at 5 sizes" in line and "first and the last" in line for line in lines)


def test_one_call_per_run_is_singular_and_the_headline_says_which_g_it_gives() -> None:
    """"1 calls per run"; a too_slow headline "grows 8.4x faster" beside "G = 8.53 then 8.36" never said
    that it gives the milder of the two failing measurements."""
    fam = TimedFamily(name="records", unit="n", n1=1000, n2=32000, cand=(0.002, 0.2), ref=(0.001, 0.012), g=8.36,
                      verdict=FAIL, rounds=5, growths=[8.53, 8.36], ops=(1, 1))
    lines = complexity_lines(ComplexityReport(problem="window_stats", target="t", verdict=FAIL, summary="s", timed=[fam]).to_dict())
    assert "records (n 1,000 → 32,000, 32x; 1 call per run):" in lines
    headline = decide([fam], [])[1]
    assert "8.4x faster" in headline and "the milder of two failing measurements" in headline
    once = TimedFamily(name="records", unit="n", n1=1000, n2=32000, g=8.36, verdict=FAIL, growths=[8.36])
    assert "milder" not in decide([once], [])[1]


def test_the_terminal_report_fits_80_columns() -> None:
    from io import StringIO

    from rich.console import Console

    from harness.render.terminal import complexity

    fam = TimedFamily(name="one key, n events in the window, a percentile every 4 records", unit="events in the window",
                      n1=8000, n2=256000, cand=(0.006, 0.065), ref=(0.006, 0.0077), g=8.02, excess=7.39, slowdown=8.4,
                      verdict=FAIL, rounds=12, growths=[8.02, 8.34], ops=(2500, 2500))
    report = ComplexityReport(problem="window_stats", target="record in O(log n) amortised (expiry included), percentile in O(log n)",
                              verdict=FAIL, summary="running time grows 8.0x faster than the reference's (one key, n events)",
                              timed=[fam], timed_calls=["WindowStats.record", "WindowStats.percentile"],
                              causes=["bisect.insort finds the place in O(log n) but inserting shifts the list: O(n) per call (line 40)"])
    out = StringIO()
    complexity(Console(file=out, width=80, force_terminal=False, color_system=None), report.to_dict())
    printed = out.getvalue().splitlines()
    assert max(len(line) for line in printed) <= 80, printed
    assert any(line.startswith("      ") for line in printed)  # a wrapped line's rest is indented under it
    assert any("line 40" in line for line in printed)


def _plotted(verdict: str, g: float) -> ComplexityReport:
    sizes = [8000, 19027, 45255, 107635, 256000]
    ref = [[n, 0.006 * (n / 8000) ** 0.08, 2500] for n in sizes]
    cand = [[n, 0.006 * (n / 8000) ** (0.08 + math.log(g) / math.log(32)), 2500] for n in sizes]
    fam = TimedFamily(name="one key, n events in the window, a percentile every 4 records", unit="events in the window",
                      n1=8000, n2=256000, cand=(cand[0][1], cand[-1][1]), ref=(ref[0][1], ref[-1][1]), g=g, verdict=verdict,
                      ops=(2500, 2500), curve={"cand": cand, "ref": ref})
    return ComplexityReport(problem="window_stats", target="record in O(log n) amortised (expiry included), percentile in "
                            "O(log n); n = events in the window", verdict=verdict, outcome="too_slow" if verdict == FAIL else None,
                            summary="running time grows 8.0x faster than the reference's (one key, n events in the window, "
                            "a percentile every 4 records)", timed=[fam], timed_calls=["WindowStats.record", "WindowStats.percentile"], sizes=5)


@pytest.mark.parametrize("first_ratio", [0.1, 0.5, 1.0, 3.0, 20.0])
@pytest.mark.parametrize("g", [1.0, 1.2, 1.5, 2.4, 3.5, 4.5, 8.0])
def test_the_too_slow_band_holds_the_last_point_exactly_when_the_rule_fails_it(first_ratio: float, g: float) -> None:
    """The band is the decision rule's, all of it (G, E and the slowdown), not G > 4 alone: before, a
    candidate failed by E > 2 at G = 3.5 sat outside the band, and the band began at your first point."""
    from harness.bench.complexity import classify_time, excess, growth, slowdown
    from harness.bench.plot import too_slow_boundary

    ref = [(n, 1e-6 * (n / 1000) ** 0.1) for n in (1000, 4000, 32000)]
    cand = [(n, first_ratio * ref[0][1] * (r / ref[0][1]) * g ** (i / 2)) for i, (n, r) in enumerate(ref)]
    boundary = too_slow_boundary(cand, ref)
    ends_c, ends_r = (cand[0][1], cand[-1][1]), (ref[0][1], ref[-1][1])
    fails = classify_time(growth(ends_c, ends_r), excess(ends_c, ends_r), slowdown(ends_c[1], ends_r[1])) == FAIL
    assert (cand[-1][1] > boundary[-1][1]) == fails, (first_ratio, g)
    # The reference's line is inside only where reaching its time would fail you: from over 4x
    # faster than it at the first size, that is G > 4. At the first size, the band starts above your point.
    assert all((r > b) == (first_ratio < 1 / 4) for (_, r), (_, b) in zip(ref[1:], boundary[1:]))
    assert boundary[0][1] > cand[0][1]


def test_the_plot_labels_its_ticks_and_keeps_every_word_inside_the_picture(tmp_path) -> None:
    pytest.importorskip("matplotlib")
    from harness.bench.plot import draw, nice_ticks

    assert len(nice_ticks(2.2e-6, 3.1e-6)) >= 3 and len(nice_ticks(1e-6, 1e-2)) >= 3
    for verdict, g in ((FAIL, 8.0), (PASS, 1.1)):
        fig = draw(_plotted(verdict, g))
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        box = fig.bbox
        texts = [t for t in fig.findobj(matplotlib_text()) if t.get_visible() and t.get_text().strip()]
        words = " ".join(t.get_text() for t in texts)
        assert f"Complexity: {verdict}" in words and "5 sizes" in words and "time per call" in words
        for t in texts:
            extent = t.get_window_extent(renderer)
            assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1 and extent.y0 >= box.y0 - 1 and extent.y1 <= box.y1 + 1, t.get_text()
        ax = fig.axes[0]
        assert sum(1 for label in ax.get_yticklabels() if label.get_text()) >= 3
        assert [label.get_text() for label in ax.get_xticklabels()] == ["8,000", "19,027", "45,255", "107,635", "256,000"]
        assert any("µs" in label.get_text() for label in ax.get_yticklabels())


def matplotlib_text() -> type:
    from matplotlib.text import Text

    return Text


@pytest.mark.parametrize(("g", "e", "sd", "verdict", "clause"), [
    (3.5, 2.5, 3.5, FAIL, "fail (G > 1.3 and E > 2)"),
    (2.0, 0.5, 30.0, FAIL, "fail (over 25x the reference's time)"),
    (9.1, 6.5, 7.4, FAIL, "fail (G > 4)"),
    (2.0, 0.5, 1.5, PASS, "pass (G < 2.5, no fail rule met)"),
    (3.0, 1.0, 2.0, "inconclusive", "inconclusive (G between 2.5 and 4)"),
    (2.0, 3.0, 30.0, FAIL, "fail (over 25x the reference's time)"),  # the clause decide()'s summary names too
])
def test_the_report_says_which_rule_decided_and_that_the_fail_rules_come_first(g: float, e: float, sd: float, verdict: str,
                                                                                clause: str) -> None:
    """Before: "(fail: G > 4, or G > 1.3 and E > 2, ...; else pass: G < 2.5)" read as if G = 2.0 with E = 3 passed.
    The clause is the one the bench recorded (time_rule), which decide()'s summary words too."""
    from harness.bench.complexity import classify_time, decide, time_rule

    assert classify_time(g, e, sd) == verdict  # the clause the report names is the decision's own
    fam = TimedFamily(name="lookups", unit="n", n1=1000, n2=32000, cand=(1e-3, 2e-3), ref=(1e-3, 1e-3), g=g, excess=e, slowdown=sd,
                      verdict=verdict, rounds=7, growths=[g], rule=time_rule(verdict, g, e, sd))
    lines = complexity_lines(ComplexityReport(problem="p", target="t", verdict=verdict, summary="s", timed=[fam]).to_dict())
    assert any(line.endswith(f"→ {clause}") for line in lines), lines
    if verdict == FAIL:
        summary = decide([fam], [])[1]
        assert ("x the reference's time" in clause) == ("slower" in summary), summary
    stored_before = {k: v for k, v in fam.__dict__.items() if k != "rule"}  # a report stored before the bench recorded it
    old = complexity_lines(ComplexityReport(problem="p", target="t", verdict=verdict, summary="s", timed=[TimedFamily(**stored_before)]).to_dict())
    assert any(line.endswith(f"→ {verdict}") for line in old), old
    rule = ("rule for each timed family: fail if G > 4, or G > 1.3 and E > 2, or over 25x the reference's time; if none of "
            "these, pass if G < 2.5, else inconclusive; a pass counts at once, a fail in two of up to three measurements; "
            "a pass over 2x the reference's time is measured again at a third size, where a cost the same in every run "
            "cancels (G_d and E_d: the same rule on the time each step adds, G's limits square-rooted)")
    twice = ComplexityReport(problem="p", target="t", verdict=verdict, summary="s", timed=[fam, fam]).to_dict()
    assert rule in lines and complexity_lines(twice).count(rule) == 1


def test_a_too_slow_result_says_its_summary_once() -> None:
    from io import StringIO

    from rich.console import Console

    from harness.pipeline import with_complexity
    from harness.render.terminal import result
    from harness.verdicts import ACCEPTED, JudgeResult

    summary = "your set-up calls (HashRing()) at nodes 256 ran past their cap (set-up is not timed, only capped), so node_for never ran"
    fam = TimedFamily(name="5,000 lookups", unit="nodes", n1=16, n2=256, verdict=FAIL, outcome="too_slow", g=float("inf"), stage=PREPARE,
                      failed_at=256, probe="stopped before the timed calls")
    report = ComplexityReport(problem="distributed_cache", target="t", verdict=FAIL, outcome="too_slow", summary=summary, timed=[fam])
    passed = JudgeResult(problem="distributed_cache", verdict=ACCEPTED, file="f.py", source_sha256="0" * 64, passed=3, total=3)
    out = StringIO()
    result(Console(file=out, width=200, soft_wrap=True, color_system=None), with_complexity(passed, report))
    printed = out.getvalue()
    assert printed.count(summary) == 1 and "Complexity: ✗ fail" in printed
    benched = StringIO()  # drill bench has no verdict message above: its report says the summary
    from harness.render.terminal import complexity

    complexity(Console(file=benched, width=200, soft_wrap=True, color_system=None), report.to_dict())
    assert benched.getvalue().count(summary) == 1


def test_a_process_and_redis_timer_is_the_workers_cpu_time_plus_the_servers_not_a_wall_clock() -> None:
    """rate_limiter's spec (TIMER = "process+redis"): a run is the worker's CPU time plus the Redis
    server's time running commands. Its wall clock failed a correct WATCH/MULTI limiter on the
    excess rule with both cores busy (each round trip waited longer at the larger size)."""
    from types import SimpleNamespace

    from harness.bench import measure as bench_measure
    from harness.bench import messages as bench_messages
    from harness.problems import catalogue

    spec = bench_measure.load_spec(catalogue.get("rate_limiter"))
    assert spec.TIMER == "process+redis"
    clocks = {"cpu": 1.0, "server": 10.0, "wall": 100.0}
    side = SimpleNamespace(channel=SimpleNamespace(process=SimpleNamespace(cpu_s=lambda: clocks["cpu"])))
    m = bench_measure.Measure(catalogue.get("rate_limiter"), spec, side, side, False, None)
    m.server_time = lambda: clocks["server"]
    family = SimpleNamespace(timer=None)
    timer = m._timer(family, side)
    start = timer()
    clocks.update(cpu=1.5, server=10.25, wall=200.0)
    assert timer() - start == pytest.approx(0.75)
    process_only = bench_measure.Measure(catalogue.get("lru_cache"), SimpleNamespace(), side, side, False, None)
    assert process_only.server_time is None and process_only._timer(family, side)() == 1.5
    assert "Redis server" in bench_messages.TIMER_PROCESS_AND_REDIS


def test_a_runs_wall_backstop_grows_with_the_references_wall_time_at_that_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's wall backstop (which stops a run that waits without working) was 3 x its CPU cap
    + 10 s: at least 16 s. A rate limiter's run waits for Redis ~10,000 times; with both cores
    busy that took longer than 16 s and a correct file's probe failed (G inf). The backstop now
    adds WALL_PER_REFERENCE x the reference's wall time at that size, measured just before."""
    from types import SimpleNamespace

    from harness.bench import measure as bench_measure
    from harness.problems import catalogue

    clock = {"t": 0.0}
    budgets: list[tuple[str, Any]] = []

    def side(who: str, waits_s: float) -> Any:
        def request(message: dict, budget: Any) -> dict:
            budgets.append((who, budget))
            clock["t"] += waits_s
            return {"check": ["digest"], "value": 1, "count": 1}
        return SimpleNamespace(who=who, request=request, channel=SimpleNamespace(process=SimpleNamespace(cpu_s=lambda: 0.0)))

    monkeypatch.setattr(bench_measure, "time", SimpleNamespace(monotonic=lambda: clock["t"], perf_counter=lambda: clock["t"]))
    problem = catalogue.get("rate_limiter")
    ref, cand = side("ref", 30.0), side("cand", 40.0)
    m = bench_measure.Measure(problem, bench_measure.load_spec(problem), cand, ref, False, None)
    m.server_time = lambda: 0.0
    family = SimpleNamespace(timer=None, name="waits", unit="limit")
    m.run(ref, family, 1024, 1, "probe", 2.0)
    m.run(cand, family, 1024, 1, "probe", 2.0)
    m.run(cand, family, 16, 1, "probe", 2.0)  # no reference run at this size yet: the plain backstop
    (_, ref_budget), (_, cand_budget), (_, unknown) = budgets
    assert ref_budget.wall_s == unknown.wall_s == 3 * 2.0 + 10
    assert cand_budget.wall_s == 3 * 2.0 + 10 + bench_measure.WALL_PER_REFERENCE * 30.0
    assert cand_budget.cpu_s == 2.0  # the CPU cap is unchanged
