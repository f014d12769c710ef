"""`drill bench`: the candidate's growth against the reference's, each in its own sandboxed worker.

This process is trusted and never loads the candidate. For each family of
benchmarks/<slug>/bench.py it has both workers build inputs (untimed, a fresh input from
a new seed every round, so nothing can be remembered from one round to the next) and
run them, and reads each worker's CPU time from the kernel around the run: all of its
work, in the one thread the sandbox allows, freed objects included. Then:
  1. probes: one run each at n1 and n2; the candidate's run at n2 gets a cap of
     max(2 s, 8 x what the reference's growth predicts), so a hopeless solution costs seconds;
  2. rounds: both sides at n1 and n2 in shuffled order, each sample >= 5 ms, min per cell
     (the two workers build their inputs at the same time where each has its own clock);
     a clear pass after 4 of the 7 rounds ends them;
  3. if the result is not passing, more rounds: a fail must repeat to count.
A candidate that raises, dies, or runs out of time or memory on a family fails it, with
the reason; only the kit's own failures (the reference, Redis) leave it unmeasured.
"""

from __future__ import annotations

import math
import random
import secrets
import shutil
import statistics as stats_module
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

from harness.bench.complexity import (
    BUILD,
    ERROR,
    PREPARE,
    RUN,
    FAIL,
    INCONCLUSIVE,
    HIDDEN_CHECK_SLOWDOWN,
    PASS,
    RULE_HIDDEN,
    RULE_HIDDEN_BETWEEN,
    TIME_FAIL,
    ComplexityReport,
    CountedFamily,
    TimedFamily,
    classify_count,
    classify_hidden,
    classify_time,
    clear_pass,
    decide,
    excess,
    growth,
    settle_time,
    slowdown,
    likely_causes,
    marginal_growth,
    spec_calls,
    time_rule,
)
from harness.problems.catalogue import Problem, load_module
from harness.judge import JudgeError, judge_environment
from harness.limits import TimeLimitExceeded
from harness.bench import messages
from harness.sandbox.benchkit import redis_server_time, spec_problem, trusted_redis
from harness.sandbox.benchkit import redis_url as trusted_redis_url
from harness.services.redis.env import RedisEnv
from harness.verdicts import MEMORY_LIMIT_EXCEEDED, RUNTIME_ERROR, TOO_SLOW, WRONG_ANSWER
from harness.worker.channel import Budget, WorkerDied, candidate_exception
from harness.worker.loading import shown_frame, start_and_load
from harness.worker.process import WorkerGone

SAMPLE_S = 0.005
ROUNDS, RETRY_ROUNDS, CONFIRM_ROUNDS = 7, 11, 5
EARLY_ROUNDS = 4  # a clear pass (complexity.clear_pass) after this many of the first rounds is final
PROBE_FLOOR_S, PROBE_FACTOR = 2.0, 8.0
# A run's wall backstop: 3 x its CPU cap + 10 s, plus this many times the reference's wall time
# at that size (a run that waits for Redis spends most of its wall time waiting).
WALL_PER_REFERENCE = 8.0
# One run at n2 may never take longer than this, however slow the run at n1 already was.
PROBE_CEILING_S = 20.0
# Over this many times the reference's time at n2, twice, with G past the fail threshold: no rounds.
HOPELESS_SLOWDOWN = 100.0
BUILD_CPU_S = 60.0
BUILD_FLOOR_S, BUILD_FACTOR = 3.0, 20.0  # the candidate's builds and prepares: max(3 s, 20 x the reference's)
PLOT_POINTS = 5
# Building inputs runs only the spec's code: a candidate whose build takes much longer than
# the reference's in the round its statistic comes from did work there (a patched random, say).
BUILD_SLACK, BUILD_SLACK_S = 3.0, 0.01
# prepare() runs the candidate's own set-up calls, which may cost more than the reference's
# (the statements allow it); it never sees the timed part, so this only bounds work moved there.
PREPARE_SLACK, PREPARE_SLACK_S = 10.0, 0.05
# A measurement still between the thresholds after settle_time gets more rounds, EXTRA_STEP at
# a time, until it is decided, up to EXTRA_ROUNDS more rounds or EXTRA_WALL_S of wall time.
EXTRA_STEP, EXTRA_ROUNDS, EXTRA_WALL_S = 4, 24, 20.0


class BenchError(Exception):
    """The bench cannot run for this problem or file (not a verdict)."""


def spec_path(problem: Problem) -> Path:
    return problem.benchmarks_dir / "bench.py"


def has_bench(problem: Problem) -> bool:
    return spec_path(problem).is_file()


def load_spec(problem: Problem) -> ModuleType:
    """The spec, in this trusted process: for its families, target and timers (kit code only).
    A spec that breaks a rule of the harness is refused here (BenchError)."""
    spec = load_module(f"_drill_bench_meta_{problem.slug}", spec_path(problem))
    trouble = spec_problem(spec)
    if trouble:
        raise BenchError(messages.bench_spec_refused(spec_path(problem), trouble))
    return spec


def baseline_path(problem: Problem, spec: ModuleType) -> Path:
    """The solution growth is measured against: the problem's reference, unless the spec names
    another accepted one (a reference that defers work would hide per-operation costs)."""
    name = getattr(spec, "REFERENCE", None)
    return problem.solutions_dir / name if name else problem.reference_path


@dataclass
class Stage:
    """A build (or prepare) a worker was asked for: its size, its copies, the worker's CPU time
    before it, its budget."""

    n: int
    copies: int
    cpu0: float
    budget: Budget
    started: float  # time.monotonic() when it was asked for (its budget's wall clock starts then)
    op: str = "build"


@dataclass
class Untimed:
    """One side's untimed CPU time per copy in one round, as the kernel read it: the spec's
    build of the input, and the candidate's prepare() on it."""

    build: float
    prepare: float = 0.0


class CandidateFailed(Exception):
    """The candidate could not be measured on a family because of what it did."""

    def __init__(self, outcome: str, reason: str) -> None:
        super().__init__(reason)
        self.outcome = outcome
        self.reason = reason
        self.stage = RUN  # where: the timed run, or the untimed set-up before it (BUILD, PREPARE)
        self.n: int | None = None  # the size it happened at


class ReferenceFailed(CandidateFailed):
    """The reference's worker failed (a kit problem): the family is not measured."""


class CandidateNotLoaded(Exception):
    """The candidate's file did not load for the bench: the verdict drill test would give it
    (invalid_solution, or the limit it ran out of), and why."""

    def __init__(self, verdict: str, message: str) -> None:
        super().__init__(message)
        self.verdict, self.message = verdict, message


class Side:
    """One worker (the candidate's or the reference's) with the spec and a file loaded."""

    def __init__(self, problem: Problem, file: Path, spec_file: Path, who: str, redis: RedisEnv | None,
                 shown_as: str | None = None) -> None:
        """`shown_as`: how the user named the candidate's file (its load error and tracebacks say so)."""
        self.problem, self.who = problem, who
        self.shown_as = shown_as or file.name
        self._tmp = tempfile.TemporaryDirectory(prefix=f"drill-bench-{who}-")
        folder = Path(self._tmp.name)
        shutil.copyfile(file, folder / problem.file)
        # The bench's own kit module is imported before the candidate's file: nothing the
        # candidate installs at import (a meta-path finder, say) is in the way of loading it.
        self.channel, failure = start_and_load(problem, folder, redis=redis, bench_spec=spec_file, preload=("sandbox.benchkit",),
                                               shown_as=self.shown_as)
        if failure is not None:
            self.close()
            if who == "ref":  # a kit problem, not a verdict
                raise BenchError(messages.does_not_load_for_bench(file.name, failure.message))
            raise CandidateNotLoaded(failure.verdict, failure.message)

    def request(self, message: dict[str, Any], budget: Budget) -> dict[str, Any]:
        """A request under `budget`; what the candidate does wrong becomes CandidateFailed."""
        self.send(message, budget)
        return self.receive()

    def send(self, message: dict[str, Any], budget: Budget) -> None:
        """The first half of request(): the worker starts on it while this process does other things."""
        self.channel.push_budget(budget)
        try:
            self.channel.send(message)
        except WorkerDied as exc:
            self.channel.budgets.clear()
            raise self._failure(exc.verdict, exc.message) from None

    def _failure(self, outcome: str, reason: str) -> CandidateFailed:
        return (ReferenceFailed if self.who == "ref" else CandidateFailed)(outcome, reason)

    def receive(self) -> dict[str, Any]:
        try:
            return self._receive()
        except CandidateFailed as exc:
            if self.who == "ref" and not isinstance(exc, ReferenceFailed):
                raise ReferenceFailed(exc.outcome, exc.reason) from None
            raise

    def _receive(self) -> dict[str, Any]:
        """The second half of request(): waits for the answer, under the budget send() set."""
        try:
            reply = self.channel.receive()
        except TimeLimitExceeded as exc:
            raise CandidateFailed(TOO_SLOW, str(exc)) from None
        except WorkerDied as exc:
            raise CandidateFailed(exc.verdict, exc.message) from None
        finally:
            self.channel.budgets.clear()
        if "raised" in reply:
            raised = reply["raised"] if isinstance(reply["raised"], dict) else {}
            if raised.get("type") == "MemoryError":
                raise CandidateFailed(MEMORY_LIMIT_EXCEEDED, messages.MEMORY_ERROR_ON_BENCHMARK)
            exc = candidate_exception(raised)
            frame = shown_frame(exc.info["frames"][-1], self.problem.file, self.shown_as) if exc.info["frames"] else None
            raise CandidateFailed(RUNTIME_ERROR, messages.raised_on_benchmark(exc.info["type"], exc.info["message"], frame))
        return reply

    def select(self, spec_file: str, index: int, count: bool, redis_urls: list[str]) -> None:
        self.request({"op": "bench", "spec": spec_file, "family": index, "count": count,
                      "redis_url": redis_urls[0] if redis_urls else None, "redis_urls": redis_urls},
                     Budget(BUILD_CPU_S, 2 * BUILD_CPU_S, messages.LOADING_THE_BENCHMARK))

    def close(self) -> None:
        self.channel.close()
        self._tmp.cleanup()


class Measure:
    """Both sides of one bench run."""

    def __init__(self, problem: Problem, spec: ModuleType, cand: Side, ref: Side, plot: bool, redis: RedisEnv | None) -> None:
        self.problem, self.spec, self.cand, self.ref, self.plot, self.redis = problem, spec, cand, ref, plot, redis
        # The workers reach each server only through its guard's socket.
        self.redis_urls = [f"unix://{path}" for path in redis.sockets] if redis is not None else []
        self.wall = getattr(spec, "TIMER", "process") == "wall"
        # "process+redis": the worker's CPU time plus the time the (one) Redis server spent running
        # commands. Unlike a wall clock, neither counts the time a busy machine keeps either
        # process waiting, which grows with the round trips a run makes.
        self.server_time = redis_server_time(trusted_redis_url) if getattr(spec, "TIMER", "process") == "process+redis" else None
        self.prepares = callable(getattr(spec, "prepare", None))
        # A spec whose statement allows set-up far above the reference's says so (PREPARE_SLACK =
        # None): its prepare() is then only capped. It never sees the timed part either way.
        self.prepare_slack = getattr(spec, "PREPARE_SLACK", PREPARE_SLACK)
        # The reference's untimed CPU per copy at each size, as the kernel read it: the caps of
        # the candidate's builds and prepares are sized from these, never from what a worker says.
        self.ref_untimed: dict[int, Untimed] = {}
        self.checks: dict[tuple[str, int, str], dict[str, Any]] = {}
        self.timed_seeds: dict[tuple[str, int, str], str] = {}
        self.run_cpu: dict[tuple[str, int], float] = {}
        self.ref_wall: dict[int, float] = {}  # the reference's latest wall time per copy at each size

    def _timer(self, family: Any, side: Side) -> Callable[[], float]:
        if family.timer is not None:
            return family.timer
        if self.wall:
            return time.perf_counter
        cpu_s = side.channel.process.cpu_s
        if self.server_time is not None:
            server_s = self.server_time
            return lambda: cpu_s() + server_s()
        return cpu_s

    # --- one round of one side: untimed set-up, then the timed run ---------------------------

    def sample(self, side: Side, family: Any, n: int, copies: int, phase: str, cap_s: float) -> tuple[float, Any, int, Untimed]:
        """Build `copies` fresh inputs of size n from `phase` (untimed), run them all (timed from
        outside). Returns (seconds per run, the calls run() made, the count, the untimed CPU).
        Both sides get the same seeds and the same copies, and their answers must agree."""
        untimed = self.set_up({side.who: (side, n, copies, phase)})[side.who]
        t, calls, count = self.run(side, family, n, copies, phase, cap_s)
        return t, calls, count, untimed

    def stage_cap(self, who: str, n: int, copies: int, op: str) -> float:
        """The CPU time a build or prepare may take: the candidate's is capped from the
        reference's of the same size (max(BUILD_FLOOR_S, BUILD_FACTOR x)), once that is known."""
        ref = self.ref_untimed.get(n)
        known = math.inf if ref is None else (ref.build if op == "build" else ref.prepare)
        if who == "ref" or known == math.inf:
            return BUILD_CPU_S
        return max(BUILD_FLOOR_S, BUILD_FACTOR * known * copies)

    def start_stage(self, side: Side, n: int, copies: int, op: str, seed: str = "") -> Stage:
        """Has `side` build (or prepare) its inputs; finish_stage() waits for them."""
        cap = self.stage_cap(side.who, n, copies, op)
        doing = messages.building_inputs(n) if op == BUILD else messages.setting_up(n)
        with _failing_in(op, n):
            if op == BUILD:  # what earlier runs left is freed first, in a request of its own (capped, not compared)
                side.request({"op": "free"}, Budget(cap, 2 * cap + 10, doing))
            stage = Stage(n, copies, side.channel.process.cpu_s(), Budget(cap, 2 * cap + 10, doing), time.monotonic(), op)
            side.send({"op": "build", "n": n, "seed": seed, "copies": copies} if op == BUILD else {"op": "prepare"}, stage.budget)
        return stage

    def finish_stage(self, side: Side, stage: Stage) -> float:
        """Waits for a build or prepare; returns its CPU time per copy, read from the kernel."""
        if side.who == "cand" and stage.n in self.ref_untimed:
            # Its cap, now that the reference's is known; the wall clock counts from now.
            stage.budget.cpu_s = self.stage_cap("cand", stage.n, stage.copies, stage.op)
            stage.budget.wall_s = time.monotonic() - stage.started + 2 * stage.budget.cpu_s + 10
        with _failing_in(stage.op, stage.n):
            side.receive()
        return (side.channel.process.cpu_s() - stage.cpu0) / stage.copies

    def set_up(self, jobs: dict[str, tuple[Side, int, int, str]]) -> dict[str, Untimed]:
        """Builds (then prepares) on each side of `jobs` (who -> (side, n, copies, phase)), both at
        once where they may: the reference's answer is read first, so that a failed candidate
        leaves no answer unread."""
        order = sorted(jobs, key=lambda who: who != "ref")
        together = len(jobs) == 2
        out: dict[str, Untimed] = {}
        for op in ("build", "prepare") if self.prepares else ("build",):
            pending: dict[str, Stage] = {}
            if together:
                for who in order:
                    try:
                        pending[who] = self.start_stage(jobs[who][0], jobs[who][1], jobs[who][2], op, jobs[who][3])
                    except CandidateFailed:
                        for started in pending:  # the other side's answer is read, so that its next one is its own
                            self.drain(jobs[started][0], pending[started])
                        raise
            for who in order:
                side, n, copies, phase = jobs[who]
                try:
                    cpu = self.finish_stage(side, pending[who] if together else self.start_stage(side, n, copies, op, phase))
                except ReferenceFailed:
                    if together:
                        self.drain(jobs["cand"][0], pending["cand"])
                    raise
                if op == "build":
                    out[who] = Untimed(cpu)
                else:
                    out[who].prepare = cpu
                if who == "ref":  # at once: the candidate's cap of this very stage comes from it
                    known = self.ref_untimed.setdefault(n, Untimed(math.inf, math.inf))
                    if op == "build":
                        known.build = min(known.build, cpu)
                    else:
                        known.prepare = min(known.prepare, cpu)
        return out

    def drain(self, side: Side, stage: Stage) -> None:
        """Reads the answer to a build nobody will run, so that the next request's answer is its own."""
        try:
            self.finish_stage(side, stage)
        except CandidateFailed:
            pass

    def timed_seed(self, family: Any, n: int, phase: str) -> str:
        """The seed of a round's timed part: random, the same for both sides, and sent only with
        the timed run, so that no untimed request can build the timed part ahead."""
        return self.timed_seeds.setdefault((family.name, n, phase), secrets.token_hex(12))

    def run(self, side: Side, family: Any, n: int, copies: int, phase: str, cap_s: float) -> tuple[float, Any, int]:
        """Runs the inputs `side` has built, timed from outside."""
        key = (side.who, n)
        timer = self._timer(family, side)
        cpu1 = side.channel.process.cpu_s()
        # The wall backstop stops a run that waits without working (its CPU is capped); it also
        # grows with the reference's wall time at this size, so that waits for a server, which a
        # busy machine lengthens for both sides, never pass it before the CPU cap would.
        wall_s = 3 * cap_s + 10 + WALL_PER_REFERENCE * self.ref_wall.get(n, 0.0) * copies
        wall0 = time.monotonic()
        started = timer()
        with _failing_in(RUN, n):
            reply = side.request({"op": "run", "seed": self.timed_seed(family, n, phase)},
                                 Budget(cap_s, wall_s, messages.one_run_at(family.unit, n)))
        elapsed = timer() - started
        if side.who == "ref":  # the latest: the machine as busy as the candidate's next run finds it
            self.ref_wall[n] = (time.monotonic() - wall0) / copies
        if self.redis is not None and self._times_the_server(family):
            # Both sides share the server, and its time (or the wall clock) is timed: what a worker
            # queued there and did not wait for must not run in the next run, the other side's.
            self.redis.drop_worker_connections()
        # The caps are on the worker's CPU time, whatever the family times (the Redis server's, say).
        self.run_cpu[key] = min(self.run_cpu.get(key, math.inf), (side.channel.process.cpu_s() - cpu1) / copies)
        self._compare(family, n, phase, copies, side.who, reply.get("check"))
        count = reply.get("count")
        return elapsed / copies, reply.get("value"), count if type(count) is int else 0

    def _times_the_server(self, family: Any) -> bool:
        """Whether a run of `family` is timed by a clock that sees a shared Redis server's work."""
        return self.wall or self.server_time is not None or family.timer is not None

    def builds_side_by_side(self, family: Any) -> bool:
        """Whether the two workers may build at the same time. Only where each is timed by its own
        CPU clock: a wall clock, or a shared server's clock, would see the other's work."""
        return not self.wall and family.timer is None and "redis" not in self.problem.needs

    def _compare(self, family: Any, n: int, phase: str, copies: int, who: str, check: Any) -> None:
        """Every run's answers, on both sides: the reference's must be a digest per copy (else the
        spec is refused), the candidate's must be the same."""
        if who == "ref" and not (type(check) is list and len(check) == copies and all(type(d) is str for d in check)):
            raise BenchError(messages.bench_spec_refused(spec_path(self.problem), messages.RUN_RETURNS_NO_ANSWERS))
        answers = self.checks.setdefault((family.name, n, phase), {})
        answers[who] = check
        if len(answers) == 2:
            del self.checks[(family.name, n, phase)]
            if not (type(answers["cand"]) is list and answers["cand"] == answers["ref"]):
                raise CandidateFailed(WRONG_ANSWER, messages.answers_differ_on_benchmark(family.unit, n, _first_differing(answers["cand"], answers["ref"])))

    def _select(self, index: int, count: bool) -> None:
        for side in (self.cand, self.ref):
            side.select("/drill/bench.py" if side.channel.process.protections.sandboxed else str(spec_path(self.problem)), index, count, self.redis_urls)

    def _moved_work(self, out: Any, cand: Untimed, ref: Untimed) -> bool:
        """True (and `out` failed) if the candidate's untimed CPU in a round that counts is far
        above the reference's: its build (the spec's code only) past BUILD_SLACK x, its prepare
        past PREPARE_SLACK x. Work moved out of the timed runs is too slow."""
        moved, stage = None, BUILD
        if cand.build > BUILD_SLACK * ref.build + BUILD_SLACK_S:
            moved = messages.work_moved_to_builds(cand.build, ref.build)
        elif self.prepares and self.prepare_slack is not None and cand.prepare > self.prepare_slack * ref.prepare + PREPARE_SLACK_S:
            moved, stage = messages.work_moved_to_prepare(cand.prepare, ref.prepare), PREPARE
        if moved is None:
            return False
        out.verdict, out.g, out.outcome, out.stage = FAIL, math.inf, TOO_SLOW, stage
        out.error = moved
        return True

    def family(self, index: int, family: Any) -> TimedFamily:
        n1, n2 = family.sizes
        out = TimedFamily(name=family.name, unit=family.unit, n1=n1, n2=n2, timer=family.timer_name or "")
        sizes = plot_sizes(n1, n2) if self.plot else [n1, n2]
        try:
            self._select(index, False)
        except CandidateFailed as exc:
            return self._failed(out, exc)

        def seed(n: int, phase: str) -> str:
            return f"{family.name}/{n}/{phase}"  # the same for both sides, new for every phase

        # Probes, size by size: the reference's run, then the candidate's, capped from it (the
        # candidate's input is built meanwhile where the two may build side by side).
        ref_times: dict[int, float] = {}
        cand_times: dict[int, float] = {}
        cpu = self.run_cpu

        def probe(n: int) -> bool:
            """One run of each side at n; False if the family ends there (out says how)."""
            phase = seed(n, "probe")
            jobs = {"ref": (self.ref, n, 1, phase), "cand": (self.cand, n, 1, phase)}
            try:
                untimed = self.set_up(jobs if self.builds_side_by_side(family) else {"ref": jobs["ref"]})
                ref_times[n], ops, _ = self.run(self.ref, family, n, 1, phase, 120.0)
                if n in (n1, n2) and isinstance(ops, int):
                    out.ops = (ops, ops) if out.ops is None else (out.ops[0], ops)
                if "cand" not in untimed:
                    untimed.update(self.set_up({"cand": jobs["cand"]}))
                cap = max(PROBE_FLOOR_S, 50 * cpu["ref", n1]) if n == n1 else self._probe_cap(n1, n)
                cand_times[n], _, _ = self.run(self.cand, family, n, 1, phase, cap)
            except CandidateFailed as exc:
                if exc.outcome == TOO_SLOW and not isinstance(exc, ReferenceFailed):
                    out.verdict, out.g, out.outcome, out.stage, out.failed_at = FAIL, math.inf, TOO_SLOW, exc.stage, exc.n
                    out.probe = messages.probe_stopped_at_cap(exc.reason, exc.stage)
                    out.growths = [math.inf]
                    return False
                self._failed(out, exc)
                return False
            return not self._moved_work(out, untimed["cand"], untimed["ref"])

        for n in sizes:
            if not probe(n):
                return out
        if self._hopeless(out, family, n1, n2, cand_times, ref_times, seed(n2, "confirm")):
            return out

        calls_at: dict[int, int] = {}  # the calls one run makes at each size, for --plot
        side_of = {"cand": self.cand, "ref": self.ref}
        sample_s = getattr(family, "sample_s", SAMPLE_S)
        # Both sides run the same copies at each size (their answers are compared copy by copy):
        # as many as the faster needs for a sample of sample_s.
        def copies_at(n: int) -> int:
            return max(1, min(200, math.ceil(sample_s / max(min(cand_times[n], ref_times[n]), 1e-7))))

        copies = {n: copies_at(n) for n in sizes}

        class Rounds:
            """One measurement at `at` sizes: each cell's rounds, as (run time, that round's untimed CPU)."""

            def __init__(self, order_seed: int, at: list[int]) -> None:
                self.order_seed, self.count, self.sizes = order_seed, 0, at
                self.log: dict[tuple[str, int], list[tuple[float, Untimed]]] = {(who, n): [] for who in ("cand", "ref") for n in at}
                self.order = random.Random(order_seed)

            def best(self) -> dict[tuple[str, int], float]:
                return {cell: min(t for t, _ in rounds) for cell, rounds in self.log.items()}

            def second_best(self) -> dict[tuple[str, int], float]:
                return {cell: sorted(t for t, _ in rounds)[min(1, len(rounds) - 1)] for cell, rounds in self.log.items()}

            def best_round(self, cell: tuple[str, int]) -> tuple[float, Untimed]:
                return min(self.log[cell], key=lambda entry: entry[0])

        def measure(m: Rounds, rounds: int, stop_when_clear: bool = False) -> None:
            """`rounds` more rounds of `m`: with `stop_when_clear`, EARLY_ROUNDS are enough for a clear pass."""
            cells = [(who, n) for who in ("cand", "ref") for n in m.sizes]

            def run_cell(who: str, n: int, phase: str, untimed: Untimed) -> None:
                cap = max(PROBE_FLOOR_S, 8 * self.run_cpu[(who, n)]) * copies[n]
                t, calls, _ = self.run(side_of[who], family, n, copies[n], phase, cap)
                m.log[(who, n)].append((t, untimed))
                if who == "ref" and type(calls) is int:
                    calls_at[n] = calls

            for _ in range(rounds):
                r = m.count
                m.order.shuffle(cells)
                phase = f"{m.order_seed}.{r}"
                if not self.builds_side_by_side(family):
                    for who, n in cells:
                        untimed = self.set_up({who: (side_of[who], n, copies[n], seed(n, phase))})[who]
                        run_cell(who, n, seed(n, phase), untimed)
                else:
                    # A candidate's cell and a reference's cell build at once (two workers on two
                    # cores, each build timed by its own worker's clock), then run one after the other, alone.
                    for pair in zip([c for c in cells if c[0] == "cand"], [c for c in cells if c[0] == "ref"]):
                        untimed = self.set_up({who: (side_of[who], n, copies[n], seed(n, phase)) for who, n in pair})
                        for who, n in sorted(pair, key=cells.index):
                            run_cell(who, n, seed(n, phase), untimed[who])
                m.count += 1
                if stop_when_clear and m.count >= EARLY_ROUNDS and clear_pass(*statistics(m.best())):
                    return

        def statistics(cells: dict[tuple[str, int], float]) -> tuple[float, float, float]:
            """(G, E, slowdown at n2) of one measurement."""
            cand, ref = (cells["cand", n1], cells["cand", n2]), (cells["ref", n1], cells["ref", n2])
            return growth(cand, ref), excess(cand, ref), slowdown(cand[1], ref[1])

        def hidden_figures(cells: dict[tuple[str, int], float], mid: int) -> tuple[float, float]:
            """(G_d, E_d) of one measurement at (n1, mid, n2)."""
            return marginal_growth([cells["cand", n] for n in (n1, mid, n2)], [cells["ref", n] for n in (n1, mid, n2)])

        taken: list[Rounds] = []

        def take(k: int, after_fail: bool) -> tuple[float, float, float]:
            m = Rounds(k, sizes)
            taken.append(m)
            if k == 1:
                measure(m, getattr(family, "rounds", 0) or ROUNDS, stop_when_clear=True)
            else:  # a fail must repeat to count; a result between the thresholds gets more rounds
                measure(m, CONFIRM_ROUNDS if after_fail else RETRY_ROUNDS)
            result = statistics(m.best())
            out.growths.append(result[0])
            return result

        try:
            verdict, (g, e, sd), shown = settle_time(take)
            m = taken[shown - 1]
            if verdict == INCONCLUSIVE:
                # Undecided: more rounds of the measurement shown, a few at a time, until decided or capped.
                m = taken[-1]
                deadline, extra = time.monotonic() + EXTRA_WALL_S, 0
                while extra < EXTRA_ROUNDS and time.monotonic() < deadline:
                    measure(m, EXTRA_STEP)
                    extra += EXTRA_STEP
                    g, e, sd = statistics(m.best())
                    verdict = classify_time(g, e, sd)
                    out.growths.append(g)
                    if verdict != INCONCLUSIVE:
                        break
                out.extra_rounds = extra
            mid = round(math.sqrt(n1 * n2))
            third: Rounds | None = None
            if verdict == PASS and sd > HIDDEN_CHECK_SLOWDOWN and n1 < mid < n2:
                # A cost the same in every run would hide growth from G and E: a third size, whose
                # differences of times it cannot touch (complexity.marginal_growth).
                if mid not in cand_times and not probe(mid):
                    return out
                copies.setdefault(mid, copies_at(mid))
                third = Rounds(len(taken) + 1, [n1, mid, n2])
                measure(third, ROUNDS)
                hidden_verdict = classify_hidden(hidden_figures(third.best(), mid), hidden_figures(third.second_best(), mid))
                deadline, extra = time.monotonic() + EXTRA_WALL_S, 0
                while hidden_verdict == INCONCLUSIVE and extra < EXTRA_ROUNDS and time.monotonic() < deadline:
                    measure(third, EXTRA_STEP)
                    extra += EXTRA_STEP
                    hidden_verdict = classify_hidden(hidden_figures(third.best(), mid), hidden_figures(third.second_best(), mid))
                out.extra_rounds += extra
        except CandidateFailed as exc:
            return self._failed(out, exc)
        best = m.best()
        out.rounds = sum(t.count for t in taken)
        out.g, out.excess, out.slowdown, out.verdict = g, e, sd, verdict
        out.rule = time_rule(verdict, g, e, sd)
        if third is not None:
            third_best = third.best()
            out.rounds += third.count
            out.mid, out.hidden = mid, hidden_figures(third_best, mid)
            out.mid_cand = (third_best["cand", n1], third_best["cand", mid], third_best["cand", n2])
            out.mid_ref = (third_best["ref", n1], third_best["ref", mid], third_best["ref", n2])
            if hidden_verdict != PASS:
                out.verdict = hidden_verdict
                out.rule = RULE_HIDDEN if hidden_verdict == FAIL else RULE_HIDDEN_BETWEEN
        if out.verdict == FAIL:
            out.outcome = TOO_SLOW
        out.cand = (best["cand", n1], best["cand", n2])
        out.ref = (best["ref", n1], best["ref", n2])
        if self.plot:
            out.curve = {who: [[n, best[who, n], calls_at.get(n, 0)] for n in sizes] for who in ("cand", "ref")}
        # The statistic's rounds and their own set-up: the candidate's untimed CPU in the round
        # whose run counts, against the reference's usual (median) one at that size.
        for rounds in [m] if third is None else [m, third]:
            for n in rounds.sizes:
                _, cand_untimed = rounds.best_round(("cand", n))
                ref_rounds = [u for _, u in rounds.log["ref", n]]
                ref_untimed = Untimed(stats_module.median(u.build for u in ref_rounds), stats_module.median(u.prepare for u in ref_rounds))
                if self._moved_work(out, cand_untimed, ref_untimed):
                    return out
        return out

    def _probe_cap(self, n1: int, n: int) -> float:
        """The candidate's one-run cap at size n: PROBE_FACTOR x what its run at n1 and the
        reference's growth from n1 to n predict, within [PROBE_FLOOR_S, PROBE_CEILING_S]."""
        cpu = self.run_cpu
        expected = cpu["cand", n1] * cpu["ref", n] / max(cpu["ref", n1], 1e-9)
        return min(PROBE_CEILING_S, max(PROBE_FLOOR_S, PROBE_FACTOR * expected))

    def _hopeless(self, out: TimedFamily, family: Any, n1: int, n2: int, cand: dict[int, float], ref: dict[int, float], phase: str) -> bool:
        """A probe far past the fail thresholds (G > 4 and over HOPELESS_SLOWDOWN x the reference at
        n2), confirmed by one more run at n2 (on an input the reference also answers), fails the
        family without rounds: each of its runs at n2 takes seconds, and rounds of them took
        minutes (Bellman-Ford on dijkstra: 194 s)."""
        g = growth((cand[n1], cand[n2]), (ref[n1], ref[n2]))
        first = slowdown(cand[n2], ref[n2])
        if not (g > TIME_FAIL and first > HOPELESS_SLOWDOWN):
            return False
        try:
            jobs = {"ref": (self.ref, n2, 1, phase), "cand": (self.cand, n2, 1, phase)}
            untimed = self.set_up(jobs if self.builds_side_by_side(family) else {"ref": jobs["ref"]})
            self.run(self.ref, family, n2, 1, phase, 120.0)
            if "cand" not in untimed:
                untimed.update(self.set_up({"cand": jobs["cand"]}))
            again, _, _ = self.run(self.cand, family, n2, 1, phase, self._probe_cap(n1, n2))
        except CandidateFailed as exc:
            self._failed(out, exc)
            return True
        second = slowdown(again, ref[n2])
        if second <= HOPELESS_SLOWDOWN:
            return False
        out.verdict, out.outcome, out.g, out.growths, out.slowdown = FAIL, TOO_SLOW, g, [g], min(first, second)
        out.rule = time_rule(FAIL, g, 0.0, out.slowdown)
        out.cand, out.ref = (cand[n1], min(cand[n2], again)), (ref[n1], ref[n2])
        out.probe = messages.hopeless_probe(first, second, family.unit, n2, g)
        return True

    @staticmethod
    def _failed(out: Any, exc: CandidateFailed) -> Any:
        if isinstance(exc, ReferenceFailed):  # the kit's failure: the family is not measured
            out.verdict, out.error = ERROR, messages.reference_failed(exc.reason)
            return out
        out.verdict, out.g, out.outcome, out.stage, out.failed_at = FAIL, math.inf, exc.outcome, exc.stage, exc.n
        out.error = exc.reason
        return out

    def counted(self, index: int, family: Any) -> CountedFamily:
        n1, n2 = family.sizes
        out = CountedFamily(name=family.name, unit=family.unit, n1=n1, n2=n2, label=family.label)
        counts: dict[tuple[str, int], int] = {}
        ops: dict[int, int] = {}
        timing: dict[tuple[str, int], float] = {}
        untimed: dict[tuple[str, int], Untimed] = {}
        try:
            self._select(index, True)
        except CandidateFailed as exc:
            return self._failed(out, exc)
        for who, side in (("ref", self.ref), ("cand", self.cand)):
            for n in (n1, n2):
                cap = 60.0
                if who == "cand" and n == n2:
                    expected = timing["cand", n1] * timing["ref", n2] / max(timing["ref", n1], 1e-9)
                    cap = max(5.0, PROBE_FACTOR * expected)
                try:
                    timing[who, n], result, counts[who, n], untimed[who, n] = self.sample(side, family, n, 1, f"{family.name}/{n}", cap)
                except CandidateFailed as exc:
                    if who == "ref" or isinstance(exc, ReferenceFailed):
                        out.verdict, out.error = ERROR, messages.reference_failed(exc.reason)
                        return out
                    if exc.outcome == TOO_SLOW and exc.stage == RUN:
                        out.verdict, out.g, out.outcome, out.failed_at = FAIL, math.inf, TOO_SLOW, n
                        out.label += messages.counted_run_past_cap(family.unit, n, cap)
                        return out
                    return self._failed(out, exc)
                if isinstance(result, int):
                    ops[n] = result
                if who == "cand" and self._moved_work(out, untimed["cand", n], untimed["ref", n]):
                    return out
        out.cand = (counts["cand", n1], counts["cand", n2])
        out.ref = (counts["ref", n1], counts["ref", n2])
        if n1 in ops and n2 in ops:
            out.ops = (ops[n1], ops[n2])
        if min(out.ref) <= 0:
            out.verdict, out.error = ERROR, messages.REFERENCE_COUNTED_NOTHING
            return out
        if min(out.cand) <= 0:
            # Counts are kept in the candidate's own process: none at all is not a pass.
            out.verdict, out.g, out.outcome = FAIL, math.inf, TOO_SLOW
            out.error = messages.COUNTS_MISSING
            return out
        out.g = growth((float(out.cand[0]), float(out.cand[1])), (float(out.ref[0]), float(out.ref[1])))
        out.verdict = classify_count(out.g)
        if out.verdict == FAIL:
            out.outcome = TOO_SLOW
        return out


def plot_sizes(n1: int, n2: int) -> list[int]:
    """The sizes measured for --plot: PLOT_POINTS from n1 to n2, evenly spaced on a log scale."""
    step = (n2 / n1) ** (1 / (PLOT_POINTS - 1))
    return sorted({n1, n2, *(int(round(n1 * step**i)) for i in range(1, PLOT_POINTS - 1))})


@contextmanager
def _failing_in(stage: str, n: int) -> Iterator[None]:
    """Tags a CandidateFailed raised inside with where it happened (the stage and size)."""
    try:
        yield
    except CandidateFailed as exc:
        if exc.n is None:
            exc.stage, exc.n = stage, n
        raise


def _first_differing(cand: Any, ref: list[str]) -> str:
    """Which copy's answers differ, for the message (the digests themselves say nothing)."""
    if type(cand) is not list:
        return "no answers to compare"
    for i, (a, b) in enumerate(zip(cand, ref)):
        if a != b:
            return f"input {i + 1} of {len(ref)}"
    return f"{len(cand)} answered inputs of {len(ref)}"


def measure_complexity(problem: Problem, solution: Path, *, plot: bool = False, redis_url: str | None = None,
                       redis: RedisEnv | None = None, shown_as: str | None = None) -> ComplexityReport:
    """Measure `solution`'s growth against the reference. Raises BenchError / JudgeError if the
    kit cannot run the bench; anything the solution does wrong is in the report's verdict (a file
    that does not load: a fail with no family measured, its outcome the verdict drill test gives).
    `redis`: the Redis servers already started for this file (its tests ran on them); without
    it, a problem that needs Redis gets its own for the bench (or the user's, `redis_url`).
    `shown_as`: how the user named the file (default its name)."""
    if not has_bench(problem):
        raise BenchError(messages.no_bench(problem.slug, spec_path(problem)))
    shown_as = shown_as or solution.name
    solution = solution.resolve()
    started = time.monotonic()
    with ExitStack() as stack:
        if redis is None:
            redis = stack.enter_context(judge_environment(problem, redis_url))
        redis = redis.servers_only() if redis is not None else None  # a cluster is the tests' stage, not the bench's
        if redis is not None:
            stack.enter_context(trusted_redis(list(redis.urls)))
        spec = load_spec(problem)
        report = ComplexityReport(problem=problem.slug, target=spec.TARGET, verdict=PASS, summary="")
        report.timer = {"wall": messages.TIMER_WALL, "process+redis": messages.TIMER_PROCESS_AND_REDIS}.get(
            getattr(spec, "TIMER", "process"), messages.TIMER_PROCESS)
        spec_source = spec_path(problem).read_text(encoding="utf-8")
        report.timed_calls = spec_calls(spec_source, "run", problem.contract)
        report.setup_calls = spec_calls(spec_source, "prepare", problem.contract)
        report.sizes = len(plot_sizes(*spec.FAMILIES[0].sizes)) if plot and spec.FAMILIES else 2
        try:
            ref = Side(problem, baseline_path(problem, spec), spec_path(problem), "ref", redis)
            stack.callback(ref.close)
            cand = Side(problem, solution, spec_path(problem), "cand", redis, shown_as)
            stack.callback(cand.close)
        except WorkerGone as exc:
            raise JudgeError(str(exc)) from exc
        except CandidateNotLoaded as exc:
            report.verdict, report.summary, report.outcome = FAIL, exc.message, exc.verdict
            report.duration_s = round(time.monotonic() - started, 2)
            return report
        measure = Measure(problem, spec, cand, ref, plot, redis)
        failed = False
        for index, family in enumerate(spec.FAMILIES):
            if failed:
                break
            result = measure.family(index, family)
            report.timed.append(result)
            failed = result.verdict in (FAIL, ERROR)
        for index, family in enumerate(getattr(spec, "COUNT_FAMILIES", [])):
            if failed:
                break
            result = measure.counted(index, family)
            report.counted.append(result)
            failed = result.verdict in (FAIL, ERROR)
    report.verdict, report.summary, report.outcome = decide(report.timed, report.counted, setup_calls=report.setup_calls,
                                                            timed_calls=report.timed_calls)
    if report.verdict in (FAIL, INCONCLUSIVE):
        # Only where the measurement points: the family that failed (else the undecided one), and
        # whether it failed in the timed calls or in the set-up before them.
        pointed = next((f for f in [*report.timed, *report.counted] if f.verdict == FAIL), None) or \
            next((f for f in report.timed if f.verdict == INCONCLUSIVE), None)
        reference = baseline_path(problem, spec).read_text(encoding="utf-8")
        report.causes = likely_causes(solution.read_text(encoding="utf-8", errors="replace"), report.timed_calls,
                                      pointed.stage if pointed else RUN, reference=reference)
    report.duration_s = round(time.monotonic() - started, 2)
    return report


def measure_complexity_or_error(problem: Problem, solution: Path, *, redis_url: str | None = None, plot: bool = False,
                                redis: RedisEnv | None = None, shown_as: str | None = None) -> ComplexityReport:
    """measure_complexity(), with a failure of the kit to run it turned into an `error` report instead of an exception."""
    try:
        return measure_complexity(problem, solution, redis_url=redis_url, plot=plot, redis=redis, shown_as=shown_as)
    except (BenchError, JudgeError) as exc:
        return ComplexityReport(problem=problem.slug, target="", verdict=ERROR, summary=messages.not_measured(exc))
