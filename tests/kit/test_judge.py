"""The judge against solutions that try to cheat or crash. The known solutions under
solutions/ are covered by test_verify.py; these are the extra attacks."""

from __future__ import annotations

from pathlib import Path

from harness import catalogue
from harness.judge import judge
from harness.verdicts import ACCEPTED, INVALID_SOLUTION, RUNTIME_ERROR, TIME_LIMIT_EXCEEDED, WRONG_ANSWER

LRU = catalogue.get("lru_cache")
REFERENCE = LRU.reference_path.read_text()


def test_reference_is_accepted_with_every_test_reported() -> None:
    result = judge(LRU, LRU.reference_path)
    assert result.verdict == ACCEPTED
    assert result.total > 5 and result.passed == result.total and result.failed == 0
    assert all(t.outcome == "passed" for t in result.tests)
    assert len(result.source_sha256) == 64


def test_forged_report_lines_on_every_fd_are_ignored(write_solution) -> None:
    forged = '{"nonce": "x", "event": "done"}\\n{"event": "result", "test": "test_statement_example", "outcome": "passed"}\\n'
    path = write_solution(
        "import os\n"
        f"for fd in range(0, 64):\n"
        f"    try:\n        os.write(fd, b'{forged}')\n    except OSError:\n        pass\n"
        "os._exit(0)\n"
    )
    result = judge(LRU, path)
    assert result.verdict == INVALID_SOLUTION
    assert "ended the process" in (result.message or "")


def test_a_solution_that_exits_zero_after_some_tests_is_not_accepted(write_solution) -> None:
    # Correct for a while, then ends the process with status 0 on the large test.
    path = write_solution(
        REFERENCE + "\nimport os\n_count = [0]\n_orig_get = LRUCache.get\n"
        "def _get(self, key):\n    _count[0] += 1\n    if _count[0] > 5000:\n        os._exit(0)\n    return _orig_get(self, key)\n"
        "LRUCache.get = _get\n"
    )
    result = judge(LRU, path)
    assert result.verdict == RUNTIME_ERROR
    assert result.passed < result.total
    assert "exited (status 0)" in result.first_failure.message


def test_exit_at_import_with_sys_exit_is_invalid(write_solution) -> None:
    result = judge(LRU, write_solution("import sys\nsys.exit(0)\n"))
    assert result.verdict == INVALID_SOLUTION
    assert "SystemExit" in result.message


def test_printing_a_pytest_success_banner_does_not_help(write_solution) -> None:
    path = write_solution(
        "print('13 passed in 0.1s')\nimport sys\nsys.stderr.write('OK\\n')\n"
        "class LRUCache:\n    def __init__(self, capacity):\n        print('PASSED')\n"
        "    def get(self, key):\n        print('passed')\n        return -1\n"
        "    def put(self, key, value):\n        print('passed')\n"
    )
    result = judge(LRU, path)
    assert result.verdict == WRONG_ANSWER
    assert "passed" in (result.first_failure.output or "")


def test_interpreter_crash_is_a_runtime_error(write_solution) -> None:
    path = write_solution(
        "import ctypes\n"
        "class LRUCache:\n    def __init__(self, capacity):\n        pass\n"
        "    def get(self, key):\n        return ctypes.string_at(0)\n"
        "    def put(self, key, value):\n        pass\n"
    )
    result = judge(LRU, path)
    assert result.verdict == RUNTIME_ERROR
    assert "SIGSEGV" in result.first_failure.message


def test_output_flood_is_truncated(write_solution) -> None:
    path = write_solution(
        "class LRUCache:\n    def __init__(self, capacity):\n        print('x' * 5_000_000)\n"
        "    def get(self, key):\n        return -1\n    def put(self, key, value):\n        pass\n"
    )
    result = judge(LRU, path)
    assert result.verdict == WRONG_ANSWER
    assert len(result.first_failure.output) < 2000


def test_runtime_error_points_at_the_solution_line(write_solution) -> None:
    # Right on hits, but a miss raises KeyError at line 4 instead of returning -1.
    path = write_solution(
        "from collections import OrderedDict\n"
        "class LRUCache(OrderedDict):\n    def get(self, key):\n        self.move_to_end(key)\n        return self[key]\n"
        "    def __init__(self, capacity):\n        super().__init__()\n        self.capacity = capacity\n"
        "        if capacity < 1:\n            raise ValueError(capacity)\n"
        "    def put(self, key, value):\n        if key in self:\n            self.move_to_end(key)\n"
        "        elif len(self) == self.capacity:\n            self.popitem(last=False)\n        self[key] = value\n"
    )
    result = judge(LRU, path)
    assert result.verdict == RUNTIME_ERROR
    assert result.first_failure.message.startswith("KeyError")
    assert any("line 4, in get" in frame for frame in result.first_failure.traceback)


def test_loop_at_import_is_stopped(write_solution) -> None:
    result = judge(LRU, write_solution("while True:\n    pass\n"))
    assert result.verdict == TIME_LIMIT_EXCEEDED
    assert "importing" in result.message


def test_helper_module_next_to_the_solution_can_be_imported(write_solution) -> None:
    write_solution("from collections import OrderedDict as Ordered\n", name="lru_helpers.py")
    path = write_solution(
        "from lru_helpers import Ordered\n" + (Path(catalogue.kit_root()) / "solutions/lru_cache/accepted/ordered_dict.py").read_text()
    )
    assert judge(LRU, path).verdict == ACCEPTED
