"""Absolute speed of every reference solution on its complexity-benchmark families.

pytest-benchmark is the engine here (pedantic mode, process time, JSON export), for
maintainers tracking the references across changes:

    pytest benchmarks --benchmark-enable --benchmark-timer=time.process_time --benchmark-json=reference-speed.json

In the kit's default test run benchmarking is disabled, so each case runs once: a smoke
test that every benchmark spec still builds its inputs and runs its reference.
"""

from __future__ import annotations

import random

import pytest

from harness.problems import catalogue
from harness.bench import has_bench
from harness.bench.measure import spec_path
from harness.problems.catalogue import load_module
from harness.judge import judge_environment
from harness.sandbox import benchkit

CASES = [
    pytest.param(problem, family, id=f"{problem.slug}-{family.name}")
    for problem in catalogue.problems()
    if has_bench(problem)
    for family in load_module(f"_speed_spec_{problem.slug}", spec_path(problem)).FAMILIES
]


@pytest.fixture
def problem_environment(request, monkeypatch):
    problem = request.node.callspec.params["problem"]
    with judge_environment(problem) as env:  # the spec's redis_url() reads it, as inside a worker
        for key, value in (env.to_environ() if env is not None else {}).items():
            monkeypatch.setenv(key, value)
        yield


@pytest.mark.parametrize("problem, family", CASES)
def test_reference_speed(benchmark, problem, family, problem_environment) -> None:
    spec = load_module(f"_speed_spec_{problem.slug}", spec_path(problem))
    reference = load_module(f"_speed_reference_{problem.slug}", problem.reference_path)
    n = family.sizes[1]
    setup = family.build(n, random.Random(f"{family.name}/{n}"))
    benchmark.extra_info.update(problem=problem.slug, family=family.name, size=n, unit=family.unit)
    # The untimed part of the spec (prepare) runs as pytest-benchmark's setup, once per round;
    # the timed part is built inside the timed call, as in the bench.
    benchmark.pedantic(lambda state: benchkit.play(spec, family, reference, n, state, setup, "timed"),
                       setup=lambda: ((benchkit.set_up(spec, reference, setup),), {}), rounds=5, warmup_rounds=1)
