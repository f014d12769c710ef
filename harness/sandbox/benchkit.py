"""What benchmark specs in benchmarks/<slug>/bench.py are written with.

A spec defines:
    TARGET          the complexity target, as the candidate reads it
    FAMILIES        timed input families (the verdict is the worst family)
    COUNT_FAMILIES  optional: families built from counting values, for deterministic
                    operation counts (settles log-factor gaps that timing cannot)
    run(module, workload[, timed])  one run with a solution module; returns (calls, Answers):
                    every call's result goes into the Answers (one per call), whose digest
                    the trusted side compares with the reference's, round by round
    prepare(module, setup)          optional, untimed: the candidate's set-up calls

A family with a `timed` builder splits its input: `build(n, rng)` makes the set-up part
(untimed; `prepare` gets only it), `timed(n, rng, setup)` the timed part, built inside the
timed run from a seed the trusted side sends only then, so no untimed code ever sees it.
A spec with `prepare` needs a `timed` builder on every family.

Counting values are int/str/float subclasses whose comparisons and hashes add to a
global counter. C code (list.remove, `in`, sorted, min, heapq, dict lookups) calls
these slots, so scans hidden in C become visible. Work that never compares or hashes
(memmove in list.pop(0)) is invisible to counts, which is why timing runs too.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import random
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator


@dataclass(frozen=True)
class Family:
    name: str
    sizes: tuple[int, int]
    build: Callable[[int, random.Random], Any]
    # What n is, for the report ("capacity", "distinct events", "nodes").
    unit: str = "n"
    # What a count family counts, for the report.
    label: str = "key comparisons and hashes"
    # A timer of its own (seconds, a callable) for work done elsewhere, e.g. redis_server_time.
    timer: Callable[[], float] | None = None
    timer_name: str = ""
    # Shortest sample to time (seconds of this family's timer). Server microseconds need
    # less than process time does, and each of them costs many round trips of wall time.
    sample_s: float = 0.005
    # Rounds of the first measurement (0: the bench's default, 7). Fewer for a family whose
    # timer is steady but whose runs cost much wall time (the Redis server's time).
    rounds: int = 0
    # The timed part of the input, timed(n, rng, setup): built inside the timed run, from a seed
    # sent with it. Without one, build() makes the whole input and the spec may not prepare().
    timed: Callable[[int, random.Random, Any], Any] | None = None


class Answers(list):
    """Every answer of one run, in call order: `append` one per call, `extend` several.

    The digest hashes their marshal encoding (version 2: no back-references, so equal values
    encode alike whoever made them), so the answers should be plain data: None, bool, int,
    float, str, and lists, tuples and dicts of them (a dict encodes in insertion order: add its
    values in an order the spec fixes). 1 and 1.0 differ: make numbers floats where the
    contract lets both be right. Subclasses of plain types count as their base type; any other
    object as its type's name only (so never as a right answer). Add a copy (`list(x)`) of an
    answer the solution might change after returning it."""

    __slots__ = ()

    def digest(self) -> str:
        try:
            encoded = marshal.dumps(list(self), 2)
        except ValueError:  # a subclass of a plain type, or not plain data: the slow way
            encoded = marshal.dumps(_plain(list(self), 0), 2)
        return hashlib.blake2b(encoded, digest_size=16).hexdigest()


_PLAIN = (bool, int, float, str, bytes)


def _plain(value: Any, depth: int) -> Any:
    """`value` as plain data: subclasses of plain types as their base type (read with the base
    type's own methods, so none of the subclass's code runs), anything else as a marker."""
    kind = type(value)
    if value is None or kind in _PLAIN:
        return value
    if depth > 50:
        return "<too deep>"
    for base in _PLAIN:
        if isinstance(value, base):
            return base.__new__(base, value) if base is not bool else bool(int.__int__(value))
    if isinstance(value, (list, tuple)):
        items = [_plain(v, depth + 1) for v in list.__iter__(value)] if isinstance(value, list) else \
            [_plain(v, depth + 1) for v in tuple.__iter__(value)]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {_plain(k, depth + 1): _plain(v, depth + 1) for k, v in dict.items(value)}
    return f"<not plain data: {kind.__name__}>"


class SpecError(Exception):
    """The spec breaks a rule of the harness (a maintainer's error, not the candidate's)."""


def spec_problem(spec: Any) -> str | None:
    """What is wrong with a spec as a whole, or None: checked where it is loaded."""
    if not callable(getattr(spec, "run", None)):
        return "it defines no run(module, workload)"
    if callable(getattr(spec, "prepare", None)):
        untimed = [f.name for f in [*spec.FAMILIES, *getattr(spec, "COUNT_FAMILIES", [])] if f.timed is None]
        if untimed:
            return (f"it has prepare() but the family {untimed[0]!r} has no `timed` builder: prepare would see "
                    f"the timed input (give the family timed=..., see benchkit.Family)")
    return None


def set_up(spec: Any, module: Any, setup: Any) -> Any:
    """The state run() gets: prepare(module, setup) where the spec has one, else the input itself."""
    prepare = getattr(spec, "prepare", None)
    return prepare(module, setup) if prepare is not None else setup


def play(spec: Any, family: Family, module: Any, n: int, state: Any, setup: Any, seed: str) -> tuple[int, str | None, Any]:
    """One timed run: the family's timed part is built here, from `seed`, then run. Returns the
    calls, the digest of the answers (None when run() did not return (calls, Answers) with one
    answer per call: the trusted side refuses that spec), and the timed part (for the caller to
    free later)."""
    timed = None
    if family.timed is not None:
        timed = family.timed(n, random.Random(seed), setup)
        result = spec.run(module, state, timed)
    else:
        result = spec.run(module, state)
    if type(result) is tuple and len(result) == 2 and type(result[0]) is int and isinstance(result[1], Answers) \
            and len(result[1]) == result[0]:
        return result[0], result[1].digest(), timed
    calls = result[0] if type(result) is tuple and result and type(result[0]) is int else result
    return (calls if type(calls) is int else 0), None, timed


class Counter:
    operations = 0

    @classmethod
    def reset(cls) -> None:
        cls.operations = 0


def _counted(name: str, base: type) -> Callable[..., Any]:
    method = getattr(base, name)

    def counted(self, other):  # noqa: ANN001
        Counter.operations += 1
        return method(self, other)

    counted.__name__ = name
    return counted


def _counting_type(base: type, name: str) -> type:
    namespace: dict[str, Any] = {name_: _counted(name_, base) for name_ in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")}

    def __hash__(self) -> int:  # noqa: N807
        Counter.operations += 1
        return base.__hash__(self)

    namespace["__hash__"] = __hash__
    namespace["__slots__"] = ()
    if base is float:
        def __add__(self, other):  # noqa: N807, ANN001
            return CountingFloat(float.__add__(self, other))

        namespace["__add__"] = __add__
        namespace["__radd__"] = __add__
    return type(name, (base,), namespace)


CountingInt = _counting_type(int, "CountingInt")
CountingStr = _counting_type(str, "CountingStr")
CountingFloat = _counting_type(float, "CountingFloat")


def counting_redis(url: str) -> Any:
    """A redis-py client that adds one to Counter.operations per round trip (a pipeline is one)."""
    import redis

    base = redis.UnixDomainSocketConnection if url.startswith("unix://") else redis.Connection

    class CountingConnection(base):  # type: ignore[misc, valid-type]
        def send_packed_command(self, command, check_health=True):  # noqa: ANN001
            Counter.operations += 1
            return super().send_packed_command(command, check_health)

    pool = redis.ConnectionPool.from_url(url, connection_class=CountingConnection)
    return redis.Redis(connection_pool=pool)


def redis_server_time(url_getter: Callable[[], str]) -> Callable[[], float]:
    """Seconds the Redis server spent executing commands so far (INFO commandstats).

    Timing a family with this leaves out the network round trip, so O(n) work inside
    Redis (a Lua loop over a whole log) shows even when each step is cheap.
    """
    import redis

    clients: dict[str, Any] = {}

    def read() -> float:
        url = url_getter()
        if url not in clients:
            clients[url] = redis.Redis.from_url(url)
        stats = clients[url].info("commandstats")
        return sum(v["usec"] for k, v in stats.items() if k != "cmdstat_info") / 1e6

    return read


def redis_url() -> str:
    """The (first) Redis server of this run (problems with needs = ["redis"])."""
    return redis_urls()[0]


_TRUSTED_URLS: list[str] = []  # the servers, when the trusted side runs a spec itself (a timer): trusted_redis


@contextmanager
def trusted_redis(urls: list[str]) -> Iterator[None]:
    """While the trusted side measures, the spec it loaded itself (a family's timer, such as
    redis_server_time(redis_url)) reaches the run's servers directly. In the worker, the bench
    request names them instead (sandbox.worker)."""
    _TRUSTED_URLS[:] = urls
    try:
        yield
    finally:
        _TRUSTED_URLS.clear()


def redis_urls() -> list[str]:
    """Every Redis server of this run, in order (problems with `redis_servers = N`)."""
    urls = ",".join(_TRUSTED_URLS) or os.environ.get("DRILL_JUDGE_REDIS_URLS") or os.environ.get("DRILL_JUDGE_REDIS_URL")
    if not urls:
        # Worded here, not in authoring/messages.py (where its twin in testing.py reads it): this runs in the worker.
        raise RuntimeError("no Redis for this run: the problem's problem.toml must say needs = [\"redis\"]")
    return urls.split(",")
