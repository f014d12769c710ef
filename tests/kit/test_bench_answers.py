"""The bench compares every answer: a rule of the harness (harness/bench/measure.py,
harness/sandbox/benchkit.py), and each real spec folds every call's result into its Answers."""

from __future__ import annotations

import random
import types
from pathlib import Path
from typing import Any

import pytest

from harness.problems import catalogue
from harness.bench import measure
from harness.bench.complexity import ERROR
from harness.problems.catalogue import load_module
from harness.sandbox import benchkit

FIXTURES = Path(__file__).parent / "fixtures" / "bench"


def test_a_spec_whose_run_returns_only_a_count_is_refused(monkeypatch) -> None:
    problem = catalogue.get("lru_cache")
    monkeypatch.setattr(measure, "spec_path", lambda _problem: FIXTURES / "counts_only.py")
    report = measure.measure_complexity_or_error(problem, problem.reference_path)
    assert report.verdict == ERROR
    assert "breaks a rule of the harness" in report.summary and "Answers" in report.summary


def test_a_spec_whose_prepare_would_see_the_timed_part_is_refused_on_load(monkeypatch) -> None:
    problem = catalogue.get("lru_cache")
    monkeypatch.setattr(measure, "spec_path", lambda _problem: FIXTURES / "prepare_sees_timed.py")
    with pytest.raises(measure.BenchError, match="no `timed` builder"):
        measure.load_spec(problem)


def test_every_real_spec_follows_the_rules() -> None:
    for problem in catalogue.problems():
        if measure.has_bench(problem):
            assert benchkit.spec_problem(measure.load_spec(problem)) is None, problem.slug


# The call whose answer is spoiled, per problem: (class or None for a function, method).
SPOILED = {
    "cycle_detection": (None, "find_cycle"),
    "dijkstra": (None, "shortest_paths"),
    "distributed_cache": ("HashRing", "node_for"),
    "lru_cache": ("LRUCache", "get"),
    "top_k_stream": ("TopK", "top"),
    "webhook_delivery": ("Dispatcher", "submit"),
    "window_stats": ("WindowStats", "percentile"),
    "sms_segments": (None, "segments"),
    "send_scheduler": ("Scheduler", "tick"),
}


def test_every_bench_without_redis_is_proven_to_compare_its_answers() -> None:
    """A new problem's bench joins SPOILED: a bench nobody has shown to notice one wrong answer is not trusted."""
    benched = {p.slug for p in catalogue.problems() if (p.benchmarks_dir / "bench.py").is_file() and "redis" not in p.needs}
    assert benched <= SPOILED.keys(), sorted(benched - SPOILED.keys())


def _spoiled(value: Any) -> Any:
    """A different answer of a plausible kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, list):
        return value[:-1] if value else [0]
    if isinstance(value, dict):
        spoiled = dict(value)
        key = next(iter(spoiled))
        spoiled[key] = _spoiled(spoiled[key])
        return spoiled
    return []  # None (no cycle) -> a list that is not a cycle


class OneWrongCall:
    """The reference, with the answer of one call of one method spoiled: the `wrong`-th call made while armed."""

    def __init__(self, reference: types.ModuleType, owner: str | None, method: str) -> None:
        self.calls, self.wrong, self.armed = 0, -1, False
        spy = self
        if owner is None:
            original = getattr(reference, method)

            def function(*args: Any) -> Any:
                return spy.answer(original(*args))

            self.module = types.SimpleNamespace(**{method: function, **{k: v for k, v in vars(reference).items() if k != method}})
        else:
            base = getattr(reference, owner)
            original = getattr(base, method)
            wrapped = type(owner, (base,), {method: lambda obj, *args: spy.answer(original(obj, *args))})
            self.module = types.SimpleNamespace(**{**vars(reference), owner: wrapped})

    def answer(self, value: Any) -> Any:
        if not self.armed:
            return value
        self.calls += 1
        return _spoiled(value) if self.calls == self.wrong else value


@pytest.mark.parametrize("slug", sorted(SPOILED))
def test_one_wrong_answer_in_a_run_changes_its_digest(slug: str) -> None:
    problem = catalogue.get(slug)
    spec = measure.load_spec(problem)
    reference = load_module(f"_answers_reference_{slug}", problem.reference_path)
    for family in [*spec.FAMILIES, *getattr(spec, "COUNT_FAMILIES", [])]:
        n = family.sizes[0]

        def digest(module: Any, spy: OneWrongCall | None) -> str | None:
            setup = family.build(n, random.Random(f"{family.name}/{n}"))
            state = benchkit.set_up(spec, module, setup)
            if spy is not None:
                spy.armed = True
            return benchkit.play(spec, family, module, n, state, setup, "timed seed")[1]

        counting = OneWrongCall(reference, *SPOILED[slug])
        right = digest(counting.module, counting)
        assert right is not None and right == digest(reference, None), (slug, family.name)
        assert counting.calls > 0, f"{slug}: the family {family.name!r} never calls {SPOILED[slug][1]}"
        spy = OneWrongCall(reference, *SPOILED[slug])
        spy.wrong = (counting.calls + 1) // 2
        assert digest(spy.module, spy) != right, (slug, family.name)
