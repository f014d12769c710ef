"""Mutation testing of the hidden suites (`drill dev mutants`): every small change to an accepted
solution the suite still accepts is a wrong solution the kit would let through.

The mutants come from mutmut 2.x's library API (`mutmut.list_mutations`, `mutmut.mutate`, over
parso), which returns each mutant as a complete source file; each is then judged like any
solution, by `pipeline.judge_file` in a private temp folder. Why this tool:

- mutmut 3 writes every mutant into one module and picks the live one at run time through an
  environment variable its trampolines read; the candidate's code runs in a sandboxed worker
  with a clean environment, so that switch never reaches it. mutmut 2's mutants are plain files.
- cosmic-ray's `mutating.mutate_code` yields whole files too, but its operators replace each
  binary and comparison operator with every other one: about twice as many mutants over the
  eight references (745 against 343), most of them killed by any test, at 2-5 s a judge; and it
  brings aiohttp, SQLAlchemy, GitPython and stevedore. mutmut 2 makes one mutant per site, the
  likeliest slip there (< for <=, n+1 for n, or for and, an assignment of None, continue for
  break, not in for in, False for True, a string's text changed).

A survivor is explained in `solutions/<slug>/mutants.toml`: `equivalent` (no change the statement
pins) or `speed` (only slower: the benchmark's business, not the tests'). Entries name a mutant by
its id, a hash of the changed line's text before and after (and which of several identical such
changes it is), so it survives edits elsewhere in the file.
"""

from __future__ import annotations

import difflib
import hashlib
import random
import sys
import tempfile
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from harness import pipeline
from harness.problems.catalogue import Problem
from harness.judge import JudgeError
from harness.verdicts import ACCEPTED, FAIL, JUDGE_ERROR, JudgeResult

EXPLANATIONS_FILE = "mutants.toml"
KINDS = ("equivalent", "speed")

# What became of a mutant.
KILLED = "killed"  # the hidden tests rejected it
EQUIVALENT = "equivalent"  # accepted, and listed as changing nothing the statement pins
SPEED = "speed"  # accepted, and listed as only slower (the benchmark's business)
BENCH_REJECTED = "bench_rejected"  # accepted by the tests, failed by the benchmark (--bench); a bench that could not run proves nothing
UNEXPLAINED = "unexplained"  # accepted, and nothing says why: a wrong solution the kit accepts
UNDECIDED = "undecided"  # the judge could not run it (twice): proves nothing
STATUSES = (KILLED, EQUIVALENT, SPEED, BENCH_REJECTED, UNEXPLAINED, UNDECIDED)


class MutantsError(Exception):
    """A bad mutants.toml, or a file that cannot be mutation-tested: one line for the user."""


@dataclass(frozen=True)
class Mutant:
    id: str
    line: int  # 1-based, in the original file
    before: str  # the changed line(s), stripped
    after: str
    source: str

    def diff(self, original: str, name: str) -> str:
        lines = difflib.unified_diff(original.splitlines(keepends=True), self.source.splitlines(keepends=True),
                                     fromfile=f"a/{name}", tofile=f"b/{name} ({self.id})")
        return "".join(lines)


@dataclass(frozen=True)
class Explanation:
    id: str
    kind: str
    reason: str


@dataclass
class MutantResult:
    id: str
    line: int
    before: str
    after: str
    status: str
    verdict: str  # the hidden tests' verdict (or judge_error)
    message: str | None = None
    reason: str | None = None  # from mutants.toml
    complexity: str | None = None  # the bench outcome, with --bench
    diff: str | None = None  # survivors only
    duration_s: float = 0.0


@dataclass
class MutationReport:
    problem: str
    file: str  # relative to solutions/<slug>/
    generated: int  # every mutant of the file; `results` may be a part (--limit, --sample)
    results: list[MutantResult] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # mutants.toml ids of this file no mutant has

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def ok(self) -> bool:
        return not self.count(UNEXPLAINED) and not self.count(UNDECIDED)

    def to_dict(self) -> dict[str, Any]:
        counts = {status: self.count(status) for status in STATUSES}
        return {
            "problem": self.problem, "file": self.file, "generated": self.generated, "total": len(self.results),
            **counts, "ok": self.ok, "stale": self.stale, "mutants": [asdict(r) for r in self.results],
        }


def _mutmut() -> Any:
    # mutmut 2 puts the working directory on sys.path and imports a mutmut_config from it on import:
    # neither is wanted here.
    saved = list(sys.path)
    try:
        import mutmut
    except ImportError:
        raise MutantsError("mutation testing needs mutmut 2: pip install 'mutmut>=2.5,<3' (or the kit's dev extra)") from None
    finally:
        sys.path[:] = saved
    if not all(hasattr(mutmut, name) for name in ("Context", "list_mutations", "mutate")):
        raise MutantsError(f"mutation testing needs mutmut 2 (its library API), not mutmut {getattr(mutmut, '__version__', '?')}: "
                           "pip install 'mutmut>=2.5,<3'")
    return mutmut


def mutant_id(before: str, after: str, nth: int) -> str:
    return hashlib.sha256(f"{before}\0{after}\0{nth}".encode()).hexdigest()[:10]


def _changed(original: str, mutated: str) -> tuple[int, str, str]:
    """(first changed line, 1-based; the removed lines; the added lines), stripped: the lines
    between the longest common head and the longest common tail."""
    old, new = original.splitlines(), mutated.splitlines()
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if head == len(old) == len(new):
        raise ValueError("the mutant is the original")
    removed, added = old[head:len(old) - tail], new[head:len(new) - tail]
    return head + 1, "\n".join(s.strip() for s in removed), "\n".join(s.strip() for s in added)


def generate(source: str) -> list[Mutant]:
    """Every mutant mutmut makes of `source`, in source order, each a complete file (duplicates dropped)."""
    mutmut = _mutmut()
    mutants, seen, nths = [], {source}, {}
    for mutation_id in mutmut.list_mutations(mutmut.Context(source=source)):
        mutated, _ = mutmut.mutate(mutmut.Context(source=source, mutation_id=mutation_id))
        if mutated in seen:
            continue
        seen.add(mutated)
        line, before, after = _changed(source, mutated)
        nth = nths.get((before, after), 0)
        nths[(before, after)] = nth + 1
        mutants.append(Mutant(mutant_id(before, after, nth), line, before, after, mutated))
    return mutants


def explanations_path(problem: Problem) -> Path:
    return problem.solutions_dir / EXPLANATIONS_FILE


def load_explanations(problem: Problem, file: str) -> dict[str, Explanation]:
    """The entries of solutions/<slug>/mutants.toml for `file` (relative to solutions/<slug>/; an
    entry without `file` is of the reference)."""
    path = explanations_path(problem)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MutantsError(f"{path}: not valid TOML ({exc})") from exc
    found = {}
    for n, entry in enumerate(data.get("mutant", []), 1):
        if not isinstance(entry, dict):
            raise MutantsError(f"{path}: [[mutant]] {n} is not a table")
        missing = [k for k in ("id", "kind", "reason") if not isinstance(entry.get(k), str) or not entry[k].strip()]
        if missing:
            raise MutantsError(f"{path}: [[mutant]] {n} needs {', '.join(missing)} (text)")
        if entry["kind"] not in KINDS:
            raise MutantsError(f"{path}: [[mutant]] {n}: kind must be one of {', '.join(KINDS)}, not {entry['kind']!r}")
        if entry.get("file", problem.reference) == file:
            found[entry["id"]] = Explanation(entry["id"], entry["kind"], entry["reason"].strip())
    return found


def select(mutants: list[Mutant], *, limit: int | None = None, sample: int | None = None, seed: int = 0,
           ids: Iterable[str] = ()) -> list[Mutant]:
    """A fixed part of the mutants: those of `ids` if any, then `sample` drawn with `seed` (kept in
    source order), then the first `limit`."""
    wanted = set(ids)
    chosen = [m for m in mutants if m.id in wanted] if wanted else mutants
    if sample is not None and sample < len(chosen):
        picked = set(random.Random(seed).sample(range(len(chosen)), sample))
        chosen = [m for i, m in enumerate(chosen) if i in picked]
    if limit is not None:
        chosen = chosen[:limit]
    return chosen


def _judge(problem: Problem, path: Path, *, bench: bool, redis_url: str | None) -> JudgeResult:
    """As `drill test --file` judges (no cluster stage), stopping at the first failure; with `bench`,
    then the complexity benchmark. A judge that cannot run is tried once more. A problem whose
    cluster has replicas keeps its cluster stage: that stage is where its faults are judged."""
    cluster = problem.redis_cluster_replicas > 0
    for attempt in range(2):
        try:
            result = pipeline.judge_file(problem, path, complexity=bench, redis_url=redis_url, exit_first=True, cluster=cluster)
        except JudgeError:
            if attempt:
                raise
            continue
        if result.verdict != JUDGE_ERROR or attempt:
            return result
    raise AssertionError("unreachable")


def tests_verdict(result: JudgeResult) -> str:
    """The hidden tests' verdict: a bench that ran means they accepted it, whatever it then said."""
    return ACCEPTED if result.complexity is not None else result.verdict


def run(
    problem: Problem,
    file: Path | None = None,
    *,
    limit: int | None = None,
    sample: int | None = None,
    seed: int = 0,
    ids: Iterable[str] = (),
    bench: bool = False,
    redis_url: str | None = None,
    check_original: bool = True,
    on_result: Callable[[int, int, MutantResult], None] | None = None,
) -> MutationReport:
    """Mutate `file` (by default the problem's reference; it must be under solutions/<slug>/) and
    judge the mutants. `check_original`: first judge the file itself, which must be accepted.
    `ids`: only these mutants (an id no mutant has is an error)."""
    path = (file or problem.reference_path).resolve()
    try:
        relative = path.relative_to(problem.solutions_dir.resolve()).as_posix()
    except ValueError:
        raise MutantsError(f"{path}: not a solution of {problem.slug} (mutants are of files under {problem.solutions_dir})") from None
    try:
        source = path.read_text(encoding="utf-8")
        compile(source, relative, "exec")
    except (UnicodeDecodeError, SyntaxError, ValueError) as exc:
        raise MutantsError(f"{relative}: not Python source mutmut can parse ({exc})") from None
    explained = load_explanations(problem, relative)
    mutants = generate(source)
    known = {m.id for m in mutants}
    report = MutationReport(problem.slug, relative, len(mutants), stale=sorted(set(explained) - known))
    unknown = sorted(set(ids) - known)
    if unknown:
        raise MutantsError(f"{relative} has no mutant {', '.join(unknown)}")
    chosen = select(mutants, limit=limit, sample=sample, seed=seed, ids=ids)
    with tempfile.TemporaryDirectory(prefix="drill-mutants-") as tmp:
        target = Path(tmp) / problem.file
        if check_original:
            target.write_text(source, encoding="utf-8")
            original = _judge(problem, target, bench=False, redis_url=redis_url)
            if not original.ok:
                raise MutantsError(f"{relative}: the hidden tests do not accept it ({original.verdict}), so its mutants prove nothing")
        for n, mutant in enumerate(chosen, 1):
            target.write_text(mutant.source, encoding="utf-8")
            result = _judge(problem, target, bench=bench, redis_url=redis_url)
            outcome = _outcome(mutant, result, explained.get(mutant.id), source, problem.file)
            report.results.append(outcome)
            if on_result:
                on_result(n, len(chosen), outcome)
    return report


def _outcome(mutant: Mutant, result: JudgeResult, why: Explanation | None, original: str, name: str) -> MutantResult:
    verdict = tests_verdict(result)
    complexity = result.complexity.get("verdict") if result.complexity else None
    if verdict == JUDGE_ERROR:
        status = UNDECIDED
    elif verdict != ACCEPTED:
        status = KILLED
    elif why is not None:
        status = EQUIVALENT if why.kind == "equivalent" else SPEED
    elif complexity == FAIL:
        status = BENCH_REJECTED
    else:
        status = UNEXPLAINED
    survived = verdict == ACCEPTED
    return MutantResult(
        id=mutant.id, line=mutant.line, before=mutant.before, after=mutant.after, status=status, verdict=verdict,
        message=None if survived else result.message, reason=why.reason if why else None, complexity=complexity,
        diff=mutant.diff(original, name) if survived or status == UNDECIDED else None, duration_s=result.duration_s,
    )


def totals(reports: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Reports (as `to_dict` makes them) summed: what `--all` ends with."""
    rows = list(reports)
    keys = ("generated", "total", *STATUSES)
    return {**{k: sum(r[k] for r in rows) for k in keys}, "ok": all(r["ok"] for r in rows)}
