"""The judge's words: the suite runner, drill's side of it (parent.py) and `drill run` (tryout.py).

Standard library only: the suite runner imports it, and rich stays out of it."""

from __future__ import annotations


# --- what a limit is on, as the runner names a budget's `what` (runner.py) ------------------------------

def loading(file_name: str) -> str:
    return f"loading {file_name}"


def test_named(title: str) -> str:
    return f"test '{title}'"


THE_HIDDEN_SUITE = "the hidden suite"
END_OF_THE_HIDDEN_SUITE = "the end of the hidden suite"
FINISHING_THE_HIDDEN_SUITE = "finishing the hidden suite"


# --- the solution's process, as the runner reports it (runner.py) ---------------------------------------

def memory_limit_ran_out(memory_limit_mb: int) -> str:
    return f"MemoryError: the solution ran out of its {memory_limit_mb} MB limit"


# --- the judge's suite runner and drill's side of it (judge/runner.py, judge/parent.py) ---------------

def exception_line(type_name: str, message: str | None) -> str:
    """An exception as one line: `ValueError: capacity must be at least 1`, or the bare type."""
    return f"{type_name}: {message}" if message else type_name


STUB_NOT_WRITTEN = " (this part of the stub is not written yet)"
RECURSION_TOO_DEEP = "RecursionError: maximum recursion depth exceeded (deep inputs need an iterative approach)"
BUSY_SCRIPT_STOPPED = "a Lua script kept the Redis server busy past its time limit (Redis answered BUSY); it was stopped"
A_CHECK_FAILED = "a check failed"
FAILED_WITHOUT_EXCEPTION = "the test failed without an exception"
TEST_DID_NOT_FINISH = "the test did not run to its end (skipped or interrupted), so it does not count as passed"
REPORT_INCOMPLETE = "the judge's report is incomplete"
HARNESS_NOT_IMPORTABLE = "the judge cannot import the harness package; install the kit with `pip install -e .`"
NOT_LOADED_AGAIN = "the solution could not be loaded again after its process ended"
NOT_LOADED_ELSEWHERE = "the solution could not be loaded in another process"


def exited_during_test(message: str) -> str:
    return f"the solution called exit() / raised SystemExit({message}) during this test"


def cross_slot(detail: str) -> str:
    return (f"on the Redis Cluster, one command, script or transaction used keys in more than one hash slot ({detail}); "
            "keys used together need one hash tag: only the part in braces is hashed, so {user42}:log and {user42}:seq "
            "share a slot (and a script must name every key it touches in KEYS)")


def flaky_answers(first_line: str) -> str:
    return f"the solution gave different answers to the same calls: {first_line}"


def result_not_checkable(text: str) -> str:
    return f"the result could not be checked: {text}"


def runner_not_started(why: object) -> str:
    return f"cannot start the judge's suite runner: {why}"


def suite_not_collected(slug: str, error: str) -> str:
    return f"the hidden suite for {slug} could not be collected: {error.splitlines()[-1]}"


def runner_stopped_early(killed: bool, returncode: int | None, stderr_tail: str) -> str:
    what = "the judge's suite runner stopped" + (" (killed after hanging)" if killed else f" (exit status {returncode})")
    return f"{what} before the tests began: {stderr_tail.strip().splitlines()[-1:] or ''}"


def suite_without_tests(slug: str) -> str:
    return f"the hidden suite for {slug} has no tests"


def judge_fault(title: str, message: str) -> str:
    return f"during test '{title}': {message}"


def stopped_hanging(what: str) -> str:
    return f"{what} ran past its time limit and was stopped (the loop did not return to Python, so it was killed)"


def killed_during(what: str) -> str:
    return f"the process was killed (SIGKILL) during {what}, most likely for using too much memory"


def segfault_during(what: str) -> str:
    return f"the interpreter crashed (SIGSEGV) during {what}; usually recursion far deeper than the stack allows"


def signal_during(signal: str, what: str) -> str:
    return f"the process died from signal {signal} during {what}"


def exited_during(returncode: int | None, what: str) -> str:
    return f"the process exited (status {returncode}) during {what}; a solution must return, not exit"


# --- `drill run` (judge/tryout.py) ---------------------------------------------------------------

TOO_DEEP_TO_SHOW = "(too deep to show)"


def redis_not_emptied(why: object) -> str:
    return f"cannot empty the Redis database before a case: {why}"


def fake_fails(call: int) -> str:
    return f"fake: call {call} fails, as the case asks"


def made_object(class_name: str) -> str:
    """What a constructor that should have raised gave instead."""
    return f"<{class_name} object>"


def redis_warning_unstyled(code: str) -> str:
    """A guard's warning code about the user's Redis server, when no view was handed in (parent.show_redis_warnings_with)."""
    return f"warning: Redis: {code}"
