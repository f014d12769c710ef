"""`drill reveal --pytest`: a failing hidden case as a small standalone pytest file.

The failure keeps the case's input as the calls it made (`LRUCache(2); put(1, 1); get(2)`,
`shortest_paths(graph, 'A') with graph = {...}`), its expected value and what the solution
returned. Those are read as Python (never run here): calls of the problem's contract become
calls on the user's module, the last call is checked against the expected value. A case that
is not a plain replay (a Redis server, another process, a clock, an object the suite builds,
an input too long to be kept in full) is refused with one line that says why.
"""

from __future__ import annotations

import ast
import builtins
import io
import keyword
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.problems.catalogue import Problem
from harness.practice import messages
from harness import words

MARK = "# Written by `drill reveal --pytest`"
# Names a case's input may use beside the contract's and the ones it binds itself.
CONSTANTS = {"nan": "from math import nan", "inf": "from math import inf"}
_CUT = ("characters in all)", "more calls …")  # words.cut_short, words.calls_elided
# Verdicts whose case has no expected value to check: replaying the calls fails the same way.
REPLAY_ALONE = ("runtime_error", "time_limit_exceeded", "memory_limit_exceeded")


class NotStandalone(Exception):
    """The case cannot be written as a standalone file; the message says why, in one line."""


@dataclass
class Step:
    expr: str  # the call (or value), `solution.` and the receiver already in place
    target: str | None = None  # the name it is bound to
    raises: str | None = None  # the exception the call raised in the judge (`-> ValueError`)

    @property
    def code(self) -> str:
        return f"{self.target} = {self.expr}" if self.target else self.expr


def _split(text: str, op: str) -> list[str]:
    """`text` cut at `op` tokens outside brackets (and never inside a string)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError) as exc:
        raise NotStandalone(messages.repro_not_python(text)) from exc
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    parts, depth, begin = [], 0, 0
    for tok in tokens:
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        elif depth == 0 and tok.type in (tokenize.OP, tokenize.NAME) and tok.string == op:
            at = starts[tok.start[0] - 1] + tok.start[1]
            parts.append(text[begin:at])
            begin = at + len(op)
    parts.append(text[begin:])
    return [p.strip() for p in parts]


def _parse(text: str, mode: str) -> ast.AST:
    try:
        return ast.parse(text, mode=mode)
    except SyntaxError as exc:
        raise NotStandalone(messages.repro_not_python(text)) from exc


class _Builder:
    def __init__(self, problem: Problem) -> None:
        self.contract = {item.name for item in problem.contract}
        self.bound: set[str] = set()
        self.imports: set[str] = set()
        self.receiver: str | None = None  # the object the bare method calls go to

    def names_known(self, node: ast.AST, text: str) -> None:
        """Every name the code reads is bound, a constant or a builtin: never the suite's objects."""
        for sub in ast.walk(node):
            if isinstance(sub, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Await, ast.NamedExpr)):
                raise NotStandalone(messages.repro_not_python(text))
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                if sub.id in CONSTANTS:
                    self.imports.add(CONSTANTS[sub.id])
                elif sub.id not in self.bound and sub.id not in self.contract and not hasattr(builtins, sub.id):
                    raise NotStandalone(messages.repro_unknown_name(sub.id))

    def call(self, text: str) -> Step:
        """One call of the input as a statement on the user's module."""
        tree = _parse(text, "exec")
        body = getattr(tree, "body", [])
        if len(body) != 1:
            raise NotStandalone(messages.repro_not_python(text))
        stmt = body[0]
        target = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.Expr):
            value = stmt.value
        else:
            raise NotStandalone(messages.repro_not_python(text))
        if not isinstance(value, ast.Call):
            if target is None:
                raise NotStandalone(messages.repro_not_python(text))
            self.names_known(value, text)  # a binding: `graph = {...}`
            self.bound.add(target)
            return Step(ast.get_source_segment(text, value) or "", target)
        func = value.func
        for arg in [*value.args, *(k.value for k in value.keywords)]:
            self.names_known(arg, text)
        args = (ast.get_source_segment(text, value) or "")[len(ast.get_source_segment(text, func) or ""):]
        if isinstance(func, ast.Name) and func.id in self.contract:
            code = f"solution.{func.id}{args}"
            if target is None and func.id[:1].isupper():  # a class: the calls that follow go to this object
                target = "obj"
        elif isinstance(func, ast.Name):
            if self.receiver is None:
                raise NotStandalone(messages.repro_unknown_name(func.id))
            code = f"{self.receiver}.{func.id}{args}"
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.bound:
            code = f"{func.value.id}.{func.attr}{args}"
        else:
            raise NotStandalone(messages.repro_not_python(text))
        if target is not None:
            self.bound.add(target)
            if isinstance(func, ast.Name) and func.id in self.contract:
                self.receiver = target
        return Step(code, target)


def _exception_name(text: str) -> str | None:
    """`ValueError` (a builtin exception's name), else None."""
    text = text.strip()
    found = getattr(builtins, text, None) if text.isidentifier() else None
    return text if isinstance(found, type) and issubclass(found, BaseException) else None


def _case_input(failure: dict[str, Any]) -> str:
    full = failure.get("full") or {}
    text = full.get("input") or failure.get("input") or failure.get("minimal_example")
    if not text:
        raise NotStandalone(messages.REPRO_NO_INPUT)
    if any(mark in text for mark in _CUT):
        raise NotStandalone(messages.REPRO_INPUT_CUT)
    return text


def steps(problem: Problem, failure: dict[str, Any]) -> tuple[list[Step], set[str]]:
    """The case's calls as statements, and the imports they need."""
    if "redis" in problem.needs:
        raise NotStandalone(messages.repro_needs_redis(problem.slug))
    builder = _Builder(problem)
    out: list[Step] = []
    for segment in _split(_case_input(failure), ";"):
        if not segment:
            continue
        call_part, *noted = _split(segment, "->")
        call_part, *bindings = _split(call_part, "with")
        for binding in bindings:  # `f(graph, 'A') with graph = {...}`: the bindings come first
            out.append(builder.call(binding))
        step = builder.call(call_part)
        step.raises = _exception_name(noted[0]) if noted else None
        out.append(step)
    if not out:
        raise NotStandalone(messages.REPRO_NO_INPUT)
    return out, builder.imports


def _expected(failure: dict[str, Any], builder_names: set[str], verdict: str) -> tuple[str | None, str | None]:
    """(the expected value as code, the exception it must raise), or (None, None) for a case that
    failed by crashing or by a limit (the call itself fails the file); else NotStandalone."""
    full = failure.get("full") or {}
    text = full.get("expected") or failure.get("expected")
    if text is None:
        if verdict in REPLAY_ALONE:
            return None, None
        raise NotStandalone(messages.REPRO_NO_EXPECTED)
    if any(mark in text for mark in _CUT):
        raise NotStandalone(messages.REPRO_INPUT_CUT)
    must_raise = re.fullmatch(re.escape(words.expected_raise("X")).replace("X", r"(\w+)"), text)
    if must_raise and _exception_name(must_raise.group(1)):
        return None, must_raise.group(1)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise NotStandalone(messages.repro_expected_described(text)) from exc
    for sub in ast.walk(tree):
        if isinstance(sub, ast.Name) and sub.id not in CONSTANTS and sub.id not in builder_names and not hasattr(builtins, sub.id):
            raise NotStandalone(messages.REPRO_NO_EXPECTED)
    return text, None


def _cpu_limit(problem: Problem, message: str) -> float:
    """The CPU-time limit the judge stopped the case at (its message says it), else the problem's."""
    found = re.search(r"limit of ([0-9.]+) s of CPU time", message)
    return float(found.group(1)) if found else problem.case_time_limit_s


def pytest_source(problem: Problem, run: dict[str, Any], solution: Path, test_file: Path) -> str:
    """The text of `test_file`: `solution` imported by its path, the calls, the check of the last one."""
    name, test_folder = test_file.name, test_file.parent
    failure = run["first_failure"] or {}
    calls, imports = steps(problem, failure)
    expected, must_raise = _expected(failure, set(CONSTANTS), run["verdict"])
    if expected is not None and any(n in expected for n in CONSTANTS):
        imports |= {CONSTANTS[n] for n in CONSTANTS if re.search(rf"\b{n}\b", expected)}
    timed = run["verdict"] == "time_limit_exceeded"
    if timed:
        imports.add("import time")
    module = solution.stem if solution.stem.isidentifier() and not keyword.iskeyword(solution.stem) else "solution_under_test"
    message = str(failure.get("message") or "")
    # Beside the test file: found wherever the folder is moved; else where the run found it.
    where = f"Path(__file__).with_name({solution.name!r})" if solution.parent == test_folder else f"Path({str(solution)!r})"
    lines = [
        f'"""{problem.slug}: the failing hidden case of run #{run["id"]} ({run["verdict"]}), replayed on your file.',
        "",
        f"    {_doc(failure.get('title') or failure.get('test') or '')}",
        "",
        f"Run it with `pytest -p no:cacheprovider -o addopts= {name}` (-o addopts=: not the kit's own pytest",
        "settings), or under your IDE's debugger. It imports your solution",
        "as it is now, not the bytes that run judged.",
        '"""',
        MARK,
        "",
        "import importlib.util",
        "import sys",
        "from pathlib import Path",
        *sorted(imports),
        *(["", "import pytest"] if must_raise or any(c.raises for c in calls) else []),
        "",
        f"SOLUTION = {where}",
        f"_spec = importlib.util.spec_from_file_location({module!r}, SOLUTION)",
        "solution = importlib.util.module_from_spec(_spec)",
        f"sys.modules[{module!r}] = solution",
        "_spec.loader.exec_module(solution)",
        "",
        "",
        f"def test_{_identifier(failure.get('test') or 'case')}():",
    ]
    if timed:
        lines.append(f"    # The judge stopped this case past {_cpu_limit(problem, message):g} s of CPU time (all of the case's calls).")
        lines.append("    started = time.process_time()")
    elif run["verdict"] == "memory_limit_exceeded":
        lines.append("    # The judge stopped this case at its memory limit: here it runs with no limit.")
    *setup, last = calls
    for step in setup:
        lines += _step_lines(step)
    if timed:
        limit = _cpu_limit(problem, message)
        lines += _step_lines(last)
        lines += ["    spent = time.process_time() - started",
                  f"    assert spent <= {limit!r}, f\"{{spent:.2f}} s of CPU time; the judge's limit was {limit:g} s\""]
    elif must_raise is not None:
        lines += [f"    with pytest.raises({must_raise}):", f"        {last.code}"]
    elif last.raises is not None or expected is None:
        lines += _step_lines(last)
    else:
        lines += [f"    result = {last.expr}", f"    expected = {expected}", f"    assert result == expected, {message!r}"]
    return "\n".join(lines) + "\n"


def _step_lines(step: Step) -> list[str]:
    if step.raises:
        return [f"    with pytest.raises({step.raises}):", f"        {step.code}"]
    return [f"    {step.code}"]


def _doc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', "'''")


def _identifier(text: str) -> str:
    name = re.sub(r"\W+", "_", text.removeprefix("test_")).strip("_") or "case"
    return name if not name[0].isdigit() else f"case_{name}"


def file_name(problem: Problem, run: dict[str, Any]) -> str:
    return f"test_{problem.slug}_run{run['id']}.py"


def write(path: Path, text: str) -> bool:
    """Write the file; False if it is there already with this text. A file with other text is
    never replaced (the user may have edited it): FileExistsError."""
    if path.exists():
        if path.read_text(encoding="utf-8", errors="replace") == text:
            return False
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:  # never over a file that appeared meanwhile
        out.write(text)
    return True
