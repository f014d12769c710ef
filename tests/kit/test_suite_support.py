"""The rate limiter suite's scenario runner (tests/rate_limiter/rl_support.py: run_together, Stage),
driven with scenarios made here: no Redis, no candidate."""

from __future__ import annotations

import importlib.util
import sys
import time

import pytest

from harness import catalogue

pytest.importorskip("redis")


def _rl_support():
    spec = importlib.util.spec_from_file_location("_kit_rl_support", catalogue.kit_root() / "tests/rate_limiter/rl_support.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_scenario_left_unfinished_runs_again_alone_after_the_servers_are_emptied() -> None:
    """One scenario's error ends the joint run; the first test's scenario, left half done, runs
    again in that same test, and must not find the keys its unfinished run wrote."""
    rl = _rl_support()
    server: set[str] = set()  # stands in for the Redis server's keys
    seen_at_start: list[set[str]] = []

    def first():  # the first test's scenario: writes a key, waits, checks
        seen_at_start.append(set(server))
        server.add("boundary-0")
        yield time.monotonic() + 0.02
        yield time.monotonic()

    def breaks():  # another test's scenario: the candidate raises in it
        yield time.monotonic() + 0.005
        raise RuntimeError("the candidate raised")

    stage = rl.Stage({"first": first, "breaks": breaks}, reset=server.clear)
    stage.check("first")  # the joint run ends at the error; "first" runs again, alone
    assert seen_at_start == [set(), set()]
    with pytest.raises(RuntimeError, match="the candidate raised"):
        stage.check("breaks")  # its own outcome, in its own test


def test_a_scenario_never_decided_is_a_judge_fault_of_its_own_not_a_pass() -> None:
    from harness.authoring import testing

    rl = _rl_support()

    def never_decided():
        for _ in range(rl.ATTEMPTS):
            yield rl._clock()  # every attempt too far off its schedule to decide anything
        rl.undecided("a scenario the machine could not time", rl.ATTEMPTS)

    def still_running():
        for _ in range(3 * rl.ATTEMPTS):
            yield rl._clock()

    outcomes = rl.run_together({"never": never_decided, "other": still_running})
    assert isinstance(outcomes["never"], testing.JudgeFault) and "too busy" in str(outcomes["never"])
    assert outcomes["other"] is None  # the other scenario ran on to its end
