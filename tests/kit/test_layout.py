"""The harness's layout as CONTRIBUTING.md and docs/design/rooms.md state it.

Modules are read with ast, never imported. Each rule is also run on made-up source that breaks
it, so that it can fail."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "harness"

# --- no shims: every module is found at the one path it lives at ----------------------------------

# Every write into sys.modules under harness/, as (file, the key's source text), and why it is not
# a shim. A new one fails the test until it is read and added here with its reason.
SYS_MODULES_WRITES = {
    # the candidate's file, registered under its problem's module name in its own worker
    ("harness/sandbox/worker.py", "request['module']"),
    # a spec's `from harness.sandbox.benchkit import ...` inside the worker, where there is no
    # harness package: the worker's own copy of benchkit under its trusted-side name
    ("harness/sandbox/worker.py", "package"),
    ("harness/sandbox/worker.py", "'harness.sandbox.benchkit'"),
    # a kit file (problem module, spec) loaded by path; its dataclasses look the module up
    ("harness/problems/catalogue.py", "name"),
    # the runner puts the worker's RemoteModule where the hidden suite imports the problem's module
    ("harness/judge/runner.py", "problem.module"),
}


def sys_modules_writes(source: str) -> set[str]:
    """The keys (as source text) that `source` writes into sys.modules: `sys.modules[k] = ...`,
    `sys.modules.setdefault(k, ...)`, `sys.modules.update(...)`, `sys.modules.__setitem__(k, ...)`."""

    def is_sys_modules(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "modules" and isinstance(node.value, ast.Name) and node.value.id == "sys"

    keys: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        keys |= {ast.unparse(t.slice) for t in targets if isinstance(t, ast.Subscript) and is_sys_modules(t.value)}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and is_sys_modules(node.func.value):
            if node.func.attr in ("setdefault", "__setitem__") and node.args:
                keys.add(ast.unparse(node.args[0]))
            elif node.func.attr == "update":
                keys.add("<update>")
    return keys


def test_no_module_under_harness_swaps_sys_modules() -> None:
    found = {(path.relative_to(ROOT).as_posix(), key) for path in sorted(HARNESS.rglob("*.py"))
             for key in sys_modules_writes(path.read_text(encoding="utf-8"))}
    assert not found - SYS_MODULES_WRITES, f"sys.modules written where no reason is given: {sorted(found - SYS_MODULES_WRITES)}"
    assert not SYS_MODULES_WRITES - found, f"SYS_MODULES_WRITES names writes that are gone: {sorted(SYS_MODULES_WRITES - found)}"


def test_the_shims_are_gone() -> None:
    assert not (HARNESS / "testing.py").exists() and not (HARNESS / "benchkit.py").exists()


def test_the_sys_modules_reader_sees_a_shim() -> None:
    shim = "import sys\nfrom harness.authoring import testing as _t\nsys.modules[__name__] = _t\n"
    assert sys_modules_writes(shim) == {"__name__"}
    assert sys_modules_writes("import sys\ndef f(m):\n    sys.modules.setdefault('harness.testing', m)\n") == {"'harness.testing'"}
    assert sys_modules_writes("import sys\nsys.modules.update(a=1)\n") == {"<update>"}
    assert sys_modules_writes("import sys\nx = sys.modules.get('a')\n") == set()
