"""The judged side: runs in a child process started by harness.judge, never in `drill` itself.

It reads a per-run nonce from stdin, loads the solution, checks it against the
problem's contract, runs the hidden suite under pytest, and streams a report of
JSON lines (each carrying the nonce) to a pipe inherited from the parent. The
parent trusts only that report, never exit codes or printed text.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import linecache
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from harness import catalogue, testing
from harness.limits import TimeLimitExceeded, time_limit
from harness.verdicts import (
    INVALID_SOLUTION,
    MEMORY_LIMIT_EXCEEDED,
    RUNTIME_ERROR,
    TIME_LIMIT_EXCEEDED,
    WRONG_ANSWER,
)

IMPORT_TIME_LIMIT_S = 10.0
OUTPUT_LIMIT = 1000

Emit = Callable[..., None]


def _solution_frames(tb, solution_path: str) -> list[str]:
    """The traceback lines that are in the solution file (the last four)."""
    lines = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if os.path.realpath(code.co_filename) == solution_path:
            # tb_lineno can be None when a signal lands on a loop's jump back.
            lineno = tb.tb_lineno
            where = f"{Path(code.co_filename).name}, line {lineno if lineno is not None else '?'}, in {code.co_name}"
            text = linecache.getline(code.co_filename, lineno).strip() if lineno else ""
            lines.append(f"{where}: {text}" if text else where)
        tb = tb.tb_next
    return lines[-4:]


def _exception_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return testing.show(text, 300) if len(text) > 300 else text


# --- loading the solution -----------------------------------------------------------


def load_solution(problem: catalogue.Problem, path: Path, emit: Emit) -> bool:
    name = path.name
    spec = importlib.util.spec_from_file_location(problem.module, path)
    if spec is None or spec.loader is None:
        emit("load_failed", verdict=INVALID_SOLUTION, message=f"{name} cannot be loaded as a Python module")
        return False
    module = importlib.util.module_from_spec(spec)
    sys.modules[problem.module] = module
    # Helper modules next to the solution are importable; the stdlib still wins.
    sys.path.append(str(path.parent))
    try:
        with time_limit(IMPORT_TIME_LIMIT_S, f"importing {name}"):
            spec.loader.exec_module(module)
    except SyntaxError as exc:
        pointer = ""
        if exc.text:
            pointer = "\n    " + exc.text.rstrip("\n")
            if exc.offset:
                pointer += "\n    " + " " * (exc.offset - 1) + "^"
        emit(
            "load_failed",
            verdict=INVALID_SOLUTION,
            message=f"{name}, line {exc.lineno}: {type(exc).__name__}: {exc.msg}{pointer}",
        )
        return False
    except TimeLimitExceeded:
        emit(
            "load_failed",
            verdict=TIME_LIMIT_EXCEEDED,
            message=f"importing {name} did not finish within {IMPORT_TIME_LIMIT_S:g} s (is there a loop at module level?)",
        )
        return False
    except MemoryError:
        emit("load_failed", verdict=MEMORY_LIMIT_EXCEEDED, message=f"importing {name} ran out of memory")
        return False
    except SystemExit as exc:
        emit(
            "load_failed",
            verdict=INVALID_SOLUTION,
            message=f"importing {name} called exit() / raised SystemExit({exc.code!r}); a solution must only define {_names(problem)}",
        )
        return False
    except BaseException as exc:  # noqa: BLE001 - anything at import makes the file unusable
        frames = _solution_frames(exc.__traceback__, str(path))
        where = f" ({frames[-1]})" if frames else ""
        emit("load_failed", verdict=INVALID_SOLUTION, message=f"importing {name} raised {_exception_text(exc)}{where}")
        return False
    problem_text = check_contract(problem, module, name)
    if problem_text:
        emit("load_failed", verdict=INVALID_SOLUTION, message=problem_text)
        return False
    return True


def _names(problem: catalogue.Problem) -> str:
    return ", ".join(f"{item.kind} {item.name}" for item in problem.contract)


def _signature_problem(fn: Any, params: tuple[str, ...], label: str, *, bound: bool) -> str | None:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    required = [p for p in params if not p.endswith("=")]
    everything = [p.rstrip("=") for p in params]
    leading = [None] if bound else []
    for args in (required, everything):
        try:
            sig.bind(*leading, *([None] * len(args)))
        except TypeError:
            wanted = ", ".join(p.rstrip("=") + ("=…" if p.endswith("=") else "") for p in params)
            return f"{label} must accept ({wanted}); yours is {label}{sig}"
    return None


def check_contract(problem: catalogue.Problem, module: Any, file_name: str) -> str | None:
    for item in problem.contract:
        obj = getattr(module, item.name, None)
        if obj is None:
            return f"{file_name} does not define {item.kind} {item.name} (the contract in `drill show {problem.slug}`)"
        if item.kind == "class":
            if not isinstance(obj, type):
                return f"{item.name} in {file_name} must be a class, not {type(obj).__name__}"
            for method, params in item.methods.items():
                if method == "__init__":
                    trouble = _signature_problem(obj, params, item.name, bound=False)
                else:
                    fn = inspect.getattr_static(obj, method, None)
                    if fn is None or not callable(getattr(obj, method, None)):
                        return f"class {item.name} in {file_name} has no method {method}()"
                    if isinstance(fn, staticmethod):
                        trouble = _signature_problem(fn.__func__, params, f"{item.name}.{method}", bound=False)
                    else:
                        trouble = _signature_problem(getattr(obj, method), params, f"{item.name}.{method}", bound=True)
                if trouble:
                    return trouble
        else:
            if not callable(obj):
                return f"{item.name} in {file_name} must be a function, not {type(obj).__name__}"
            trouble = _signature_problem(obj, item.params, item.name, bound=False)
            if trouble:
                return trouble
    return None


# --- the pytest plugin ------------------------------------------------------------------


def _title(item: Any) -> str:
    doc = inspect.getdoc(getattr(item, "obj", None)) or ""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    return first or item.name.removeprefix("test_").replace("_", " ")


def _short_id(item: Any) -> str:
    return item.nodeid.split("::", 1)[1] if "::" in item.nodeid else item.nodeid


class JudgePlugin:
    def __init__(self, emit: Emit, problem: catalogue.Problem, solution_path: Path) -> None:
        self.emit = emit
        self.problem = problem
        self.solution_path = str(solution_path)
        self.failures: dict[str, dict[str, Any]] = {}
        self.collect_errors: list[str] = []
        self.started: dict[str, float] = {}
        self.frames: dict[str, list[str]] = {}

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self.collect_errors.append(str(report.longrepr)[-2000:])

    def pytest_collection_modifyitems(self, session: Any, config: Any, items: list[Any]) -> None:
        if self.collect_errors:
            self.emit("collect_error", message=self.collect_errors[0])
        self.emit("collected", tests=[{"test": _short_id(i), "title": _title(i)} for i in items])

    def pytest_runtest_logstart(self, nodeid: str, location: Any) -> None:
        self.started[nodeid] = time.perf_counter()
        self.emit("start", test=nodeid.split("::", 1)[-1], limit_s=self.problem.case_time_limit_s)

    def pytest_runtest_setup(self, item: Any) -> None:
        testing.forget_calls()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: Any):
        try:
            with time_limit(self.problem.case_time_limit_s, f"test '{_title(item)}'"):
                return (yield)
        except (TimeLimitExceeded, MemoryError, RecursionError) as exc:
            # These tracebacks can hold entries pytest cannot format (a signal landing on a
            # loop's jump back has no line number) or thousands of frames: keep the lines
            # of the solution, and hand pytest the exception without them.
            self.frames[item.nodeid] = _solution_frames(exc.__traceback__, self.solution_path)
            raise exc.with_traceback(None) from None

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: Any, call: Any):
        report = yield
        if call.excinfo is not None and report.failed and item.nodeid not in self.failures:
            failure = self.describe(item, call.excinfo.value)
            failure["output"] = testing.show(report.capstdout, OUTPUT_LIMIT) if report.capstdout else None
            self.failures[item.nodeid] = failure
            if failure["verdict"] in (TIME_LIMIT_EXCEEDED, MEMORY_LIMIT_EXCEEDED):
                item.session.shouldstop = "a resource limit was hit"
        return report

    def pytest_runtest_logfinish(self, nodeid: str, location: Any) -> None:
        failure = self.failures.get(nodeid)
        self.emit(
            "result",
            test=nodeid.split("::", 1)[-1],
            outcome="failed" if failure else "passed",
            duration_s=round(time.perf_counter() - self.started.get(nodeid, time.perf_counter()), 4),
            failure=failure,
        )

    def pytest_sessionfinish(self, session: Any, exitstatus: int) -> None:
        self.emit("done", exitstatus=int(exitstatus))

    def describe(self, item: Any, exc: BaseException) -> dict[str, Any]:
        title = _title(item)
        frames = self.frames.get(item.nodeid) or _solution_frames(exc.__traceback__, self.solution_path)
        notes = [n for n in getattr(exc, "__notes__", []) if isinstance(n, str)]
        shrunk = "\n".join(notes) if any(n.startswith(("Falsifying", "Failing test case")) for n in notes) else None
        failure: dict[str, Any] = {"test": _short_id(item), "title": title, "traceback": frames}
        if isinstance(exc, TimeLimitExceeded):
            failure.update(verdict=TIME_LIMIT_EXCEEDED, message=str(exc))
        elif isinstance(exc, MemoryError):
            failure.update(verdict=MEMORY_LIMIT_EXCEEDED, message=f"MemoryError: the solution ran out of its {self.problem.memory_limit_mb} MB limit")
        elif isinstance(exc, testing.WrongAnswer):
            failure.update(verdict=WRONG_ANSWER, message=exc.message, input=exc.input, expected=exc.expected, actual=exc.actual)
            if exc.full:
                failure["full"] = exc.full
            if shrunk:
                failure["minimal_example"] = exc.input or shrunk
        elif isinstance(exc, AssertionError):
            failure.update(verdict=WRONG_ANSWER, message=str(exc).splitlines()[0] if str(exc) else "a check failed")
            failure["minimal_example"] = shrunk
        elif isinstance(exc, SystemExit):
            failure.update(verdict=RUNTIME_ERROR, message=f"the solution called exit() / raised SystemExit({exc.code!r}) during this test")
        elif isinstance(exc, NotImplementedError) and frames:
            failure.update(verdict=RUNTIME_ERROR, message=f"{_exception_text(exc)} (this part of the stub is not written yet)")
        elif isinstance(exc, RecursionError):
            failure.update(verdict=RUNTIME_ERROR, message="RecursionError: maximum recursion depth exceeded (deep inputs need an iterative approach)")
        elif frames or type(exc).__name__ == "Flaky" or "Flaky" in type(exc).__name__:
            failure.update(verdict=RUNTIME_ERROR if frames else WRONG_ANSWER, message=_exception_text(exc))
            failure["minimal_example"] = shrunk
        else:
            # Raised in the suite while checking the result: the result had the wrong shape.
            failure.update(verdict=WRONG_ANSWER, message=f"the result could not be checked: {_exception_text(exc)}")
            failure["minimal_example"] = shrunk
        calls = testing.calls_so_far()
        if failure["verdict"] != WRONG_ANSWER and not failure.get("input") and calls is not None:
            # A crash or a limit in the middle of a case: the calls it made so far are its input.
            failure["input"] = str(calls)
            if calls.full() != failure["input"]:
                failure["full"] = {"input": calls.full()}
        if failure.get("minimal_example") and failure.get("input") == failure.get("minimal_example"):
            failure["input"] = None
        return failure


# --- entry point --------------------------------------------------------------------------


def _configure_hypothesis() -> None:
    from hypothesis import HealthCheck, Phase, settings

    settings.register_profile(
        "drill-judge",
        derandomize=True,
        # The explain phase re-runs the shrunk example many times; it cost ~5 s per failure.
        phases=[phase for phase in Phase if phase.name != "explain"],
        database=None,
        deadline=None,
        print_blob=False,
        report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile("drill-judge")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="harness.child")
    parser.add_argument("--problem", required=True)
    parser.add_argument("--solution", required=True)
    parser.add_argument("--events-fd", type=int, required=True)
    args = parser.parse_args(argv)

    # Heavy imports before waiting for the nonce: a child spawned ahead (watch mode) has them done.
    _configure_hypothesis()
    nonce = sys.stdin.readline().strip()
    sys.stdin.close()
    sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process
    channel = os.fdopen(args.events_fd, "w", buffering=1, encoding="utf-8")

    def emit(event: str, **data: Any) -> None:
        channel.write(json.dumps({"nonce": nonce, "event": event, **data}, default=str) + "\n")
        channel.flush()

    problem = catalogue.get(args.problem)
    solution_path = Path(args.solution).resolve()
    testing.configure(module_name=problem.module, reference_path=problem.reference_path)

    if not load_solution(problem, solution_path, emit):
        return 0
    emit("loaded")

    ini = Path(__file__).with_name("judge_pytest.ini")
    pytest.main(
        [
            str(problem.tests_dir),
            "-c", str(ini),
            "--rootdir", str(catalogue.kit_root()),
            "-p", "no:cacheprovider",
            "-p", "no:benchmark",
            # No progress dots: the child's stdout is shown as the solution's output after a crash.
            "-p", "no:terminal",
        ],
        plugins=[JudgePlugin(emit, problem, solution_path)],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
