"""Reference solutions against the libraries people would use instead (`drill dev peers`).

Each benchmarks/peers/<slug>.py defines WORKLOADS and `contenders(reference_module)`:
name -> Contender(kind, run). Every contender runs the same prepared input and returns a
checksum, which must agree (a peer that does less would otherwise look faster). Runs are
interleaved in shuffled order, round after round, in one process; a cell's figure is the
median of its rounds (process time, GC off; a contender whose work happens in other
processes times itself and returns `Timed`). Peers are installed by the `peers` extra and
never used by a solution.
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from harness.problems import catalogue
from harness.maintain import messages

PEERS_DIR = "benchmarks/peers"
README_BEGIN, README_END = "<!-- peers:begin -->", "<!-- peers:end -->"
RESULTS_FILE = "benchmarks/results/peers.json"  # the raw figures `--save` writes (nothing is written without it)
PERFORMANCE_DOC = "docs/performance.md"  # where `--save` also writes the table, between the markers
LIMITS = {"pure Python": 1.0, "C": 3.0}  # reference/peer must stay at or below these


class PeersError(Exception):
    """Peer benchmarks cannot run (a missing extra, an unknown problem)."""


@dataclass(frozen=True)
class Workload:
    name: str
    sizes: tuple[int, ...]
    build: Callable[[int, random.Random], Any]
    smoke_size: int = 50
    unit: str = "n"
    timer: str = "process time"  # what the figures are; "wall time" when contenders return Timed
    show_rate: bool = False  # the table also gives units per second (decisions/s)


@dataclass(frozen=True)
class Timed:
    """A run that timed itself: work in other processes or servers, where process time sees nothing."""

    seconds: float
    checksum: Any


@dataclass(frozen=True)
class Contender:
    kind: str  # "reference", "pure Python" or "C"
    run: Callable[[Any], Any]
    note: str = ""


@dataclass
class Row:
    problem: str
    workload: str
    size: int
    unit: str
    peer: str
    kind: str
    reference_s: float
    peer_s: float
    ratio: float  # reference / peer: below 1 the reference is faster
    limit: float
    rounds: int
    note: str = ""
    timer: str = "process time"
    show_rate: bool = False

    @property
    def within(self) -> bool:
        return self.ratio <= self.limit


@dataclass
class PeerReport:
    rows: list[Row] = field(default_factory=list)
    machine: str = ""
    python: str = ""
    rounds: int = 0
    duration_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rows": [asdict(r) | {"within": r.within} for r in self.rows]}


def spec_paths(only: list[str] | None = None) -> list[Path]:
    folder = catalogue.kit_root() / PEERS_DIR
    paths = sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))
    if only:
        wanted = {catalogue.get(s).slug for s in only}
        paths = [p for p in paths if p.stem in wanted]
    return paths


def _load(path: Path, name: str) -> ModuleType:
    try:
        return catalogue.load_module(name, path)
    except ImportError as exc:
        raise PeersError(messages.peer_library_missing(path.name, exc.name)) from exc


def _time(fn: Callable[[Any], Any], data: Any) -> tuple[float, Any]:
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        result = fn(data)
        elapsed = time.process_time() - started
    finally:
        gc.enable()
    if isinstance(result, Timed):
        return result.seconds, result.checksum
    return elapsed, result


def run_peers(only: list[str] | None = None, *, rounds: int = 7, smoke: bool = False, log: Callable[[str], None] = lambda _: None) -> PeerReport:
    import platform

    started = time.monotonic()
    report = PeerReport(machine=messages.machine(platform.machine(), _cpu_name()), python=platform.python_version(), rounds=rounds)
    for path in spec_paths(only):
        problem = catalogue.get(path.stem)
        reference = _load(problem.reference_path, f"_drill_peer_reference_{problem.slug}")
        spec = _load(path, f"_drill_peers_{problem.slug}")
        contenders: dict[str, Contender] = spec.contenders(reference)
        ref_name = next(name for name, c in contenders.items() if c.kind == "reference")
        with getattr(spec, "environment", _nothing)() as env:
            for workload in spec.WORKLOADS:
                for size in [workload.smoke_size] if smoke else workload.sizes:
                    data = workload.build(size, random.Random(f"{workload.name}/{size}"))
                    if env is not None:
                        data = (env, data)
                    times: dict[str, list[float]] = {name: [] for name in contenders}
                    answers: dict[str, Any] = {}
                    order = list(contenders)
                    shuffler = random.Random(size)
                    for _ in range(rounds):
                        shuffler.shuffle(order)
                        for name in order:
                            elapsed, answer = _time(contenders[name].run, data)
                            times[name].append(elapsed)
                            answers.setdefault(name, answer)
                    wrong = [n for n, a in answers.items() if a != answers[ref_name]]
                    if wrong:
                        raise PeersError(messages.peers_disagree(problem.slug, workload.name, size, wrong, answers[wrong[0]], answers[ref_name]))
                    ref_s = statistics.median(times[ref_name])
                    notes = getattr(spec, "NOTES", {})
                    for name, contender in contenders.items():
                        if name == ref_name:
                            continue
                        peer_s = statistics.median(times[name])
                        row = Row(
                            problem=problem.slug, workload=workload.name, size=size, unit=workload.unit, peer=name,
                            kind=contender.kind, reference_s=ref_s, peer_s=peer_s, ratio=ref_s / peer_s if peer_s > 0 else float("inf"),
                            limit=LIMITS.get(contender.kind, 1.0), rounds=rounds, note=contender.note,
                            timer=workload.timer, show_rate=workload.show_rate,
                        )
                        measured = [notes[k] for k in ("reference", name.split()[0]) if k in notes]
                        if measured:
                            row.note = messages.peer_note(contender.note, measured)
                        report.rows.append(row)
                        log(messages.peer_progress(row.problem, row.workload, row.size, row.peer, row.ratio))
    report.duration_s = round(time.monotonic() - started, 1)
    return report


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return messages.UNKNOWN_CPU


def _merged(report: PeerReport, previous: Path) -> PeerReport:
    """A run over some problems replaces their rows and keeps the other problems' rows."""
    try:
        old_rows = json.loads(previous.read_text(encoding="utf-8")).get("rows", [])
    except (OSError, ValueError):
        return report
    fields = set(Row.__dataclass_fields__)
    measured = {row.problem for row in report.rows}
    kept = [Row(**{k: v for k, v in row.items() if k in fields}) for row in old_rows if row.get("problem") not in measured]
    rows = sorted([*kept, *report.rows], key=lambda row: row.problem)  # stable: each problem's rows keep their order
    return PeerReport(rows=rows, machine=report.machine, python=report.python, rounds=report.rounds, duration_s=report.duration_s)


def report_from_results(path: Path) -> PeerReport:
    """The saved figures (RESULTS_FILE) as a PeerReport; an empty one if there are none yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return PeerReport()
    fields = set(Row.__dataclass_fields__)
    rows = [Row(**{k: v for k, v in row.items() if k in fields}) for row in data.get("rows", [])]
    return PeerReport(rows=rows, machine=data.get("machine", ""), python=data.get("python", ""),
                      rounds=data.get("rounds", 0), duration_s=data.get("duration_s", 0.0))


def write_table(doc: Path, table: str) -> None:
    """Replace the text between README_BEGIN and README_END in `doc` with `table`."""
    text = doc.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        raise PeersError(messages.readme_without_section(str(doc), README_BEGIN, README_END))
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    doc.write_text(f"{head}{README_BEGIN}\n{table}\n{README_END}{tail}", encoding="utf-8")


def write_results(report: PeerReport, table: Callable[[PeerReport], str], *, root: Path | None = None) -> Path:
    """`--save`: the figures into RESULTS_FILE (a run over some problems keeps the others' rows),
    and the table they make into PERFORMANCE_DOC, drawn by `table` (the command line hands in
    render.markdown.peers_table). Only ever called when asked: a plain `drill dev peers` writes
    nothing, so a user's clone stays clean."""
    root = root or catalogue.kit_root()
    out = root / RESULTS_FILE
    report = _merged(report, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    write_table(root / PERFORMANCE_DOC, table(report_from_results(out)))
    return out
