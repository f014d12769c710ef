"""The harness's layout as CONTRIBUTING.md and docs/design/rooms.md state it: no shims, one package
map that names every package and module, and imports that go down the layers.

Modules are read with ast, never imported. Each rule is also run on made-up source that breaks
it, so that it can fail."""

from __future__ import annotations

import ast
import re
import sys
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


# --- the one package map: CONTRIBUTING.md names every package and module, and nothing else ---------


def map_entries(contributing: str) -> set[str]:
    """The paths CONTRIBUTING.md's map names: the first code block after '## The map', one entry a
    line (`name.py` or `name/`, or a nested path such as `services/redis/`), nested two spaces a
    level; a line that is not an entry goes on describing the one above."""
    block = re.search(r"^## The map\n.*?^```\n(.*?)^```", contributing, re.M | re.S)
    assert block, "CONTRIBUTING.md has no '## The map' section with a code block"
    entries: set[str] = set()
    stack: list[str] = []
    for line in block.group(1).splitlines():
        indent = len(line) - len(line.lstrip(" "))
        token = line.strip().split(" ")[0]
        depth = indent // 2
        if indent % 2 or depth > len(stack) or not re.fullmatch(r"([a-z_]+/)*[a-z_]+(\.py|/)", token):
            continue
        del stack[depth:]
        path = "".join(stack) + token
        entries.add(path)
        if token.endswith("/"):
            stack.append(token)
    # a nested entry (services/redis/) names its parents too
    return entries | {"/".join(e.split("/")[:i]) + "/" for e in entries for i in range(1, e.rstrip("/").count("/") + 1)}


def disk_entries(root: Path = ROOT) -> set[str]:
    """Every package (a folder with Python files) and module under harness/, but __init__ and __main__."""
    found: set[str] = set()
    for path in (root / "harness").rglob("*.py"):
        relative = path.relative_to(root)
        found |= {"/".join(relative.parts[: i + 1]) + "/" for i in range(len(relative.parts) - 1)}
        if not path.name.startswith("__"):
            found.add(relative.as_posix())
    return found


def test_contributings_map_names_every_package_and_module_on_disk_and_nothing_else() -> None:
    mapped, on_disk = map_entries((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")), disk_entries()
    assert not on_disk - mapped, f"not in CONTRIBUTING.md's map: {sorted(on_disk - mapped)}"
    assert not mapped - on_disk, f"in CONTRIBUTING.md's map but not on disk: {sorted(mapped - on_disk)}"


def test_the_map_reader_sees_nesting_and_skips_descriptions(tmp_path: Path) -> None:
    text = ("## The map\n\n```\nharness/\n  cli/    commands\n    app.py  the group\n                  and a.py going on\n"
            "  services/redis/  servers\n    env.py  the env\n  clock.py  the clock\n```\n")
    assert map_entries(text) == {"harness/", "harness/cli/", "harness/cli/app.py", "harness/services/",
                                 "harness/services/redis/", "harness/services/redis/env.py", "harness/clock.py"}
    (tmp_path / "harness/cli").mkdir(parents=True)
    (tmp_path / "harness/cli/__init__.py").write_text("")
    (tmp_path / "harness/cli/app.py").write_text("")
    (tmp_path / "harness/cli/new.py").write_text("")
    on_disk = disk_entries(tmp_path)
    assert on_disk - map_entries(text) == {"harness/cli/new.py"}  # a module the map leaves out is seen
    assert "harness/clock.py" in map_entries(text) - on_disk  # and one the map names that is gone


# --- the layers: imports go down ------------------------------------------------------------------

# Top to bottom; a module may import from its own layer or one below. The longest matching prefix
# places a module (harness.practice.watch drives the pipeline; the rest of practice/ is below it).
# Imports inside functions count like those at the top; those under `if TYPE_CHECKING:` do not.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("the command line", ("harness.cli",)),
    ("the views", ("harness.render",)),
    ("what drives the pipeline", ("harness.maintain", "harness.practice.watch", "harness.practice.mock")),
    ("the pipeline", ("harness.pipeline",)),
    ("judging, measuring, the practice state", ("harness.judge", "harness.bench", "harness.practice")),
    ("what hidden suites import", ("harness.authoring",)),
    ("driving a worker", ("harness.worker",)),
    ("the services", ("harness.services",)),
    ("plain data, words and leaves", ("harness", "harness.problems", "harness.verdicts", "harness.clock",
                                      "harness.limits", "harness.lifetime", "harness.words")),
    ("the candidate's side", ("harness.sandbox",)),
]

# render/ is the views, just below the command line, and nothing below it imports it: the rooms
# below word their own errors and reports (their messages.py, harness/words.py) and hand plain data
# up; where one writes a view (the mock's report.md, the peer table) or shows one as it happens (a
# Redis warning), the command line hands the view in.

# What render/ may import: plain data and its own words, nothing that judges, stores or measures.
RENDER_MAY_IMPORT = ("harness.render", "harness.verdicts", "harness.clock", "harness.problems.catalogue", "harness.words")

# Inside the sandbox the package is `sandbox` (bound at /drill/sandbox); redis-py is the client the
# candidate's own code is handed on the Redis problems.
SANDBOX_MAY_IMPORT = frozenset(sys.stdlib_module_names) | {"sandbox", "redis"}

# worker/ and services/ sit below everything that judges, stores or measures, and below render/:
# their words are their own messages.py (and harness/words.py for the few shared ones).
WORKER_AND_SERVICES_MAY_NOT_IMPORT = ("harness.cli", "harness.pipeline", "harness.judge", "harness.bench", "harness.practice",
                                      "harness.maintain", "harness.authoring", "harness.render")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def harness_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(HARNESS.rglob("*.py"))}


def imports_of(source: str, known: set[str]) -> set[str]:
    """Every module `source` imports, at the top or in a function, but not under TYPE_CHECKING; a
    harness name is resolved to the module it names (`from harness import clock` is harness.clock)."""

    def resolved(name: str) -> str:
        if not name.startswith("harness"):
            return name
        while name not in known and "." in name:
            name = name.rpartition(".")[0]
        return name

    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # type hints only: nothing is imported when the program runs
            if isinstance(child, ast.Import):
                found.update(resolved(alias.name) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.update(resolved(f"{child.module}.{alias.name}") if child.module.startswith("harness") else child.module
                             for alias in child.names)
            visit(child)

    visit(ast.parse(source))
    return found


def layer_of(module: str) -> int | None:
    """The index of the module's layer in LAYERS; None for a module placed nowhere (`harness` names
    the package's __init__ only, so a new room or flat module has to be placed)."""
    best, where = -1, None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or (prefix != "harness" and module.startswith(prefix + "."))) and len(prefix) > best:
                best, where = len(prefix), index
    return where


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def upward_imports(module: str, imported: set[str]) -> list[str]:
    """Imports of a higher layer; render/ is left to render_imported_below."""
    own = layer_of(module)
    return sorted(f"{module} ({LAYERS[own][0]}) imports {name} ({LAYERS[layer_of(name)][0]})"
                  for name in imported if name.startswith("harness") and layer_of(name) is not None and layer_of(name) < own
                  and not _under(name, ("harness.render",)))


def render_imported_below(module: str, imported: set[str]) -> list[str]:
    """Imports of render/ from a module below it (anything but cli/ and render/), as (module, name) text."""
    if _under(module, ("harness.cli", "harness.render")):
        return []
    return sorted(f"{module} imports {name}" for name in imported if _under(name, ("harness.render",)))


def render_imports_beyond_plain_data(module: str, imported: set[str]) -> list[str]:
    if not _under(module, ("harness.render",)):
        return []
    return sorted(f"{module} imports {name}" for name in imported if name.startswith("harness") and not _under(name, RENDER_MAY_IMPORT))


def sandbox_imports_beyond_stdlib(module: str, imported: set[str]) -> list[str]:
    if not _under(module, ("harness.sandbox",)):
        return []
    return sorted(f"{module} imports {name}" for name in imported if name.split(".")[0] not in SANDBOX_MAY_IMPORT)


def worker_and_services_imports_above(module: str, imported: set[str]) -> list[str]:
    if not _under(module, ("harness.worker", "harness.services")):
        return []
    return sorted(f"{module} imports {name}" for name in imported
                  if _under(name, WORKER_AND_SERVICES_MAY_NOT_IMPORT))


def cli_imports(module: str, imported: set[str]) -> list[str]:
    if _under(module, ("harness.cli",)):
        return []
    return sorted(f"{module} imports {name}" for name in imported if _under(name, ("harness.cli",)))


def _violations(check) -> list[str]:  # noqa: ANN001
    modules = harness_modules()
    known = set(modules)
    return [v for name, path in modules.items() for v in check(name, imports_of(path.read_text(encoding="utf-8"), known))]


def test_every_module_has_a_layer_and_every_layer_names_a_module() -> None:
    modules = set(harness_modules())
    assert not sorted(m for m in modules if layer_of(m) is None), "modules LAYERS does not place"
    named = {prefix for _, prefixes in LAYERS for prefix in prefixes}
    assert not sorted(p for p in named if not any(m == p or m.startswith(p + ".") for m in modules)), "LAYERS names modules that are gone"


def test_no_module_imports_a_higher_layer() -> None:
    assert not _violations(upward_imports)


def test_render_imports_only_plain_data() -> None:
    assert not _violations(render_imports_beyond_plain_data)


def test_nothing_below_render_imports_it() -> None:
    assert not _violations(render_imported_below), "render/ imported from below it: hand the view in from the command line"


def test_the_sandbox_imports_only_the_standard_library() -> None:
    assert not _violations(sandbox_imports_beyond_stdlib)


def test_worker_and_services_import_nothing_that_judges_stores_or_measures() -> None:
    assert not _violations(worker_and_services_imports_above)


def test_nothing_imports_the_cli() -> None:
    assert not _violations(cli_imports)


def test_each_layer_rule_catches_a_module_that_breaks_it() -> None:
    known = set(harness_modules())
    store_in_a_function = imports_of("def f():\n    from harness.practice.store import Store\n", known)
    assert store_in_a_function == {"harness.practice.store"}
    assert imports_of("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from harness.pipeline import x\n", known) == {"typing"}
    assert upward_imports("harness.problems.catalogue", imports_of("from harness import pipeline\n", known))
    assert upward_imports("harness.practice.store", imports_of("from harness.practice import watch\n", known))
    assert upward_imports("harness.services.redis.env", imports_of("from harness.worker.channel import Channel\n", known))
    assert not upward_imports("harness.practice.watch", store_in_a_function)
    assert render_imports_beyond_plain_data("harness.render.terminal", store_in_a_function)
    assert not render_imports_beyond_plain_data("harness.render.terminal", imports_of("from harness.verdicts import PASS\n", known))
    assert sandbox_imports_beyond_stdlib("harness.sandbox.worker", imports_of("import rich\n", known))
    assert sandbox_imports_beyond_stdlib("harness.sandbox.worker", imports_of("from harness.verdicts import PASS\n", known))
    assert not sandbox_imports_beyond_stdlib("harness.sandbox.worker", imports_of("from sandbox import protocol\nimport json\n", known))
    assert worker_and_services_imports_above("harness.worker.loading", imports_of("from harness.judge import parent\n", known))
    assert worker_and_services_imports_above("harness.services.redis.env", imports_of("from harness.render import terminal\n", known))
    assert worker_and_services_imports_above("harness.worker.loading", imports_of("from harness.render import errors\n", known))
    assert worker_and_services_imports_above("harness.services.redis.guard", imports_of("import harness.render\n", known))
    assert not worker_and_services_imports_above("harness.worker.loading", imports_of("from harness.worker import messages\n", known))
    assert not worker_and_services_imports_above("harness.services.redis.env", imports_of("from harness import words\n", known))
    assert render_imported_below("harness.practice.store", imports_of("from harness.render import errors\n", known))
    assert render_imported_below("harness.bench.measure", imports_of("def f():\n    import harness.render.terminal\n", known))
    assert not render_imported_below("harness.cli.app", imports_of("from harness.render import errors\n", known))
    assert not render_imported_below("harness.practice.store", imports_of("from harness.practice import messages\n", known))
    assert upward_imports("harness.render.terminal", imports_of("from harness.cli.app import main\n", known))
    assert layer_of("harness.newroom.thing") is None and layer_of("harness.flat") is None
    assert cli_imports("harness.practice.mock", imports_of("from harness.cli.app import current_slug\n", known))
    assert cli_imports("harness.render.commands", imports_of("import harness.cli\n", known))


# --- the stubs fit 79 columns: `drill show --stub` prints them at 80, and PEP 8 asks for 79 -------

STUB_WIDTH = 79


def long_lines(text: str, width: int = STUB_WIDTH) -> list[int]:
    """The numbers (from 1) of the lines of `text` longer than `width` characters."""
    return [number for number, line in enumerate(text.splitlines(), 1) if len(line) > width]


def test_every_stub_line_fits_79_columns() -> None:
    stubs = sorted((ROOT / "problems").glob("*/stub.py"))
    assert stubs, "no problems/*/stub.py found"
    found = {path.relative_to(ROOT).as_posix(): numbers for path in stubs if (numbers := long_lines(path.read_text(encoding="utf-8")))}
    assert not found, f"stub lines longer than {STUB_WIDTH} characters (file: line numbers): {found}"


def test_the_width_reader_sees_a_long_line() -> None:
    assert long_lines("x = 1\n" + "#" * 80 + "\n" + "é" * 79 + "\n") == [2]
    assert long_lines("#" * 79) == []
