"""Helpers for the hidden suites in tests/<slug>/.

A failing check raises `WrongAnswer`, which carries the case the way a judge shows
it (input, expected, actual), so the suite's own source never has to be shown.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, NoReturn, TypeVar

from harness.problems.catalogue import load_module
from harness.authoring import messages
from harness import words
from harness.services.redis.cluster import wait_ready
from harness.services.redis.env import RedisEnv
from harness.services.redis.server import RedisUnavailable
from harness.worker import proxies
from harness.worker.channel import Budget
from harness.worker.policy import TMP_SIZE_BYTES


T = TypeVar("T")

SHOW_LIMIT = 400
FULL_LIMIT = 20_000  # what `drill reveal` shows


class WrongAnswer(AssertionError):
    def __init__(
        self,
        message: str,
        *,
        input: str | CallLog | None = None,
        expected: Any = None,
        actual: Any = None,
        has_values: bool = True,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.input = str(input) if input is not None else None
        self.expected = show(expected) if has_values else None
        self.actual = show(actual) if has_values else None
        # Unshortened versions, kept only where shortening cut something.
        full = {
            "input": input.full() if isinstance(input, CallLog) else self.input,
            "expected": show(expected, FULL_LIMIT) if has_values else None,
            "actual": show(actual, FULL_LIMIT) if has_values else None,
        }
        self.full = {k: v for k, v in full.items() if v is not None and v != getattr(self, k)}


class MemoryGrowth(WrongAnswer):
    """A suite's own memory check failed: the process kept more than the statement lets it
    (`worker_memory_bytes()` grew past the test's bound). Judged `memory_limit_exceeded`, with
    the suite's message and values, as the verdict table defines it."""


def show(value: Any, limit: int = SHOW_LIMIT) -> str:
    """repr() shortened for a terminal: long values keep their start and say how long they were."""
    text = value if isinstance(value, str) and getattr(value, "_raw", False) else repr(value)
    return words.cut_short(text, limit)


def check(actual: Any, expected: Any, *, case: str, input: str | CallLog | None = None) -> None:
    if actual != expected or type(actual) is not type(expected) and not _same_kind(actual, expected):
        raise WrongAnswer(case, input=input, expected=expected, actual=actual)


def _same_kind(actual: Any, expected: Any) -> bool:
    numbers = (int, float)
    if isinstance(actual, bool) or isinstance(expected, bool):
        return isinstance(actual, bool) and isinstance(expected, bool)
    if isinstance(actual, numbers) and isinstance(expected, numbers):
        return True
    return isinstance(actual, type(expected)) or isinstance(expected, type(actual))


_UNSET: Any = object()


def fail(case: str, *, input: str | CallLog | None = None, expected: Any = _UNSET, actual: Any = _UNSET) -> None:
    """A wrong answer; expected/got are shown only when given."""
    has_values = expected is not _UNSET or actual is not _UNSET
    raise WrongAnswer(
        case,
        input=input,
        expected=None if expected is _UNSET else expected,
        actual=None if actual is _UNSET else actual,
        has_values=has_values,
    )


def check_raises(
    exc_type: type[BaseException], fn: Callable[..., Any], *args: Any, case: str, input: str | CallLog | None = None
) -> None:
    """The call must raise `exc_type`; anything else is a wrong answer, with what happened instead."""
    try:
        result = fn(*args)
    except exc_type:
        return
    except Exception as exc:  # noqa: BLE001 - reported as the actual outcome
        raise WrongAnswer(
            case, input=input, expected=_Raw(words.expected_raise(exc_type.__name__)), actual=_Raw(messages.raised_instead(type(exc).__name__, exc))
        ) from exc
    raise WrongAnswer(case, input=input, expected=_Raw(words.expected_raise(exc_type.__name__)), actual=_Raw(messages.returned_instead(show(result))))


class Raw(str):
    """A string shown as-is in a failure, not as repr() (for descriptions rather than values)."""

    _raw = True


_Raw = Raw  # the name the first suites used


class CallLog:
    """Records the calls a case makes, so a failure can show them as its input.

        log = CallLog(); cache = log.new(LRUCache, 2); log.call(cache, "put", 1, 1)
    """

    def __init__(self, limit: int = 60) -> None:
        self.calls: list[str] = []
        self.limit = limit
        _recent["log"] = self

    def new(self, cls: Callable[..., T], *args: Any) -> T:
        self.calls.append(words.call_notation(getattr(cls, "__name__", "obj"), _args(args)))
        return cls(*args)

    def call(self, obj: Any, method: str, *args: Any) -> Any:
        self.calls.append(words.call_notation(method, _args(args)))
        return getattr(obj, method)(*args)

    def note(self, text: str) -> None:
        self.calls.append(text)

    def full(self) -> str:
        return show("; ".join(self.calls), FULL_LIMIT) if len("; ".join(self.calls)) > FULL_LIMIT else "; ".join(self.calls)

    def __str__(self) -> str:
        calls = self.calls
        if len(calls) > self.limit:
            head, tail = calls[:10], calls[-(self.limit - 10):]
            return words.calls_elided(head, len(calls) - len(head) - len(tail), tail)
        return "; ".join(calls)


def _args(args: tuple[Any, ...]) -> str:
    return ", ".join(show(a, 80) for a in args)


_recent: dict[str, CallLog] = {}


def forget_calls() -> None:
    """Called by the judge before each test."""
    _recent.clear()
    _reports.clear()


# A test's reports, by name: what the judge measured beside its verdict (a fault report, say).
_reports: dict[str, dict[str, Any]] = {}
REPORT_LIMITS = {"reports": 8, "fields": 16, "text": 200}
_REPORT_VALUES = (bool, int, float, str, type(None))


def attach_report(name: str, data: dict[str, Any]) -> None:
    """Attach a report to the running test: the judge shows it under the verdict (on a pass too)
    and `--json` has it as {"name", "data"}. `data` maps str keys to a number, a str, a bool or
    None; a key's suffix says how it reads: `_ms` milliseconds, `_s` seconds, `_share` a fraction
    shown as a percentage; None reads "n/a" (not measured). A later report of the same name
    replaces the earlier one."""
    if not isinstance(name, str) or not name or len(name) > REPORT_LIMITS["text"]:
        raise JudgeFault(messages.bad_report(repr(name)[:80], "its name must be a non-empty str"))
    if not isinstance(data, dict) or len(data) > REPORT_LIMITS["fields"]:
        raise JudgeFault(messages.bad_report(name, f"its data must be a dict of at most {REPORT_LIMITS['fields']} fields"))
    for key, value in data.items():
        if not isinstance(key, str) or type(value) not in _REPORT_VALUES or isinstance(value, str) and len(value) > REPORT_LIMITS["text"]:
            raise JudgeFault(messages.bad_report(name, f"field {key!r}: keys are str, values a number, a short str, a bool or None"))
    if name not in _reports and len(_reports) >= REPORT_LIMITS["reports"]:
        raise JudgeFault(messages.bad_report(name, f"a test attaches at most {REPORT_LIMITS['reports']} reports"))
    _reports[name] = dict(data)


def take_reports() -> list[dict[str, Any]]:
    """The running test's reports, in the order first attached, as {"name", "data"}; forgets them (the judge, at its end)."""
    taken = [{"name": name, "data": data} for name, data in _reports.items()]
    _reports.clear()
    return taken


def calls_so_far() -> CallLog | None:
    """The CallLog this test made last, so a crash can be shown with the calls that led to it."""
    return _recent.get("log")


# --- the solution and the reference, set up by the suite runner (harness.judge.runner) -------

_current: dict[str, Any] = {}


def configure(*, module: Any, workers: Any, reference_path: Path, inputs_path: Path | None = None, redis: RedisEnv | None = None) -> None:
    """What the suite runner hands the helpers: the candidate's module (its proxy), its workers,
    the reference's and inputs.py's paths, and the run's Redis servers."""
    _current.update(module=module, workers=workers, reference_path=reference_path, inputs_path=inputs_path, redis=redis)
    _current.pop("reference", None)
    _current.pop("inputs", None)


def use_redis(redis: RedisEnv | None) -> None:
    """The Redis servers of the file now judged: a shared runner's (drill dev verify) forked
    process gets its own after the suite was prepared (runner.Serve)."""
    _current["redis"] = redis


def _redis() -> RedisEnv:
    redis = _current.get("redis")
    if redis is None:
        raise RuntimeError(messages.NO_REDIS_FOR_SUITE)
    return redis


def redis_url() -> str:
    """The private Redis server the judge started for this run (problems with needs = ["redis"])."""
    return _redis().url


def redis_urls() -> list[str]:
    """Every private Redis server of this run, for problems whose problem.toml says `redis_servers = N`."""
    return list(_redis().urls)


def round_trips() -> int:
    """The round trips the candidate's worker has made so far to this run's Redis servers and
    cluster nodes, counted by their guards (services.redis.guard.RoundTrips: a command sent and its
    reply is one; a pipeline or MULTI ... EXEC sent in one go is one). Take it before and after a
    call: the difference is that call's. The judge's own clients (redis_urls(), the reference's)
    are not counted."""
    return _redis().round_trips()


class JudgeFault(Exception):
    """The judge itself could not go on during a test (its Redis Cluster never became ready, say):
    the run is a judge error, not a verdict on the solution."""


class Undecided(JudgeFault):
    """The judge ran the test but could not decide it (testing.undecided): the run's verdict is
    `undecided`, never a pass. A JudgeFault, so that code that keeps a fault to its scenario
    keeps this one too."""


def undecided(what: str, attempts: int) -> NoReturn:
    """For a timed scenario none of whose attempts could be decided (the machine ran it too far off
    its schedule): the run is `undecided`, never a pass, since an undecided attempt proves nothing."""
    raise Undecided(messages.scenario_undecided(what, attempts))


_cluster_ready: list[bool] = []


def redis_cluster_nodes() -> list[Any]:
    """A redis.Redis client for each master of this run's Redis Cluster (problems with
    `redis_cluster = true`, in the stage marked `redis_cluster`): drill's own, on the node's unix
    socket, or the user's (--redis-url redis+cluster://), on the node's host:port,
    for the suite's own reads (KEYS, SCAN, PTTL on the node that holds a key). Waits, once per run,
    until the cluster is ready; JudgeFault if it never is."""
    import redis

    env = _current.get("redis")
    urls = list(env.cluster_urls) if env is not None else []
    if not urls:
        raise RuntimeError(messages.NO_REDIS_CLUSTER_FOR_SUITE)
    if not _cluster_ready:
        try:  # drill's own cluster may still be settling; a user's was ready before the run began
            wait_ready([redis.connection.parse_url(u)["path"] for u in urls if u.startswith("unix://")])
        except RedisUnavailable as exc:
            raise JudgeFault(str(exc)) from exc
        _cluster_ready.append(True)
    return [redis.Redis.from_url(u) for u in urls]


def redis_cluster(first_node: int = 0) -> Any:
    """A redis-py RedisCluster of this run's private cluster, started from node `first_node`
    (mod the number of nodes). Handed to the candidate, it becomes the worker's own RedisCluster,
    which asks that node first and reaches every node through its guard socket."""
    import redis
    from redis.cluster import RedisCluster

    nodes = redis_cluster_nodes()
    for node in nodes:
        node.close()
    names = _redis().cluster_nodes
    first = first_node % len(names)
    host, port = names[first].rsplit(":", 1)
    url = _redis().cluster_urls[first]
    login = {k: v for k, v in redis.connection.parse_url(url).items() if k in ("username", "password")}  # a user's cluster
    client = RedisCluster(host=host, port=int(port), **login)
    client.drill_first_node = first  # read by harness.worker.proxies when the client is passed on
    return client


class Ahead:
    """Trusted data a test needs that does not depend on the candidate (a large input): built at
    its first use, or before the file is even judged when watch mode started the suite runner
    ahead of a save (build_ahead), so that a save waits only for the tests themselves."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self.build = build
        self.value: Any = _UNSET

    def __call__(self, *, encode_now: bool = False) -> Any:
        if self.value is _UNSET:
            self.value = self.build()
            proxies.keep(self.value, encode_now=encode_now)  # sent as it was encoded the first time
        return self.value


class ReferenceAhead(Ahead):
    """reference_ahead(): the reference's answer on a large input and the CPU time it took (the
    candidate's budget in within_reference_budget). It stays on this side: never sent."""

    def __init__(self, run: Callable[[], Any]) -> None:
        super().__init__(lambda: _timed(run))
        self.run = run

    @property
    def built(self) -> bool:
        return self.value is not _UNSET

    def timed(self) -> tuple[Any, float]:
        if self.value is _UNSET:
            self.value = self.build()
        return self.value

    def __call__(self, *, encode_now: bool = False) -> Any:
        return self.timed()[0]


class Generated(Ahead):
    """generated(): a large input built by the problem's tests/<slug>/inputs.py. The candidate's
    worker runs the same builder inside the case (call_many sends the recipe, not the list). Its
    CPU time for that is not the candidate's, up to EXCUSED_FACTOR x this side's build plus
    EXCUSED_BASE_S; past that, it is."""

    EXCUSED_FACTOR, EXCUSED_BASE_S = 2.0, 0.05

    def __init__(self, name: str, args: tuple[Any, ...]) -> None:
        super().__init__(self._build)
        self.recipe = [name, list(args)]

    def _build(self) -> Any:
        name, args = self.recipe
        value, seconds = _timed(lambda: getattr(inputs(), name)(*args), collect=False)
        proxies.generated(value, self.recipe, self.EXCUSED_FACTOR * seconds + self.EXCUSED_BASE_S)
        return value


def inputs() -> ModuleType:
    """The problem's tests/<slug>/inputs.py, loaded here: for the reference's side of a case
    whose input is generated() or whose results call_many() summarises."""
    if "inputs" not in _current:
        path = _current.get("inputs_path")
        if path is None or not Path(path).is_file():
            raise RuntimeError(words.NO_INPUTS_FILE)
        _current["inputs"] = load_module(f"_drill_inputs_{Path(path).parent.name}", Path(path))
    return _current["inputs"]


_ahead: list[Ahead] = []


def _timed(run: Callable[[], Any], *, collect: bool = True) -> tuple[Any, float]:
    """run()'s value and the CPU time this thread spent on it, with the collector off: full
    collections walk the whole heap (large inputs, Hypothesis leftovers) and were measured to
    make these runs 2.5x slower."""
    was_enabled = gc.isenabled()
    if collect:
        gc.collect()
    gc.disable()
    try:
        started = time.thread_time()
        value = run()
        return value, time.thread_time() - started
    finally:
        if was_enabled:
            gc.enable()


def ahead(build: Callable[[], T]) -> Callable[[], T]:
    """`LARGE = ahead(lambda: make_graph(30_000))` at module level; `graph = LARGE()` in the test.
    The value is shared by every test that calls it: do not change it."""
    item = Ahead(build)
    _ahead.append(item)
    return item


def generated(name: str, *args: Any) -> Callable[[], Any]:
    """Like ahead(), for a large list of calls that tests/<slug>/inputs.py builds: `LARGE_CALLS =
    generated("mixed_calls", 20_000, 200_000, 146)` is `inputs.mixed_calls(20_000, 200_000, 146)`.
    Given to call_many, it is not sent: the candidate's worker builds it with the same code, so a
    large case costs no messaging for its calls. inputs.py uses the standard library only, and
    `args` are plain data."""
    item = Generated(name, args)
    _ahead.append(item)
    return item


def reference_ahead(run: Callable[[], T]) -> Callable[[], T]:
    """The reference's answer on a large input, as within_reference_budget's `reference_run`:
    `EXPECTED = reference_ahead(lambda: reference().f(LARGE()))`, then `EXPECTED()` is the answer.
    Ahead of a save (watch mode) the reference runs and is timed before the file is judged, and
    the candidate then runs alone against that time; otherwise it runs beside the candidate."""
    item = ReferenceAhead(run)
    _ahead.append(item)
    return item


def build_ahead() -> None:
    """Build every value the collected suite declared with ahead() (the suite runner calls this
    while it waits for a save), and encodes them as requests carry them. They stay alive for the
    whole run, so they are moved out of the collector's sight (gc.freeze): a full collection
    would walk them again at every test."""
    for item in _ahead:
        item(encode_now=True)
    gc.freeze()


def solution() -> Any:
    """The candidate's module, as the suite sees it: a stand-in whose calls go to its worker."""
    return _current["module"]


def another_worker(*, hash_seed: int = 0, skew_s: float = 0.0) -> Any:
    """The candidate's module in a process of its own (another application server): its own
    hash seed, and clocks that run `skew_s` seconds off. Closed when the test ends."""
    return _current["workers"].another(hash_seed=hash_seed, skew_s=skew_s)


def other_workers(count: int, *, hash_seed: int = 0, skew_s: float = 0.0) -> list[Any]:
    """`count` of another_worker() at once, started side by side (much faster than one by one)."""
    return _current["workers"].others(count, hash_seed=hash_seed, skew_s=skew_s)


def call_many(obj: Any, calls: list[tuple[str, tuple]], *, summary: str | None = None, as_returned: bool = False) -> Any:
    """Call `obj.method(*args)` for each (method, args) in order; return the results as a list.

    The whole list travels to the candidate's worker in one message, so a large-input case
    costs one round trip instead of one per call (and none for a list made by generated(): the
    worker builds it). Use it for every loop of more than a few hundred calls. An exception
    stops the list at that call, as a loop would.

    With `summary`, the name of a function of tests/<slug>/inputs.py, the answer is
    `summary(calls, results)`, computed in the worker after the last call: for a large case
    whose results are compared only as a summary, so that they never cross either. A returned
    list reaches the summary as a copy taken when it was returned; with `as_returned`, as the
    object itself (to ask whether two calls returned the same list: aliasing that no copy shows).
    """
    if isinstance(obj, proxies.RemoteObject):
        if as_returned and summary is None:
            raise ValueError("call_many(as_returned=True) needs a summary: only a summary sees the objects")
        return proxies.call_many(obj, calls, summary, as_returned)
    results: list[Any] = []
    try:
        for method, args in calls:
            results.append(getattr(obj, method)(*args))
    except Exception as exc:
        exc.completed, exc.values = len(results), results  # type: ignore[attr-defined]  # as proxies.finish_many does
        raise
    return results if summary is None else getattr(inputs(), summary)(calls, results)


def local_callable(*, raises: str = "ConnectionError", message: str = "", times: int = 0, then: Callable[..., Any] | None = None) -> Any:
    """A callable to hand the candidate that runs inside its worker, with no round trip: its first
    `times` calls raise the builtin exception `raises` (with `message`), later calls go to `then`
    (a function of the suite, called back as usual) or return None. For the bulk of a large case,
    where the suite need not see each call."""
    return proxies.LocalCallable(raises=raises, message=message, times=times, then=then)


def call_with_inputs(fn: Any, *args: Any) -> tuple[Any, list[Any]]:
    """fn(*args), and the arguments as the call left them: across the process boundary the
    candidate works on copies, so this is how a suite sees whether it changed its input."""
    if isinstance(fn, proxies.RemoteCallable):
        return fn.with_inputs(*args)
    return fn(*args), list(args)


class Batch:
    """Calls on one object of the candidate's, sent together when `check()` runs: one message for
    a whole property-based example instead of one per step. For scripts whose calls follow the
    suite's model, not the candidate's answers: each step's expected answer is known when it is
    added, and the answers are checked in order, as if each had been checked at once (a failure
    shows the calls up to the failing one).

        batch = Batch(cache, log); batch.call("get", 1, expect=-1, case="get(1)"); ...; batch.check()
    """

    def __init__(self, obj: Any, log: CallLog) -> None:
        self.obj, self.log = obj, log
        self.steps: list[tuple[str, tuple, Any, str, Any]] = []

    def call(self, method: str, *args: Any, expect: Any, case: str, judge: Callable[[Any], str | None] | None = None) -> None:
        """Queue a call. Its answer must equal `expect`, or, with `judge`, `judge(answer)` must be
        None (else it is what is wrong, added to `case`)."""
        self.steps.append((method, args, expect, case, judge, None))

    def call_raises(self, method: str, *args: Any, raises: type[Exception], case: str) -> None:
        """Queue a call that must raise `raises` (as check_raises would check it), and send the
        batch: a raise ends a batch, so this saves the round trip of a call of its own."""
        self.steps.append((method, args, _Raw(words.expected_raise(raises.__name__)), case, None, raises))
        self.check()

    def check(self) -> None:
        steps, self.steps = self.steps, []
        if not steps:
            return
        base = len(self.log.calls)
        self.log.calls += [words.call_notation(method, _args(args)) for method, args, *_ in steps]
        raised: Exception | None = None
        try:
            results = call_many(self.obj, [(method, args) for method, args, *_ in steps])
        except BaseException as exc:
            done = getattr(exc, "completed", None)
            if done is not None:  # the calls up to the one that raised
                del self.log.calls[base + done + 1:]
            if done != len(steps) - 1 or steps[-1][5] is None or not isinstance(exc, Exception):
                raise
            raised, results = exc, [*getattr(exc, "values"), None]  # the raise the last step expects
        for i, ((_, _, expect, case, judge, raises), result) in enumerate(zip(steps, results)):
            if raises is not None:  # the last step
                if raised is not None and isinstance(raised, raises):
                    continue
                del self.log.calls[base + i + 1:]
                actual = messages.returned_instead(show(result)) if raised is None else messages.raised_instead(type(raised).__name__, raised)
                raise WrongAnswer(case, input=self.log, expected=expect, actual=_Raw(actual)) from raised
            if judge is not None:
                wrong = judge(result)
                if wrong:
                    del self.log.calls[base + i + 1:]
                    raise WrongAnswer(messages.case_and_reason(case, wrong), input=self.log, expected=expect, actual=result)
            elif result != expect or type(result) is not type(expect) and not _same_kind(result, expect):
                del self.log.calls[base + i + 1:]
                raise WrongAnswer(case, input=self.log, expected=expect, actual=result)


def call_many_together(batches: list[tuple[Any, list[tuple[str, tuple]]]]) -> list[list[Any]]:
    """Several workers' batches sent at once (each starts as its message arrives), then
    their results in the same order: concurrent clients without a shared barrier object."""
    started = [proxies.start_many(obj, calls) for obj, calls in batches]
    return [proxies.finish_many(s) for s in started]


def worker_memory_bytes() -> int:
    """The memory the candidate's process holds, read by the judge from outside: its resident
    memory, and what it keeps in its private /tmp (RAM too, which RSS does not show)."""
    channel = _current["workers"].current()
    pid = channel.process.pid
    try:
        with open(f"/proc/{pid}/statm") as f:
            resident = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0
    if not channel.process.protections.sandboxed:
        return resident  # its /tmp is the machine's
    try:
        tmp = os.statvfs(f"/proc/{pid}/root/tmp")
        return resident + (tmp.f_blocks - tmp.f_bfree) * tmp.f_frsize
    except OSError:  # hidden from us: count it full (a constant, where suites compare two readings)
        return resident + TMP_SIZE_BYTES


def _pop_budget(channel: Any) -> None:
    try:
        channel.pop_budget()
    except IndexError:
        pass


def reference() -> ModuleType:
    """The problem's accepted reference solution, loaded here in the trusted process."""
    if "reference" not in _current:
        path = _current["reference_path"]
        _current["reference"] = load_module(f"_drill_reference_{path.stem}", path)
    return _current["reference"]


def within_reference_budget(
    candidate: Callable[[], T],
    reference_run: Callable[[], Any],
    *,
    what: str,
    factor: float = 5.0,
    floor_s: float = 1.0,
) -> T:
    """Run `candidate` with a CPU-time limit derived from the reference on the same input.

    The reference runs here (trusted), timed by this thread's CPU time; the candidate's limit,
    max(floor_s, factor x that), is on its worker's CPU time as the kernel counts it (like
    Kattis' limit >= 2x the slowest accepted submission). The two run at the same time: the
    candidate's calls go out from a second thread, which only waits on the worker, and its
    limit is set as soon as the reference's time is known. A `reference_run` made by
    reference_ahead() and already built (ahead of a save) is not run again: the candidate runs
    alone, against the time it took then.
    """
    workers = _current.get("workers")
    if workers is None:
        reference_run()
        return candidate()
    channel = workers.current()
    budget = Budget(float("inf"), float("inf"), what)

    def limit_by(reference_s: float) -> None:
        limit = max(floor_s, factor * reference_s)
        budget.what = messages.reference_limit(what, limit, floor_s, factor, reference_s)
        budget.wall_s = 3 * limit + 10
        budget.cpu_s = limit

    ahead_run = reference_run if isinstance(reference_run, ReferenceAhead) else None
    channel.push_budget(budget)
    channel.nogc = True
    if ahead_run is not None and ahead_run.built:  # timed before the save: the candidate runs alone
        limit_by(ahead_run.timed()[1])
        try:
            value = candidate()
            channel.check_cpu_limits()  # as on every path: the worker's CPU time as it stands at the end
            return value
        finally:
            channel.nogc = False
            _pop_budget(channel)
    outcome: dict[str, Any] = {}

    def candidate_side() -> None:
        try:
            outcome["value"] = candidate()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the suite's thread
            outcome["error"] = exc

    thread = threading.Thread(target=candidate_side, name="drill-candidate-calls", daemon=True)
    gc.collect()  # before the candidate's calls start, not while they are under way
    thread.start()
    if ahead_run is not None:
        ahead_run.value = _timed(ahead_run.run, collect=False)  # built now, beside the candidate, kept for the test
        reference_s = ahead_run.value[1]
    else:
        reference_s = _timed(reference_run, collect=False)[1]
    limit_by(reference_s)
    thread.join()
    try:
        # Checked again now that the limit is known: the candidate may have answered while it was
        # not (a reference slowed down by a busy machine), with more CPU time than the limit.
        channel.check_cpu_limits()
    finally:
        channel.nogc = False
        _pop_budget(channel)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
