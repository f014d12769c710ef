"""Interview notes after a solve: what an interviewer would ask about this code.

Advice, never a verdict. Generic patterns are here; problem-specific ones are kept with
the problem, as [[review]] entries in problem.toml: `uses = "OrderedDict"` (a name the
solution uses) and `ask = "..."`.
"""

from __future__ import annotations

import ast

from harness.problems.catalogue import Problem
from harness.practice import messages


def _names_used(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add(alias.name.split(".")[-1])
                if alias.asname:
                    names.add(alias.asname)
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[-1])
    return names


def _recursive_functions(tree: ast.AST) -> list[str]:
    found = []
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.Call) and (
                    (isinstance(node.func, ast.Name) and node.func.id == func.name)
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == func.name and isinstance(node.func.value, ast.Name) and node.func.value.id == "self")
                ):
                    found.append(func.name)
                    break
    return found


def interview_notes(problem: Problem, source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    used = _names_used(tree)
    notes = [entry["ask"] for entry in problem.review if entry["uses"] in used]
    for name in _recursive_functions(tree):
        notes.append(messages.note_recursive(name))
    if any(isinstance(n, ast.Global) for n in ast.walk(tree)):
        notes.append(messages.NOTE_GLOBALS)
    return notes[:4]
