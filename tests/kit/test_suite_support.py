"""The rate limiter suite's scenario runner (tests/rate_limiter/rl_support.py: run_together, Stage),
driven with scenarios made here: no Redis, no candidate."""

from __future__ import annotations

import importlib.util
import sys
import time

import pytest

from harness.problems import catalogue

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


def test_a_scenario_never_decided_is_undecided_on_its_own_not_a_pass() -> None:
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
    assert isinstance(outcomes["never"], testing.Undecided) and "too busy" in str(outcomes["never"])
    assert outcomes["other"] is None  # the other scenario ran on to its end


# --- a limit set from the reference's time is checked once it is known --------------------------


class _Clock:
    """A worker whose CPU time the test moves by hand."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.killed: list[str] = []

    def cpu_s(self) -> float:
        return self.cpu

    def kill(self, why: str) -> None:
        self.killed.append(why)


def _channel_on(clock: _Clock):
    from harness.worker.channel import Channel

    channel = object.__new__(Channel)  # the limits only: no worker process behind it
    channel.process, channel.budgets, channel.excluded_cpu = clock, [], 0.0
    channel.excluding_since, channel.dead, channel.nogc = None, None, False
    return channel


@pytest.mark.parametrize("ahead", [False, True], ids=["side-by-side", "reference-timed-ahead"])
def test_calls_that_answered_before_the_limit_was_known_are_held_to_it(monkeypatch: pytest.MonkeyPatch, ahead: bool) -> None:
    """Before: the candidate's answers were checked only while they came in; an answer that came
    before the reference's time was known (side by side), or CPU time spent between answers,
    was never held to the limit, so 3 s of CPU against a limit of 1 s passed."""
    from harness.authoring import testing
    from harness.limits import TimeLimitExceeded

    clock = _Clock()
    channel = _channel_on(clock)

    class Workers:
        def current(self):
            return channel

    monkeypatch.setitem(testing._current, "workers", Workers())

    def candidate() -> str:
        clock.cpu += 3.0  # the worker's CPU time for the calls, as the kernel would count it
        return "the right answer"

    reference = testing.ReferenceAhead(lambda: "the right answer")
    if ahead:
        reference.timed()  # built before the save (watch mode): the candidate then runs alone
    with pytest.raises(TimeLimitExceeded, match="1.0"):
        testing.within_reference_budget(candidate, reference, what="the large case", floor_s=1.0)
    assert clock.killed == ["time limit"] and channel.budgets == [] and not channel.nogc

    clock.cpu, clock.killed = 0.0, []
    fast = _channel_on(clock)
    monkeypatch.setitem(testing._current, "workers", type("W", (), {"current": lambda self: fast})())

    def quick() -> str:
        clock.cpu += 0.5
        return "the right answer"

    assert testing.within_reference_budget(quick, testing.ReferenceAhead(lambda: 1), what="the large case") == "the right answer"
    assert clock.killed == []
