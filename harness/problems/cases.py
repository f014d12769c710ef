"""`drill run`'s cases: the statement's examples (problems/<slug>/examples.toml) and your own
(a cases file), in one format, and what a run of them found (plain data for render/ and --json).

A cases file is TOML: a list of [[case]] tables, each with a `name` and `calls`, a script of
calls, one per line, as the statement writes them:

    [[case]]
    name = "evicts the least recently used key"
    calls = '''
    cache = LRUCache(2)          # a constructor; its object is `cache` for the lines below
    cache.put(1, 1)              # a call with no expectation: what it returns is shown
    cache.get(1) -> 1            # `-> value`: the expected return value (a Python literal)
    graph = {"a": ["b"]}         # a name for a value, usable in the lines below
    LRUCache(0) -> raises ValueError
    '''

`-> A or B` accepts either answer. `fake(...)` is a function to hand the solution (a callback
it calls; see `Fake`). Values are Python literals only: the file is read with the tokenizer,
`ast` and `ast.literal_eval`; nothing in it is executed, in drill or anywhere else. The calls
are checked against the problem's contract before anything runs.
"""

from __future__ import annotations

import ast
import builtins
import io
import tokenize
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from harness.problems.catalogue import Problem
from harness.problems import messages

CASES_SUFFIX = ".cases.toml"  # the workspace's own cases file: lru_cache.py -> lru_cache.cases.toml
MAX_CASES_BYTES = 256 * 1024


class CasesError(Exception):
    """A cases file that cannot be used: one line, naming the file, the case and the line."""


# --- what a script holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """An object an earlier line of the case made (`cache` in `cache.get(1)`)."""

    name: str


@dataclass(frozen=True)
class Fake:
    """`fake(returns=None, raises="ConnectionError", fail_first=0, fail_for=[...])`: a function the
    script hands the solution. It runs in drill (the solution calls it back across the boundary,
    with plain data): its first `fail_first` calls raise the builtin exception `raises`, and so does
    every call whose first argument is in `fail_for`; the others return `returns`."""

    returns: Any = None
    raises: str = "ConnectionError"
    fail_first: int = 0
    fail_for: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RedisRef:
    """`redis()` / `redis(i)`: a client of the run's Redis server i, for problems that need one."""

    index: int = 0


@dataclass
class Step:
    """One line of a case's script."""

    line: int                 # in the file (or in the script, when the file's text could not be matched)
    text: str                 # the call (or the binding) as written, on one line
    bind: str | None          # `name = ...`
    kind: str                 # "value" (a name for a literal), "new" (a constructor), "call" (a function or a method)
    target: str | None = None  # the object a method is called on
    name: str = ""            # the class, function or method
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    expect: tuple[Any, ...] | None = None  # the accepted answers; None: nothing expected
    expect_text: str | None = None  # how a run shows the expectation
    raises: str | None = None  # an exception the call must raise

    @property
    def checked(self) -> bool:
        return self.expect is not None or self.raises is not None


@dataclass
class Case:
    name: str
    origin: str  # "examples" or the path of the user's file
    steps: list[Step]


# --- which cases a run has ---------------------------------------------------------------------


EXAMPLES = "examples"  # the origin of the statement's examples


def own_cases_path(solution: Path) -> Path:
    """The cases file beside a solution: lru_cache.py -> lru_cache.cases.toml."""
    return solution.with_name(solution.stem + CASES_SUFFIX)


def cases_for(problem: Problem, solution: Path, cases_file: Path | None, *, workspace: Path | None = None,
              examples: bool = True) -> tuple[list[Case], list[str]]:
    """The statement's examples, then your cases, and the files they came from. Your cases are
    `cases_file`, else the cases file beside the solution, else the workspace's for the problem
    (`drill run --file elsewhere.py` still runs them), if there is one. Raises CasesError."""
    cases: list[Case] = []
    sources: list[str] = []
    if examples and problem.examples_path.is_file():
        cases += read_cases(problem.examples_path, problem, origin=EXAMPLES, label=messages.examples_label(problem.slug))
        sources.append(str(problem.examples_path))
    own = cases_file
    if own is None:
        found = [p for p in (own_cases_path(solution), workspace and own_cases_path(workspace / problem.file)) if p and p.is_file()]
        own = found[0] if found else own_cases_path(solution)
    if cases_file is not None or own.is_file():
        cases += read_cases(own, problem, label=str(own))
        sources.append(str(own))
    if not cases:
        raise CasesError(messages.no_cases(problem.slug, own))
    return cases, sources


def template(problem: Problem) -> str:
    """What `drill start` puts beside the solution: the format, and the first example, commented out."""
    first = ""
    if problem.examples_path.is_file():
        text = problem.examples_path.read_text(encoding="utf-8")
        parts = text.split("[[case]]")
        if len(parts) > 1:
            first = "[[case]]" + parts[1].rstrip() + "\n"
    return messages.cases_template(problem.slug, _helper_lines(problem, first), messages.cases_template_example(first))


def _helper_lines(problem: Problem, example: str) -> list[str]:
    """The helpers a script of this problem uses (fake(), redis()), told where the example first shows them."""
    lines = []
    if "fake(" in example:
        lines.append(messages.CASES_FAKE_HELPER)
    if "redis" in problem.needs:
        lines.append(messages.cases_redis_helper(problem.redis_servers))
    return lines


# --- reading a file ---------------------------------------------------------------------------


def read_cases(path: Path, problem: Problem, *, origin: str | None = None, label: str | None = None) -> list[Case]:
    """The cases of `path`, checked against `problem`'s contract. Raises CasesError in one line."""
    label = label or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CasesError(messages.no_cases_file(label)) from None
    except IsADirectoryError:
        raise CasesError(messages.cases_file_is_a_folder(label)) from None
    except OSError as exc:
        raise CasesError(messages.cases_file_unreadable(label, exc.strerror)) from None
    if len(data) > MAX_CASES_BYTES:
        raise CasesError(messages.cases_file_too_large(label, len(data), MAX_CASES_BYTES))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CasesError(messages.cases_file_not_utf8(label, exc.reason, exc.start)) from None
    return parse_cases(text, problem, origin=origin or str(path), label=label)


def parse_cases(text: str, problem: Problem, *, origin: str, label: str) -> list[Case]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CasesError(messages.cases_file_not_toml(label, exc)) from None
    unknown = sorted(set(doc) - {"case"})
    if unknown:
        raise CasesError(messages.cases_file_unknown_key(label, unknown[0]))
    raw_cases = doc.get("case", [])
    if not isinstance(raw_cases, list) or not all(isinstance(c, dict) for c in raw_cases):
        raise CasesError(messages.cases_not_tables(label))
    cases = []
    for number, raw in enumerate(raw_cases, 1):
        name = raw.get("name", messages.case_default_name(number))
        where = messages.case_location(label, number)
        extra = sorted(set(raw) - {"name", "calls"})
        if extra:
            raise CasesError(messages.case_unknown_key(where, extra[0]))
        if not isinstance(name, str):
            raise CasesError(messages.case_name_not_text(where))
        calls = raw.get("calls")
        if not isinstance(calls, str):
            raise CasesError(messages.case_calls_not_text(where, name))
        offset = _line_offset(text, calls)
        where = messages.case_location(label, number, name)
        steps = parse_script(calls, problem, where=where, line_offset=offset)
        if not steps:
            raise CasesError(messages.case_without_calls(where))
        cases.append(Case(name=name, origin=origin, steps=steps))
    return cases


def _line_offset(text: str, calls: str) -> int | None:
    """The file line just before the script's first line, if the script appears verbatim."""
    index = text.find(calls) if calls.strip() else -1
    return text.count("\n", 0, index) if index >= 0 else None


# --- reading a script -------------------------------------------------------------------------


def parse_script(script: str, problem: Problem, *, where: str, line_offset: int | None = 0) -> list[Step]:
    """The steps of one case's script; every name checked against the contract and the lines above."""
    classes = {c.name: c for c in problem.contract if c.kind == "class"}
    functions = {c.name for c in problem.contract if c.kind != "class"}
    objects: dict[str, str] = {}  # name -> class
    values: dict[str, Any] = {}
    steps = []
    for first_line, text, arrow in _logical_lines(script, where):
        line = first_line + line_offset if line_offset is not None else first_line
        at = messages.script_line_location(where, line, in_file=line_offset is not None)

        def bad(message: str) -> CasesError:
            return CasesError(messages.script_line_error(at, _one_line(text), message))

        call_text, expect_text = (text[:arrow], text[arrow + 2:]) if arrow is not None else (text, None)
        try:
            tree = ast.parse(call_text.strip(), mode="exec")
        except SyntaxError as exc:
            raise bad(messages.script_not_a_call(exc.msg)) from None
        if len(tree.body) != 1:
            raise bad(messages.SCRIPT_ONE_CALL)
        stmt = tree.body[0]
        bind: str | None = None
        if isinstance(stmt, ast.Assign):
            if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
                raise bad(messages.SCRIPT_ASSIGN_ONE_NAME)
            bind = stmt.targets[0].id
            node = stmt.value
        elif isinstance(stmt, ast.Expr):
            node = stmt.value
        else:
            raise bad(messages.SCRIPT_NOT_A_LINE)
        shown = _one_line(call_text.strip())
        step = Step(line=line, text=shown, bind=bind, kind="call")
        if bind is not None and bind in classes.keys() | functions | {"fake", "redis"}:
            raise bad(messages.script_name_taken(bind))
        if isinstance(node, ast.Call) and not _is_helper(node):
            func = node.func
            if isinstance(func, ast.Name):
                step.name = func.id
                if func.id in classes:
                    step.kind = "new"
                elif func.id not in functions:
                    if func.id in objects or func.id in values:
                        raise bad(messages.script_call_of_an_object(func.id))
                    raise bad(messages.script_not_in_contract(func.id, problem.slug, sorted(classes.keys() | functions)))
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                owner, method = func.value.id, func.attr
                if owner not in objects:
                    raise bad(messages.script_no_such_object(owner))
                cls = classes[objects[owner]]
                methods = sorted(m for m in cls.methods if m != "__init__")
                if method not in methods:
                    raise bad(messages.script_no_such_method(cls.name, method, methods))
                step.target, step.name = owner, method
            else:
                raise bad(messages.SCRIPT_NOT_CALLABLE)
            step.args = tuple(_value(a, values, objects, bad) for a in node.args)
            step.kwargs = {}
            for keyword in node.keywords:
                if keyword.arg is None:
                    raise bad(messages.SCRIPT_NO_STAR_KWARGS)
                step.kwargs[keyword.arg] = _value(keyword.value, values, objects, bad)
            if bind is not None:
                if step.kind != "new":
                    raise bad(messages.SCRIPT_NAME_NOT_AN_OBJECT)
                objects[bind] = step.name
                values.pop(bind, None)
        else:
            if bind is None:
                raise bad(messages.SCRIPT_BARE_VALUE)
            if expect_text is not None:
                raise bad(messages.SCRIPT_ARROW_AFTER_VALUE)
            step.kind = "value"
            values[bind] = _value(node, values, objects, bad)
            objects.pop(bind, None)
        if expect_text is not None:
            _expectation(step, expect_text, values, objects, bad)
            if step.kind == "new" and step.raises is None:
                raise bad(messages.SCRIPT_CONSTRUCTOR_EXPECTS)
            if step.bind is not None:
                raise bad(messages.script_named_constructor_raises(step.text.split("=", 1)[1].strip(), step.expect_text))
        for value in _walk([step.args, step.kwargs]):
            if type(value) is RedisRef:
                if "redis" not in problem.needs:
                    raise bad(messages.script_no_redis(problem.slug))
                if value.index >= problem.redis_servers:
                    raise bad(messages.script_no_such_redis(value.index, problem.slug, problem.redis_servers))
        steps.append(step)
    return steps


def _walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, (list, tuple, set)):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)


def uses_redis(case: Case) -> bool:
    return any(type(v) is RedisRef for step in case.steps for v in _walk([step.args, step.kwargs]))


def _is_helper(node: ast.Call) -> bool:
    return isinstance(node.func, ast.Name) and node.func.id in ("fake", "redis")


def _expectation(step: Step, text: str, values: dict[str, Any], objects: dict[str, str], bad: Any) -> None:
    stripped = text.strip()
    step.expect_text = _one_line(stripped)
    words = stripped.split()
    if words and words[0] == "raises":
        if len(words) != 2 or not words[1].isidentifier():
            raise bad(messages.SCRIPT_RAISES_ONE_NAME)
        found = getattr(builtins, words[1], None)
        if not (isinstance(found, type) and issubclass(found, BaseException)):
            raise bad(messages.script_not_an_exception(words[1]))
        step.raises = words[1]
        return
    if not stripped:
        raise bad(messages.SCRIPT_NOTHING_EXPECTED)
    try:
        node = ast.parse(stripped, mode="eval").body
    except SyntaxError as exc:
        raise bad(messages.script_expected_not_literal(exc.msg)) from None
    options = node.values if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) else [node]
    step.expect = tuple(_value(o, values, objects, bad, expected=True) for o in options)
    step.expect_text = messages.expected_answers(step.expect)


def _value(node: ast.AST, values: dict[str, Any], objects: dict[str, str], bad: Any, *, expected: bool = False) -> Any:
    """A literal, with the script's names and helpers in it. Never evaluates anything else."""
    if isinstance(node, ast.Name):
        if node.id in values:
            return values[node.id]
        if node.id in objects and not expected:
            return Ref(node.id)
        if node.id in objects:
            raise bad(messages.script_object_expected(node.id))
        raise bad(messages.script_undefined_name(node.id))
    if isinstance(node, ast.Call) and _is_helper(node):
        if expected:
            raise bad(messages.script_helper_expected(node.func.id))  # type: ignore[attr-defined]
        return _helper(node, bad)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [_value(e, values, objects, bad, expected=expected) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else set(_hashable(items, bad)) if isinstance(node, ast.Set) else items
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise bad(messages.SCRIPT_NO_STAR_MAPPING)
        keys = _hashable([_value(k, values, objects, bad, expected=expected) for k in node.keys], bad)  # type: ignore[arg-type]
        return dict(zip(keys, (_value(v, values, objects, bad, expected=expected) for v in node.values)))
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise bad(messages.script_not_literal(_one_line(ast.unparse(node)))) from None


def _hashable(items: list[Any], bad: Any) -> list[Any]:
    for item in items:
        try:
            hash(item)
        except TypeError:
            raise bad(messages.script_unhashable(item)) from None
    return items


def _helper(node: ast.Call, bad: Any) -> Any:
    name = node.func.id  # type: ignore[attr-defined]
    try:
        args = [ast.literal_eval(a) for a in node.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
    except (ValueError, TypeError, SyntaxError):
        raise bad(messages.script_helper_args_not_literal(name)) from None
    if None in kwargs:
        raise bad(messages.script_helper_star_kwargs(name))
    if name == "redis":
        if kwargs or len(args) > 1 or (args and (type(args[0]) is not int or args[0] < 0)):
            raise bad(messages.SCRIPT_REDIS_ARGS)
        return RedisRef(args[0] if args else 0)
    if args:
        raise bad(messages.SCRIPT_FAKE_POSITIONAL)
    unknown = sorted(set(kwargs) - {"returns", "raises", "fail_first", "fail_for"})
    if unknown:
        raise bad(messages.script_fake_unknown_argument(unknown[0]))
    raises = kwargs.get("raises", "ConnectionError")
    found = getattr(builtins, raises, None) if isinstance(raises, str) else None
    if not (isinstance(found, type) and issubclass(found, Exception)):
        raise bad(messages.script_fake_not_an_exception(raises))
    fail_first = kwargs.get("fail_first", 0)
    if type(fail_first) is not int or fail_first < 0:
        raise bad(messages.SCRIPT_FAKE_FAIL_FIRST)
    fail_for = kwargs.get("fail_for", [])
    if not isinstance(fail_for, (list, tuple, set)):
        raise bad(messages.SCRIPT_FAKE_FAIL_FOR)
    return Fake(returns=kwargs.get("returns"), raises=raises, fail_first=fail_first, fail_for=tuple(fail_for))


def _logical_lines(script: str, where: str) -> list[tuple[int, str, int | None]]:
    """(first line, text, offset of a top-level `->` in the text) per logical line: a call whose
    brackets span several lines is one; comments and blank lines are dropped."""
    lines = script.splitlines(keepends=True)
    out: list[tuple[int, str, int | None]] = []
    start: tuple[int, int] | None = None
    last: tuple[int, int] = (1, 0)  # the end of the line's last token (a comment after it is not shown)
    arrow: tuple[int, int] | None = None
    opened: list[tokenize.TokenInfo] = []  # the brackets open at this point, innermost last
    try:
        for tok in tokenize.generate_tokens(io.StringIO(script).readline):
            if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING):
                continue
            if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                if start is not None:
                    text = _slice(lines, start, last)
                    offset = len(_slice(lines, start, arrow)) if arrow is not None else None
                    out.append((start[0], text, offset))
                start, arrow = None, None
                continue
            if start is None:
                start = tok.start
            last = tok.end
            if tok.type == tokenize.OP:
                if tok.string in "([{":
                    opened.append(tok)
                elif tok.string in ")]}":
                    # The tokenizer does not pair brackets: a wrong closer would only show as an
                    # "EOF in multi-line statement" at the end. Say where it is instead.
                    if not opened or _CLOSER[opened[-1].string] != tok.string:
                        reason = (messages.bracket_closes_nothing(tok.string) if not opened else
                                  messages.bracket_mismatch(tok.string, opened[-1].string, opened[-1].start[0]))
                        raise CasesError(messages.case_calls_unreadable(where, tok.start[0], reason))
                    opened.pop()
                elif tok.string == "->" and not opened and arrow is None:
                    arrow = tok.start
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:
        if opened:  # the input ended inside brackets: the one never closed is the mistake
            raise CasesError(messages.case_calls_unreadable(where, opened[-1].start[0], messages.bracket_never_closed(opened[-1].string))) from None
        line = exc.args[1][0] if isinstance(exc, tokenize.TokenError) and len(exc.args) > 1 else getattr(exc, "lineno", "?")
        reason = exc.args[0] if exc.args else str(exc)
        raise CasesError(messages.case_calls_unreadable(where, line, reason)) from None
    return out


_CLOSER = {"(": ")", "[": "]", "{": "}"}


def _slice(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The text between two tokenizer positions ((row from 1, column))."""
    (r0, c0), (r1, c1) = start, end
    if r0 == r1:
        return lines[r0 - 1][c0:c1]
    parts = [lines[r0 - 1][c0:]] + lines[r0:r1 - 1] + [lines[r1 - 1][:c1] if r1 - 1 < len(lines) else ""]
    return "".join(parts)


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


# --- comparing --------------------------------------------------------------------------------


def same(expected: Any, actual: Any) -> bool:
    """The answer is the expected value: `expected == actual` (the expected value on the left, so the
    comparison is the expected value's own), and of the same kind at the top, as the hidden
    suites check it: a tuple is not a list, True is not 1, 1.0 is 1."""
    if not expected == actual:
        return False
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool)
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return True
    return isinstance(actual, type(expected)) or isinstance(expected, type(actual))


# --- what a run found: plain data ----------------------------------------------------------------

SET, SHOWN, OK, DIFFERS, RAISED, FAILED = "set", "shown", "ok", "differs", "raised", "failed"


@dataclass
class CallOutcome:
    """One line of a case, as it ran. `status`: set (a name for a value, an object made), shown
    (nothing was expected), ok, differs (an answer other than the expected one), raised (an
    exception nobody expected), failed (the process died or ran past its limit)."""

    line: int
    call: str
    status: str
    value: str | None = None       # repr() of the answer, as the strict decoder read it
    expected: str | None = None    # repr() of the expected answers ("-1 or None"), or "raises ValueError"
    raised: str | None = None      # "ValueError: capacity must be at least 1"
    where: list[str] = field(default_factory=list)  # the lines of the solution's file in the traceback
    message: str | None = None     # for `failed`: what happened to the process

    @property
    def ok(self) -> bool:
        return self.status in (SET, SHOWN, OK)


@dataclass
class CaseOutcome:
    name: str
    origin: str
    calls: list[CallOutcome] = field(default_factory=list)
    not_run: int = 0                # lines after the one that stopped the case
    output: str | None = None       # what the solution printed during the case
    checks: int = 0                 # lines of the case with an expected answer (run or not)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.calls)


@dataclass
class RunReport:
    problem: str
    file: str
    cases: list[CaseOutcome] = field(default_factory=list)
    load_error: str | None = None   # the solution did not load: no case ran
    load_output: str | None = None
    sources: list[str] = field(default_factory=list)  # the files the cases came from
    skipped: list[str] = field(default_factory=list)  # cases not run: an earlier one ran past its time limit
    skipped_checks: int = 0         # expected answers in those cases (see skipped_counted)
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.load_error is None and all(c.ok for c in self.cases)

    @property
    def checked(self) -> int:
        """Expected answers in the cases, reached or not (those of skipped cases included)."""
        return sum(case.checks for case in self.cases) + self.skipped_checks

    @property
    def matched(self) -> int:
        return sum(c.status == OK for case in self.cases for c in case.calls)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["checked"], data["matched"] = self.checked, self.matched
        for case, raw in zip(self.cases, data["cases"]):
            raw["ok"] = case.ok
        data["recorded"] = False  # a run is not an attempt: nothing goes to the log
        return data


def skipped_counted(report: RunReport, cases: list[Case]) -> RunReport:
    """`report` with the expected answers of the cases it skipped (the run stopped at a time limit)
    counted in its tally as not reached: `0/8 matched` with or without a case past its limit."""
    report.skipped_checks = sum(step.checked for case in cases[len(report.cases):][:len(report.skipped)] for step in case.steps)
    return report
