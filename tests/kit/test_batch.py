"""harness.authoring.testing's Batch, call_many and generated() as a suite uses them: on objects of this
process (the path without a worker), and a generated input through a real worker."""

from __future__ import annotations

import pytest

from harness.authoring import testing
from harness.authoring.testing import Batch, CallLog, WrongAnswer, call_many


class Counter:
    """Counts up; add(n) with n < 1 raises ValueError, add("boom") raises KeyError."""

    def __init__(self, broken_add: bool = False, wrong_at: int | None = None) -> None:
        self.total, self.broken_add, self.wrong_at = 0, broken_add, wrong_at

    def add(self, n):
        if n == "boom":
            raise KeyError(n)
        if n < 1 and not self.broken_add:
            raise ValueError("n must be at least 1")
        self.total += n
        return self.total + (1 if self.total == self.wrong_at else 0)


@pytest.fixture(autouse=True)
def _no_worker():
    testing.configure(module=None, workers=None, reference_path=None)  # type: ignore[arg-type]
    yield
    testing._current.clear()  # as before: other kit tests start from an unconfigured module


def _batch(counter: Counter) -> tuple[Batch, CallLog]:
    log = CallLog()
    return Batch(counter, log), log


def test_a_call_that_must_raise_ends_the_batch_and_passes_when_it_raises() -> None:
    batch, log = _batch(Counter())
    batch.call("add", 1, expect=1, case="add(1)")
    batch.call("add", 2, expect=3, case="add(2)")
    batch.call_raises("add", 0, raises=ValueError, case="add(0) must raise")
    assert batch.steps == [] and len(log.calls) == 3


def test_a_call_that_must_raise_and_returns_is_a_wrong_answer() -> None:
    batch, log = _batch(Counter(broken_add=True))
    batch.call("add", 1, expect=1, case="add(1)")
    with pytest.raises(WrongAnswer, match="add\\(0\\) must raise") as caught:
        batch.call_raises("add", 0, raises=ValueError, case="add(0) must raise")
    assert caught.value.expected == "raises ValueError" and caught.value.actual == "returned 1"


def test_a_call_that_raises_another_type_is_a_wrong_answer() -> None:
    batch, _ = _batch(Counter())
    with pytest.raises(WrongAnswer) as caught:
        batch.call_raises("add", "boom", raises=ValueError, case="add('boom') must raise")
    assert str(caught.value.actual).startswith("raised KeyError")


def test_an_earlier_call_that_raises_is_not_the_expected_raise() -> None:
    batch, log = _batch(Counter())
    batch.call("add", "boom", expect=None, case="add('boom')")
    batch.call("add", 1, expect=1, case="add(1)")
    with pytest.raises(KeyError):
        batch.call_raises("add", 0, raises=ValueError, case="add(0) must raise")
    assert len(log.calls) == 1  # the input shown ends at the call that raised


def test_a_wrong_answer_before_the_raise_is_reported_first() -> None:
    batch, log = _batch(Counter(wrong_at=3))
    batch.call("add", 1, expect=1, case="add(1)")
    batch.call("add", 2, expect=3, case="add(2) returned the wrong total")
    with pytest.raises(WrongAnswer, match="add\\(2\\) returned the wrong total"):
        batch.call_raises("add", 0, raises=ValueError, case="add(0) must raise")
    assert len(log.calls) == 2


def test_call_many_here_says_how_far_it_got_when_a_call_raises() -> None:
    with pytest.raises(KeyError) as caught:
        call_many(Counter(), [("add", (1,)), ("add", (2,)), ("add", ("boom",)), ("add", (3,))])
    assert caught.value.completed == 2 and caught.value.values == [1, 3]


# --- generated() inputs and call_many(summary=...) --------------------------------------------


def test_generated_calls_are_built_by_the_worker_and_only_their_summary_comes_back(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import shutil

    from harness.problems import catalogue
    from harness.worker import proxies as remote
    from harness.worker.loading import contract_of
    from harness.judge.runner import Workers
    from harness.sandbox import protocol

    problem = catalogue.get("lru_cache")
    folder = tmp_path / "solution"
    folder.mkdir()
    shutil.copy(problem.reference_path, folder / problem.file)
    workers = Workers(problem, folder, problem.file)
    workers.start_main()
    try:
        assert "ok" in workers.load(workers.main)
        testing.configure(module=None, workers=workers, reference_path=problem.reference_path, inputs_path=problem.inputs_path)
        calls = testing.generated("mixed_calls", 50, 2_000, 7)()
        sent: list[dict] = []
        frame = protocol.request_frame
        monkeypatch.setattr(protocol, "request_frame", lambda message: sent.append(message) or frame(message))
        cache = remote.RemoteModule(problem.module, contract_of(problem), workers.current).LRUCache(50)
        got = call_many(cache, calls, summary="hits_and_checksum")
        reference = catalogue.load_module("_kit_lru_reference", problem.reference_path).LRUCache(50)
        expected = testing.inputs().hits_and_checksum(calls, [getattr(reference, m)(*a) for m, a in calls])
        assert tuple(got) == expected and expected[0] > 0
        many = [m for m in sent if m.get("op") == "many"]
        assert len(many) == 1 and "calls" not in many[0] and many[0]["generate"] == ["mixed_calls", [50, 2_000, 7]]
    finally:
        workers.close()


def test_without_a_worker_generated_and_summary_run_here(tmp_path) -> None:
    inputs = tmp_path / "inputs.py"
    inputs.write_text("def adds(n):\n    return [('add', (i,)) for i in range(1, n + 1)]\n\n"
                      "def last(calls, results):\n    return results[-1]\n")
    testing.configure(module=None, workers=None, reference_path=None, inputs_path=inputs)  # type: ignore[arg-type]
    calls = testing.generated("adds", 4)()
    assert calls == [("add", (1,)), ("add", (2,)), ("add", (3,)), ("add", (4,))]
    assert call_many(Counter(), calls, summary="last") == 10


def test_a_summary_as_returned_sees_the_objects_themselves(tmp_path) -> None:
    """A list one object hands out twice: the summary sees one object with as_returned, and two
    copies (taken on return) without it."""
    from harness.problems import catalogue
    from harness.judge.runner import Workers
    from harness.worker import proxies as remote
    from harness.worker.loading import contract_of

    problem = catalogue.get("webhook_delivery")
    folder = tmp_path / "solution"
    folder.mkdir()
    (folder / problem.file).write_text(
        "class Dispatcher:\n"
        "    def __init__(self, send, max_attempts=5, base_delay_s=1.0, dedupe_window_s=86400):\n"
        "        self._dead = []\n"
        "    def submit(self, event_id, endpoint, payload, now):\n        return True\n"
        "    def tick(self, now):\n        return None\n"
        "    def dead_letters(self):\n        return self._dead\n"
        "    def pending(self):\n        return 0\n")
    workers = Workers(problem, folder, problem.file)
    workers.start_main()
    try:
        assert "ok" in workers.load(workers.main)
        testing.configure(module=None, workers=workers, reference_path=problem.reference_path, inputs_path=problem.inputs_path)
        dispatcher = remote.RemoteModule(problem.module, contract_of(problem), workers.current).Dispatcher(None)
        calls = [("dead_letters", ()), ("pending", ()), ("dead_letters", ())]
        assert call_many(dispatcher, calls, summary="lists_returned_twice", as_returned=True) == [[0, 2]]
        assert call_many(dispatcher, calls, summary="lists_returned_twice") == []
        with pytest.raises(ValueError):
            call_many(dispatcher, calls, as_returned=True)
    finally:
        workers.close()
