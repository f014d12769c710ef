"""The catalogue's and `drill run`'s cases' words: what catalogue.py and cases.py raise or report.

Standard library only: the suite runner imports it, and rich stays out of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any


# --- the catalogue (catalogue.py) ----------------------------------------------------------------

KIT_NOT_FOUND = "cannot find the kit (no problems/ folder); set DRILL_ROOT to the kit's folder"


def unknown_name(what: str, name: str) -> str:
    return f"unknown {what} '{name}'"


def not_a_python_file(path: Path) -> str:
    return f"{path} is not a Python file"


def problem_toml_unreadable(path: Path, why: object) -> str:
    return f"{path}: {why}"


def problem_toml_bad_difficulty(path: Path, difficulties: tuple[str, ...], found: object) -> str:
    return f"{path}: difficulty must be one of {', '.join(difficulties)}, not {found!r}"


def problem_toml_missing_field(path: Path, field: object) -> str:
    return f"{path}: missing field {field}"


# --- `drill run`'s cases (cases.py): the cases file and its scripts ---------------------------------

def cases_template(slug: str, helper_lines: list[str], example: str) -> str:
    """What `drill start` writes beside the solution: the format, the helpers the problem's scripts
    use, and its first example (`example`, already commented out)."""
    return (
        f"# Your own cases for `drill run {slug}`. They run after the statement's examples, in your\n"
        "# solution's sandboxed process: no hidden tests, nothing recorded. One call per line:\n"
        "#   name = Class(args)             an object, for the lines below\n"
        "#   name.method(args) -> 3         `-> value`: the expected answer, a Python literal (`-> A or B`: either)\n"
        "#   function(args) -> None\n"
        "#   name.method(args) -> raises ValueError\n"
        "#   name = [1, 2]                  a name for a value, for the lines below\n"
        + "".join(helper_lines)
        + "# A line without `->` shows what the call returns. Uncomment the case below, or write your own [[case]].\n"
        + ("#\n" + example if example else "")
    )


def cases_template_example(first_case: str) -> str:
    """The first example, as the template shows it: commented out, and named as the user's own."""
    return "".join(f"# {line}".rstrip() + "\n" for line in first_case.replace("the statement's example", "my first case").splitlines())


CASES_FAKE_HELPER = ('#   send = fake(returns=None, raises="ConnectionError", fail_first=0, fail_for=[...])\n'
                     "#                                  a function to hand your solution: it raises `raises` on its first\n"
                     "#                                  `fail_first` calls and on a call whose first argument is in\n"
                     "#                                  `fail_for`, and returns `returns` otherwise\n")


def cases_redis_helper(redis_servers: int) -> str:
    several = redis_servers > 1
    call, what = ("redis(i)", f"a client of the run's Redis server i (0 to {redis_servers - 1})") if several else \
        ("redis()", "a client of the run's Redis server")
    return f"#   {call:<31}{what}; drill starts {'them' if several else 'it'}, as for `drill test`\n"


def examples_label(slug: str) -> str:
    return f"problems/{slug}/examples.toml"


def no_cases(slug: str, own: Path) -> str:
    return (f"no cases to run: {slug} has no examples file and {own} holds no [[case]]; "
            "add one (the comment at the top of that file shows how)")


def no_cases_file(label: str) -> str:
    return f"no cases file at {label}"


def cases_file_is_a_folder(label: str) -> str:
    return f"{label} is a folder, not a cases file"


def cases_file_unreadable(label: str, reason: str | None) -> str:
    return f"cannot read {label}: {reason}"


def cases_file_too_large(label: str, size: int, limit: int) -> str:
    return f"{label} is {size:,} bytes; a cases file is for a few small cases (at most {limit:,})"


def cases_file_not_utf8(label: str, reason: str, byte: int) -> str:
    return f"{label} is not UTF-8 text ({reason} at byte {byte})"


def cases_file_not_toml(label: str, why: object) -> str:
    return f"{label} is not valid TOML: {why}"


def cases_file_unknown_key(label: str, key: str) -> str:
    return f"{label}: unknown key {key!r} at the top (a cases file holds [[case]] tables)"


def cases_not_tables(label: str) -> str:
    return f"{label}: `case` must be a list of tables, written [[case]]"


def case_default_name(number: int) -> str:
    return f"case {number}"


def case_location(label: str, number: int, name: str | None = None) -> str:
    """Where a case is, as its errors begin: the file, the case's number and, once read, its name."""
    return f"{label}, case {number}" if name is None else f"{label}, case {number} ({name})"


def case_unknown_key(where: str, key: str) -> str:
    return f"{where}: unknown key {key!r} (a case has `name` and `calls`)"


def case_name_not_text(where: str) -> str:
    return f"{where}: `name` must be text"


def case_calls_not_text(where: str, name: str) -> str:
    return f"{where} ({name}): `calls` must be text, one call per line (see the comment at the top of the file)"


def case_without_calls(where: str) -> str:
    return f"{where}: `calls` holds no calls"


def case_calls_unreadable(where: str, line: object, reason: object) -> str:
    return f"{where}: cannot read its calls (line {line} of them: {reason})"


def bracket_closes_nothing(closer: str) -> str:
    return f"'{closer}' closes no open bracket"


def bracket_mismatch(closer: str, opener: str, opened_line: int) -> str:
    return f"'{closer}' does not close the '{opener}' opened on line {opened_line}"


def bracket_never_closed(opener: str) -> str:
    return f"'{opener}' is never closed"


def script_line_location(where: str, line: int, *, in_file: bool) -> str:
    """A line of a case's script: its line in the file, or in the script when the file's text could not be matched."""
    return f"{where}, line {line}" if in_file else f"{where}, line {line} of its calls"


def script_line_error(at: str, text: str, problem: str) -> str:
    return f"{at} ({text}): {problem}"


# What is wrong with one line of a script (the line's place and text come before it).
SCRIPT_ONE_CALL = "one call per line"
SCRIPT_ASSIGN_ONE_NAME = "only `name = ...` can be assigned"
SCRIPT_NOT_A_LINE = "a line is a call, `name = Class(...)` or `name = value`"
SCRIPT_NOT_CALLABLE = "call a class or a function of the contract, or a method of an object: obj.method(...)"
SCRIPT_NO_STAR_KWARGS = "**kwargs is not supported; name each argument"
SCRIPT_NAME_NOT_AN_OBJECT = "only an object can be named: `name = Class(...)` (name a value, not what a call returns)"
SCRIPT_BARE_VALUE = "a line is a call of the contract (a bare value does nothing)"
SCRIPT_ARROW_AFTER_VALUE = "`->` goes after a call, not after `name = value`"
SCRIPT_CONSTRUCTOR_EXPECTS = "a constructor gives an object; after it, `->` can only be `raises SomeError`"
SCRIPT_RAISES_ONE_NAME = "write `-> raises ValueError` (one exception name)"
SCRIPT_NOTHING_EXPECTED = "nothing after `->`: write the expected value, or leave out the arrow"
SCRIPT_NO_STAR_MAPPING = "**mapping is not supported in a value"
SCRIPT_REDIS_ARGS = "write redis() for the run's Redis server, or redis(i) for server i of a problem with several"
SCRIPT_FAKE_POSITIONAL = "name fake()'s arguments: fake(returns=..., raises='ConnectionError', fail_first=N, fail_for=[...])"
SCRIPT_FAKE_FAIL_FIRST = "fake(fail_first=...) is a count of calls, 0 or more"
SCRIPT_FAKE_FAIL_FOR = "fake(fail_for=...) is a list of first arguments"


def script_not_a_call(why: str) -> str:
    return f"not a call: {why}"


def script_name_taken(name: str) -> str:
    return f"{name!r} is a name of the contract or the script; choose another name"


def script_call_of_an_object(name: str) -> str:
    return f"{name} is not a function; call a method: {name}.method(...)"


def script_not_in_contract(name: str, slug: str, known: list[str]) -> str:
    return f"{name} is not in the contract of {slug} (it has {', '.join(known)})"


def script_no_such_object(owner: str) -> str:
    return f"{owner} is not an object made on a line above (`{owner} = Class(...)`)"


def script_no_such_method(class_name: str, method: str, methods: list[str]) -> str:
    return f"{class_name} has no method {method!r} in the contract (its methods: {', '.join(methods)})"


def script_named_constructor_raises(constructor: str, expectation: str | None) -> str:
    return f"a constructor that must raise makes no object to name: write `{constructor} -> {expectation}`"


def script_no_redis(slug: str) -> str:
    return f"redis(): {slug} does not use Redis"


def script_no_such_redis(index: int, slug: str, redis_servers: int) -> str:
    return f"redis({index}): {slug} has {redis_servers} Redis server(s), numbered from 0"


def script_not_an_exception(name: str) -> str:
    return f"{name} is not a builtin exception (ValueError, KeyError, LookupError, ...)"


def script_expected_not_literal(why: str) -> str:
    return f"the expected value is not a Python literal: {why}"


def script_object_expected(name: str) -> str:
    return f"{name} is an object of the solution; an expected value is plain data"


def script_undefined_name(name: str) -> str:
    return f"{name!r} is not defined on a line above (values are Python literals: None, True, 1, 'a', [..], (..), {{..}})"


def script_helper_expected(helper: str) -> str:
    return f"{helper}() cannot be an expected value"


def script_not_literal(text: str) -> str:
    return f"{text} is not a literal value"


def script_unhashable(item: object) -> str:
    return f"{item!r} cannot be a dict key or a set member"


def script_helper_args_not_literal(helper: str) -> str:
    return f"the arguments of {helper}() must be literals"


def script_helper_star_kwargs(helper: str) -> str:
    return f"**kwargs is not supported in {helper}()"


def script_fake_unknown_argument(name: str) -> str:
    return f"fake() has no argument {name!r} (it takes returns, raises, fail_first, fail_for)"


def script_fake_not_an_exception(raises: object) -> str:
    return f"fake(raises=...) names a builtin exception, like 'ConnectionError'; not {raises!r}"


def expected_answers(answers: tuple[Any, ...]) -> str:
    """The accepted answers of a line, shown as the answers are: repr()."""
    return " or ".join(repr(v) for v in answers)
