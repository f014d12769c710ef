"""The problem catalogue: reads `problems/<slug>/problem.toml` and finds each problem's files.

Adding a problem means adding folders (problems/, solutions/, tests/, benchmarks/);
nothing here names a problem.
"""

from __future__ import annotations

import difflib
import os
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from harness.problems import messages
from harness.verdicts import VERDICTS


class CatalogueError(Exception):
    """A usage error: unknown slug, broken metadata. Shown as one line."""


class UnknownName(CatalogueError):
    """A problem, tag or difficulty the catalogue does not have; render/errors.py words it from
    the data: `close` are the known names it looks like, best first."""

    def __init__(self, what: str, name: str, close: Sequence[str], known: Sequence[str]) -> None:
        super().__init__(messages.unknown_name(what, name))
        self.what, self.name, self.close, self.known = what, name, tuple(close), tuple(known)


DIFFICULTIES = ("easy", "medium", "hard")


@cache
def kit_root() -> Path:
    env = os.environ.get("DRILL_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve().parents[2]  # the folder harness/ is in
    if (here / "problems").is_dir():
        return here
    for parent in [Path.cwd(), *Path.cwd().parents]:
        if (parent / "problems").is_dir() and (parent / "harness").is_dir():
            return parent
    raise CatalogueError(messages.KIT_NOT_FOUND)


@dataclass(frozen=True)
class ContractItem:
    """A name the solution file must define, with its parameters.

    A parameter ending in "=" is optional (has a default in the contract).
    """

    name: str
    kind: str  # "class" or "function"
    params: tuple[str, ...] = ()
    methods: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Submission:
    """A known solution in solutions/<slug>/<verdict>/, and the verdict it must get."""

    path: Path
    expected: str

    @property
    def name(self) -> str:
        return f"{self.expected}/{self.path.name}"


@dataclass(frozen=True)
class Problem:
    slug: str
    title: str
    difficulty: str
    tags: tuple[str, ...]
    file: str
    interview_minutes: int
    complexity: dict[str, str]
    contract: tuple[ContractItem, ...]
    reference: str
    stub_verdict: str
    case_time_limit_s: float
    memory_limit_mb: int
    hints: tuple[str, ...]
    needs: tuple[str, ...]
    folder: Path
    redis_servers: int = 1
    # A stage of the suite runs on a private Redis Cluster (3 masters); `drill check` runs it, `drill test` skips it.
    redis_cluster: bool = False
    # Replicas per master in that cluster (a suite that kills a master needs one to take over).
    redis_cluster_replicas: int = 0
    # Interview notes after an accept: {"uses": a name the solution uses, "ask": the follow-up}.
    review: tuple[dict[str, str], ...] = ()
    # Seconds `drill check` takes on the reference on a quiet 2-core machine: what --shard balances.
    check_seconds: float = 10.0
    # The recursion limit the candidate's code runs under, fixed by its worker (None: Python's own, changeable).
    recursion_limit: int | None = None
    # A follow-up of another problem (its slug): it judges the same file, so `drill start` keeps that file.
    follows: str | None = None

    @property
    def module(self) -> str:
        return Path(self.file).stem

    @property
    def statement_path(self) -> Path:
        return self.folder / "statement.md"

    @property
    def stub_path(self) -> Path:
        return self.folder / "stub.py"

    @property
    def examples_path(self) -> Path:
        """The statement's examples as cases for `drill run` (harness/problems/cases.py)."""
        return self.folder / "examples.toml"

    @property
    def tests_dir(self) -> Path:
        return kit_root() / "tests" / self.slug

    @property
    def benchmarks_dir(self) -> Path:
        return kit_root() / "benchmarks" / self.slug

    @property
    def inputs_path(self) -> Path:
        """tests/<slug>/inputs.py: standard-library builders of large inputs, which the candidate's
        worker runs too (testing.generated); the one file of the suite's folder it may read."""
        return self.tests_dir / "inputs.py"

    @property
    def solutions_dir(self) -> Path:
        return kit_root() / "solutions" / self.slug

    @property
    def reference_path(self) -> Path:
        return self.solutions_dir / self.reference

    def submissions(self) -> list[Submission]:
        found = []
        if self.solutions_dir.is_dir():
            for verdict_dir in sorted(self.solutions_dir.iterdir()):
                if verdict_dir.is_dir() and verdict_dir.name in VERDICTS:
                    for path in sorted(verdict_dir.glob("*.py")):
                        found.append(Submission(path, verdict_dir.name))
        return found


def load_module(name: str, path: Path) -> Any:
    """Import the kit's own Python file at `path` as module `name` (trusted code only: references,
    benchmark specs, peer workloads; the candidate's file is only ever loaded in its worker)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise CatalogueError(messages.not_a_python_file(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses (and pickle) look the module up while it runs
    spec.loader.exec_module(module)
    return module


def normalise_slug(slug: str) -> str:
    return slug.strip().lower().replace("-", "_")


def tag_key(tag: str) -> str:
    """Tags compare without case, and "hash-map", "hash_map" and "hash map" are one tag."""
    return " ".join(tag.lower().replace("-", " ").replace("_", " ").split())


def close_names(wanted: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The `names` that `wanted` looks like, best first: those it begins, those that contain it
    (3 letters or more; "topk" finds top_k_stream), then difflib's close matches."""
    names = list(names)
    if not wanted:
        return []
    squashed = wanted.replace("_", "").replace(" ", "")
    begun = [n for n in names if n.startswith(wanted)]
    inside = [n for n in names if len(squashed) >= 3 and squashed in n.replace("_", "").replace(" ", "")]
    similar = difflib.get_close_matches(wanted, names, n=limit, cutoff=0.6)
    return list(dict.fromkeys(begun + inside + similar))[:limit]


def _contract(raw: list[dict[str, Any]]) -> tuple[ContractItem, ...]:
    items = []
    for entry in raw:
        items.append(
            ContractItem(
                name=entry["name"],
                kind=entry.get("kind", "function"),
                params=tuple(entry.get("params", ())),
                methods={k: tuple(v) for k, v in entry.get("methods", {}).items()},
            )
        )
    return tuple(items)


def _load(folder: Path) -> Problem:
    meta_path = folder / "problem.toml"
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(messages.problem_toml_unreadable(meta_path, exc)) from exc
    if meta.get("difficulty") not in (None, *DIFFICULTIES):
        raise CatalogueError(messages.problem_toml_bad_difficulty(meta_path, DIFFICULTIES, meta["difficulty"]))
    try:
        return Problem(
            slug=folder.name,
            title=meta["title"],
            difficulty=meta["difficulty"],
            tags=tuple(meta.get("tags", ())),
            file=meta["file"],
            interview_minutes=int(meta.get("interview_minutes", 45)),
            complexity=dict(meta.get("complexity", {})),
            contract=_contract(meta.get("contract", [])),
            reference=meta["reference"],
            stub_verdict=meta.get("stub_verdict", "runtime_error"),
            case_time_limit_s=float(meta.get("case_time_limit_s", 10)),
            memory_limit_mb=int(meta.get("memory_limit_mb", 1024)),
            hints=tuple(meta.get("hints", ())),
            needs=tuple(meta.get("needs", ())),
            folder=folder,
            redis_servers=int(meta.get("redis_servers", 1)),
            redis_cluster=bool(meta.get("redis_cluster", False)),
            redis_cluster_replicas=int(meta.get("redis_cluster_replicas", 0)),
            review=tuple({"uses": str(e["uses"]), "ask": str(e["ask"])} for e in meta.get("review", []) if "uses" in e and "ask" in e),
            check_seconds=float(meta.get("check_seconds", 10.0)),
            recursion_limit=int(meta["recursion_limit"]) if "recursion_limit" in meta else None,
            follows=str(meta["follows"]) if "follows" in meta else None,
        )
    except KeyError as exc:
        raise CatalogueError(messages.problem_toml_missing_field(meta_path, exc)) from exc


@cache
def problems() -> tuple[Problem, ...]:
    root = kit_root() / "problems"
    folders = sorted(p for p in root.iterdir() if (p / "problem.toml").is_file())
    return tuple(_load(folder) for folder in folders)


def get(slug: str) -> Problem:
    wanted = normalise_slug(slug)
    for problem in problems():
        if problem.slug == wanted:
            return problem
    known = [p.slug for p in problems()]
    raise UnknownName("problem", slug, close_names(wanted, known), known)


def shard(problems_: Sequence[Problem], index: int, count: int) -> list[Problem]:
    """The index-th (1-based) of `count` parts of `problems_`, balanced by each one's check_seconds:
    the longest first, each to the part with the least so far (ties to the lowest part), the
    way pytest-split balances by durations. Every problem is in exactly one part; the parts
    depend only on the problems, so every job of a CI matrix computes the same split."""
    loads = [0.0] * count
    parts: list[list[Problem]] = [[] for _ in range(count)]
    for problem in sorted(problems_, key=lambda p: (-p.check_seconds, p.slug)):
        lightest = min(range(count), key=lambda i: (loads[i], i))
        loads[lightest] += problem.check_seconds
        parts[lightest].append(problem)
    chosen = {p.slug for p in parts[index - 1]}
    return [p for p in problems_ if p.slug in chosen]


def tags() -> list[str]:
    """Every tag of a problem, each once, as written in problem.toml, in alphabetical order."""
    by_key = {tag_key(t): t for p in problems() for t in p.tags}
    return [by_key[key] for key in sorted(by_key)]


def select(tags_wanted: Sequence[str] = (), difficulty: str | None = None) -> list[Problem]:
    """The problems with every tag of `tags_wanted` and the `difficulty` (if given). A tag or
    difficulty that no problem could have is an UnknownName."""
    known_tags = tags()
    keys = {tag_key(t) for t in known_tags}
    for tag in tags_wanted:
        if tag_key(tag) not in keys:
            raise UnknownName("tag", tag, close_names(tag_key(tag), known_tags), known_tags)
    if difficulty is not None and difficulty.lower() not in DIFFICULTIES:
        raise UnknownName("difficulty", difficulty, close_names(difficulty.lower(), DIFFICULTIES), DIFFICULTIES)
    wanted = {tag_key(t) for t in tags_wanted}
    return [
        p for p in problems()
        if wanted <= {tag_key(t) for t in p.tags} and (difficulty is None or p.difficulty == difficulty.lower())
    ]
