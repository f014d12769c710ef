"""The trusted side of the boundary: a channel to one worker, and proxies for its objects.

In the suite runner, `from lru_cache import LRUCache` gives a `RemoteModule` attribute:
calling it sends `new` to the worker and returns a `RemoteObject`; calling a method on
that sends `call`. Arguments travel as plain data (a redis-py client becomes settings the
worker builds its own client from; a suite function becomes a callback). Results arrive
through the strict decoder. An exception the candidate raised arrives as a new class
derived from the builtin one (so `except ValueError` in a suite still works) and from
`CandidateRaised`; it is never the candidate's own class.

Limits: while it waits for an answer, the channel reads the worker's CPU time from the
kernel and the wall clock, and kills the worker when a limit is passed.
"""

from __future__ import annotations

import builtins
import os
import select
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, NoReturn

from harness.judge.launch import OUTPUT_LIMIT_BYTES, WorkerProcess, WorkerSpec, cluster_sockets_for_worker, sockets_for_worker
from harness.limits import TimeLimitExceeded
from harness.render import messages
from harness.sandbox import protocol
from harness.verdicts import INVALID_SOLUTION, MEMORY_LIMIT_EXCEEDED

if TYPE_CHECKING:
    from harness.catalogue import Problem

POLL_S = 0.02
STASH_ABOVE_BYTES = 256 * 1024  # larger arguments are sent (and decoded) before the timed call
EXCLUDED_BASE_S = 0.01
EXCLUDED_PER_BYTE_S = 1.5e-7  # measured: to_plain + json.dumps of a 3.8 MB answer took 0.4 s
MAX_EXCLUDED_S = EXCLUDED_BASE_S + protocol.MAX_FRAME * EXCLUDED_PER_BYTE_S


# Large values a suite builds once and never changes (testing.ahead), with their encoding once
# made: however many calls send one, it is marshalled once for the run (ahead of a save in watch
# mode). Held here, so an id cannot be reused while it is in the table.
_kept: dict[int, tuple[Any, bytes | None]] = {}


def keep(value: Any, *, encode_now: bool = False) -> None:
    """Send `value` (which nothing changes from now on) as bytes encoded once."""
    data = None
    if encode_now:
        try:
            data = protocol.encode_part(value)
        except ValueError:  # not plain data: it travels the slow way (outgoing), each time
            return
    _kept[id(value)] = (value, data)


# Large inputs the worker builds itself from the kit's tests/<slug>/inputs.py (testing.generated):
# id -> (the value as built here, its recipe [name, args], the worker's CPU time its build may take).
_generated: dict[int, tuple[Any, list[Any], float]] = {}


def generated(value: Any, recipe: list[Any], allowance_s: float) -> None:
    """`value` is inputs.py's `name(*args)` (recipe: [name, args]): a worker that can read
    inputs.py builds it itself, and may take `allowance_s` of CPU time for it."""
    _generated[id(value)] = (value, recipe, allowance_s)


def encoded(value: Any) -> bytes:
    """`value` as one part of a request (protocol.encode_part); ValueError if it is not plain data."""
    entry = _kept.get(id(value))
    if entry is None or entry[0] is not value:
        return protocol.encode_part(value)
    if entry[1] is None:
        entry = _kept[id(value)] = (value, protocol.encode_part(value))
    return entry[1]


class CandidateRaised(Exception):
    """Mixed into every exception that arrives from the candidate."""

    info: dict[str, Any]

    def __str__(self) -> str:
        return str(self.info.get("message", ""))


class WorkerDied(Exception):
    """The worker process ended during a call. `verdict` and `message` say how it looks."""

    def __init__(self, verdict: str, message: str) -> None:
        super().__init__(message)
        self.verdict = verdict
        self.message = message


class MemoryLimitExceeded(Exception):
    """The candidate ran out of its memory limit."""


_CLASSES: dict[tuple[str, str], type] = {}
# Builtins that would stop pytest or the runner itself if raised in it.
_NOT_AS_BASE = {"BaseException", "SystemExit", "KeyboardInterrupt", "GeneratorExit", "StopIteration", "StopAsyncIteration"}


def candidate_exception(info: dict[str, Any]) -> CandidateRaised:
    """A trusted exception object that looks like what the candidate raised."""
    name = str(info.get("type", "Exception"))[:80]
    class_name = name if name.isidentifier() else "CandidateException"
    # The nearest builtin base that can stand in with no arguments: UnicodeEncodeError's own
    # constructor takes five, so it arrives as the ValueError it also is, which `except
    # ValueError` in a suite catches, rather than as a bare Exception.
    candidates = [getattr(builtins, str(b), None) for b in info.get("bases", [])] if isinstance(info.get("bases"), list) else []
    exc: CandidateRaised | None = None
    for base in [b for b in candidates if isinstance(b, type) and issubclass(b, Exception) and b.__name__ not in _NOT_AS_BASE] + [Exception]:
        key = (name, base.__name__)
        try:
            if key not in _CLASSES:
                _CLASSES[key] = type(class_name, (CandidateRaised, base), {})
            exc = _CLASSES[key]()
            break
        except Exception:  # noqa: BLE001 - a base whose layout or constructor cannot be used: the next one
            continue
    if exc is None:
        exc = type(class_name, (CandidateRaised, Exception), {})()
    message = str(info.get("message", ""))[:2000]
    bases = [str(b) for b in info.get("bases", [])] if isinstance(info.get("bases"), list) else []
    if "OSError" in bases and message.startswith("[Errno 27]"):
        # Python ignores SIGXFSZ, so a print past RLIMIT_FSIZE raises EFBIG in the candidate's code
        # (restoring SIGXFSZ's default does not help: the sandboxed worker is PID 1 of its
        # namespace, and the kernel does not deliver it a signal it has no handler for).
        message = messages.printed_past_output_limit(message, OUTPUT_LIMIT_BYTES)
    exc.info = {
        "type": name,
        "message": message,
        "frames": [str(f)[:400] for f in info.get("frames", [])][:4] if isinstance(info.get("frames"), list) else [],
        "bases": bases,
    }
    return exc


@dataclass
class Budget:
    """A limit on the worker's CPU time (from the kernel), with a wall-clock backstop."""

    cpu_s: float
    wall_s: float
    what: str


class Channel:
    """One worker, with the requests the suite makes of it."""

    def __init__(self, spec: WorkerSpec, *, start_limit_s: float = 30.0) -> None:
        self.spec = spec
        self.process = WorkerProcess(spec)
        self.reader = protocol.FrameReader(self.process.sock)
        self.callbacks: dict[int, Callable[..., Any]] = {}
        self._drops: list[int] = []
        self.budgets: list[tuple[Budget, float, float, float]] = []
        self.excluded_cpu = 0.0
        self.excluding_since: float | None = None
        self.nogc = False  # set while a case is timed against the reference (which runs with GC off)
        self.start_limit_s = start_limit_s
        self.dead: WorkerDied | None = None

    # --- limits --------------------------------------------------------------------------

    def push_budget(self, budget: Budget) -> None:
        self.budgets.append((budget, self.process.cpu_s(), time.monotonic(), self.excluded_cpu))

    def pop_budget(self) -> None:
        """Ends the innermost budget."""
        self.budgets.pop()

    def _check_limits(self) -> None:
        cpu = self.process.cpu_s()
        now = time.monotonic()
        # While the worker decodes a stashed input or encodes a large answer, its CPU time
        # is charged only after the fact, up to what that size can need.
        slack = self.excluding_since is not None and MAX_EXCLUDED_S or 0.0
        for budget, cpu0, wall0, excluded0 in self.budgets:
            used = cpu - cpu0 - (self.excluded_cpu - excluded0)
            if used > budget.cpu_s + slack:
                self._die_limit(budget, messages.cpu_limit_passed(budget.what, budget.cpu_s))
            if now - wall0 > budget.wall_s:
                self._die_limit(budget, messages.wall_limit_passed(budget.what, now - wall0, budget.wall_s))

    def check_cpu_limits(self) -> None:
        """Every budget against the worker's CPU time as it stands now (for a limit set after the
        calls answered: testing.within_reference_budget); TimeLimitExceeded past one. Not the wall
        clock: the time the reference took beside the calls is not the candidate's."""
        if self.dead is not None:
            return
        cpu = self.process.cpu_s()
        for budget, cpu0, _, excluded0 in self.budgets:
            if cpu - cpu0 - (self.excluded_cpu - excluded0) > budget.cpu_s:
                self._die_limit(budget, messages.cpu_limit_passed(budget.what, budget.cpu_s))

    def _exclude(self, since_cpu: float, size: int) -> None:
        """Encoding or decoding `size` bytes started at `since_cpu`: not the candidate's time,
        up to what that size can need."""
        self.excluded_cpu += min(max(0.0, self.process.cpu_s() - since_cpu), EXCLUDED_BASE_S + size * EXCLUDED_PER_BYTE_S)

    def _die_limit(self, budget: Budget, message: str) -> None:
        self.process.kill("time limit")
        self.dead = WorkerDied("time_limit_exceeded", message)
        raise TimeLimitExceeded(message)

    # --- requests ------------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        self.send_frame(protocol.request_frame(message))

    def _write(self, data: bytes) -> None:
        try:
            self.process.sock.sendall(data)
        except OSError:
            self._died()

    def receive(self) -> dict[str, Any]:
        """The answer to the request in progress, serving callbacks meanwhile."""
        while True:
            message, _ = self._read_message()
            if "callback" in message:
                self._serve_callback(message)
                continue
            if "returned" in message:
                if len(message) != 1:
                    self.broke(messages.protocol_broken("an announcement with an answer in it"))
                self.excluding_since = self.process.cpu_s()
                message, _ = self._read_message()
                since, self.excluding_since = self.excluding_since, None
                # Sized from what this side decoded and uses, never from what the worker says: the
                # payload's own size (not the frame's, which can be padded), and nothing at all
                # for an answer too small to have needed the announcement.
                if self.process.cpu_s() - since > EXCLUDED_BASE_S and protocol.is_large(message):
                    self._exclude(since, protocol.answer_size(message))
            self._check_limits()  # after the fact too: the slack while it encoded is gone
            return message

    def request(self, message: dict[str, Any]) -> dict[str, Any]:
        self.send(message)
        return self.receive()

    def call(self, op: str, fields: dict[str, Any], args: list[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        """A `new` or `call` request. Arguments that are not plain data are converted; large ones
        are stashed first, so that decoding them is not charged to the candidate."""
        parts, kw, resolve = self.encode_arguments(args, kwargs)
        message: dict[str, Any] = {"op": op, **fields, "parts": parts, "kwargs": kw}
        if self.nogc:
            message["nogc"] = True
        if sum(map(len, parts)) + len(kw) > STASH_ABOVE_BYTES:
            self.stash(parts, kw, resolve)
            message.update(parts=protocol.STASHED, kwargs=protocol.encode_part({}))
        elif resolve:
            message["resolve"] = True
        self.send_frame(protocol.request_frame(message))
        return self.receive()

    def encode_arguments(self, args: list[Any], kwargs: dict[str, Any]) -> tuple[list[bytes], bytes, bool]:
        """Each argument encoded on its own (a kept one once for the run), the keyword arguments,
        and whether the worker must resolve markers (handles, callbacks, clients) in them."""
        try:
            return [encoded(a) for a in args], protocol.encode_part(kwargs), False
        except ValueError:
            pass
        args, kwargs = outgoing(args, self), outgoing(kwargs, self)
        try:
            return [protocol.encode_part(a) for a in args], protocol.encode_part(kwargs), True
        except ValueError:
            raise TypeError(messages.NOT_SENDABLE) from None

    def stash(self, parts: list[bytes], kw: bytes, resolve: bool) -> None:
        """Large arguments go ahead of their call: the worker's decoding is not the candidate's time."""
        frame = protocol.request_frame({"op": "stash", "parts": parts, "kwargs": kw, "resolve": resolve})
        self.excluding_since = self.process.cpu_s()
        self.send_frame(frame)
        try:
            reply = self.receive()
        finally:
            since, self.excluding_since = self.excluding_since, None
            if since is not None:
                self._exclude(since, len(frame))
        if "ok" not in reply:
            answer(reply, self)

    def send_frame(self, frame: bytes) -> None:
        if self.dead is not None:
            raise self.dead
        if self._drops:
            drops, self._drops = self._drops, []
            self._write(protocol.request_frame({"op": "drop", "handles": drops}))
        self._write(frame)

    def _read_message(self) -> tuple[dict[str, Any], int]:
        sock = self.process.sock
        reader = self.reader
        started = time.monotonic()
        while not self._ready():
            ready, _, _ = select.select([sock], [], [], POLL_S)
            if ready:
                try:
                    more = reader._fill()
                except OSError:
                    more = False
                if not more:
                    self._died()
                continue
            if not self.budgets and time.monotonic() - started > self.start_limit_s:
                self._die_limit(Budget(self.start_limit_s, self.start_limit_s, messages.LOADING_THE_SOLUTION),
                                messages.load_not_finished(self.start_limit_s))
            self._check_limits()
            if not self.process.alive() and not select.select([sock], [], [], 0)[0]:
                self._died()
        try:
            data = reader.read()
            if data is None:
                self._died()
            return protocol.loads_answer(data), len(data)
        except protocol.AnswerTooLarge as exc:
            self.broke(messages.answer_too_large(exc))
        except MemoryError:  # the frame itself, on a runner near its own memory limit
            self.broke(messages.answer_too_large(None))
        except protocol.ProtocolError as exc:
            self._broke_protocol(exc)

    def _ready(self) -> bool:
        try:
            return self.reader.ready()
        except protocol.ProtocolError as exc:
            self._broke_protocol(exc)

    def _broke_protocol(self, exc: protocol.ProtocolError) -> NoReturn:
        self.broke(messages.protocol_broken(exc))

    def broke(self, message: str) -> NoReturn:
        """The worker answered in a way the protocol does not allow: stop it, and fail the call."""
        self.process.kill("protocol")
        self.dead = WorkerDied("runtime_error", message)
        raise self.dead from None

    def _serve_callback(self, message: dict[str, Any]) -> None:
        fn = self.callbacks.get(message.get("callback")) if type(message.get("callback")) is int else None
        args = message.get("args")
        if fn is None or type(args) is not list:
            self._write(protocol.request_frame({"op": "raise", "type": "RuntimeError", "message": messages.NO_SUCH_CALLBACK}))
            return
        try:
            value = fn(*args)
        except TimeLimitExceeded:
            raise
        except Exception as exc:  # noqa: BLE001 - the suite's callable failed on purpose (or not): tell the caller
            self._write(protocol.request_frame({"op": "raise", "type": type(exc).__name__, "message": str(exc)}))
            return
        try:
            frame = protocol.request_frame({"op": "return", "value": value})
        except ValueError:
            frame = protocol.request_frame({"op": "raise", "type": "TypeError", "message": messages.CALLBACK_NOT_PLAIN})
        self._write(frame)

    def _died(self) -> None:
        if self.dead is not None:
            raise self.dead
        status = self.process.exit_status()
        self.dead = _death(status, self.process.killed_for)
        raise self.dead

    def drop(self, ident: int) -> None:
        self._drops.append(ident)

    def close(self) -> None:
        self.process.close()


def _death(status: int | None, killed_for: str | None) -> WorkerDied:
    import signal

    if killed_for == "time limit":
        return WorkerDied("time_limit_exceeded", messages.DIED_PAST_TIME_LIMIT)
    if status is not None and status < 0:
        sig = -status
        if sig == signal.SIGKILL:
            return WorkerDied("memory_limit_exceeded", messages.DIED_SIGKILL)
        if sig == signal.SIGXFSZ:
            return WorkerDied("runtime_error", messages.died_past_output_limit(OUTPUT_LIMIT_BYTES))
        if sig == signal.SIGSEGV:
            return WorkerDied("runtime_error", messages.DIED_SIGSEGV)
        if sig == signal.SIGSYS:
            return WorkerDied("runtime_error", messages.DIED_SIGSYS)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = messages.signal_name(sig)
        return WorkerDied("runtime_error", messages.died_from(name))
    if status is not None and status > 128 and status - 128 in (9, 25, 11, 31):
        return _death(-(status - 128), killed_for)
    return WorkerDied("runtime_error", messages.exited_during_call(status))


# --- arguments and proxies ----------------------------------------------------------------------


def outgoing(value: Any, channel: Channel) -> Any:
    """Suite values -> what may travel: remote objects as handles, functions as callbacks,
    Redis clients as settings."""
    kind = type(value)
    if kind in protocol.SCALARS or kind is bytes:
        return value
    if isinstance(value, RemoteObject):
        if value._channel is not channel:
            raise TypeError(messages.OBJECT_OF_ANOTHER_WORKER)
        return (protocol.HANDLE, value._id)
    if kind is list:
        return [outgoing(v, channel) for v in value]
    if kind is tuple:
        return tuple(outgoing(v, channel) for v in value)
    if kind is dict:
        return {k: outgoing(v, channel) for k, v in value.items()}
    if isinstance(value, LocalCallable):
        return (protocol.LOCAL, {"raises": value.raises, "message": value.message, "times": value.times,
                                 "then": outgoing(value.then, channel) if value.then is not None else None})
    resource = _redis_resource(value)
    if resource is not None:
        return resource
    if callable(value) and not isinstance(value, type):
        ident = len(channel.callbacks) + 1
        channel.callbacks[ident] = value
        return (protocol.CALLBACK, ident)
    return value


class LocalCallable:
    """A function made in the worker (see protocol LOCAL): its first `times` calls raise
    `raises`, later ones call `then` back in the suite (or return None)."""

    def __init__(self, *, raises: str = "ConnectionError", message: str = "", times: int = 0, then: Callable[..., Any] | None = None) -> None:
        self.raises, self.message, self.times, self.then = raises, message, times, then
        self._left = times

    def __call__(self, *args: Any) -> Any:  # the same behaviour where no worker is involved
        if self._left > 0:
            self._left -= 1
            raise getattr(builtins, self.raises, RuntimeError)(self.message)
        return self.then(*args) if self.then is not None else None


def _redis_resource(value: Any) -> tuple[str, dict[str, Any]] | None:
    """A redis-py client of the suite (to one of this run's servers) -> settings for the worker's own
    client, which reaches that server only through redis_guard's filtering socket, in drill's database."""
    module = type(value).__module__ or ""
    if not module.startswith("redis"):
        return None
    if getattr(value, "nodes_manager", None) is not None:
        return _cluster_resource(value)
    if getattr(value, "connection_pool", None) is None:
        return None
    sockets = sockets_for_worker()
    if not sockets:
        raise TypeError(messages.REDIS_NOT_NEEDED)
    index = 0 if len(sockets) == 1 else _server_index(value)
    return (protocol.RESOURCE, {"kind": "redis", "kwargs": {"unix_socket_path": sockets[index]}})


def _cluster_resource(client: Any) -> tuple[str, dict[str, Any]]:
    """A redis-py RedisCluster of the suite (harness.testing.redis_cluster) -> settings for the worker's
    own RedisCluster: every node as the cluster names it (host, port), with the guard socket the
    worker reaches it through, and the node it asks first (the one the suite's client started from)."""
    names = [n for n in os.environ.get("DRILL_JUDGE_REDIS_CLUSTER_NODES", "").split(",") if n]
    sockets = cluster_sockets_for_worker()
    if not names or len(names) != len(sockets):
        raise TypeError(messages.NO_REDIS_CLUSTER)
    nodes = [[name.rsplit(":", 1)[0], int(name.rsplit(":", 1)[1]), path] for name, path in zip(names, sockets)]
    first = int(getattr(client, "drill_first_node", 0)) % len(nodes)
    return (protocol.RESOURCE, {"kind": "redis-cluster", "nodes": nodes, "first": first})


def _server_index(client: Any) -> int:
    """Which of this run's servers (DRILL_JUDGE_REDIS_URLS) a suite's client talks to."""
    from redis.connection import parse_url

    kwargs = client.connection_pool.connection_kwargs
    where = (kwargs.get("path"), kwargs.get("host"), kwargs.get("port"))
    for i, url in enumerate(os.environ.get("DRILL_JUDGE_REDIS_URLS", "").split(",")):
        parsed = parse_url(url) if url else {}
        if (parsed.get("path"), parsed.get("host"), parsed.get("port")) == where:
            return i
    raise TypeError(messages.REDIS_OF_NO_SERVER)


def answer(reply: dict[str, Any], channel: Channel) -> Any:
    if "raised" in reply:
        raised = reply["raised"]
        if not isinstance(raised, dict):
            raised = {"type": "Exception", "message": "an unreadable exception"}
        if raised.get("type") == "MemoryError":
            raise MemoryLimitExceeded(str(raised.get("message", "")))
        raise candidate_exception(raised)
    if "value" not in reply:
        channel.broke(messages.ANSWER_WITHOUT_VALUE)
    return reply["value"]


class RemoteObject:
    """An object that lives in the worker. Only its methods can be used."""

    __slots__ = ("_channel", "_id", "_class", "__weakref__")

    def __init__(self, channel: Channel, ident: int, class_name: str) -> None:
        object.__setattr__(self, "_channel", channel)
        object.__setattr__(self, "_id", ident)
        object.__setattr__(self, "_class", class_name)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)
        return RemoteMethod(self, name)

    def __repr__(self) -> str:
        return messages.remote_object(self._class)

    def __del__(self) -> None:
        try:
            self._channel.drop(self._id)
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


class RemoteMethod:
    __slots__ = ("obj", "name")

    def __init__(self, obj: RemoteObject, name: str) -> None:
        self.obj, self.name = obj, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        channel = self.obj._channel
        reply = channel.call("call", {"handle": self.obj._id, "name": self.name}, list(args), kwargs)
        return answer(reply, channel)


class RemoteCallable:
    """A class or function the candidate's module defines."""

    def __init__(self, module: RemoteModule, name: str, kind: str) -> None:
        self.module, self.__name__, self.kind = module, name, kind

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        channel = self.module.channel()
        if self.kind == "class":
            reply = channel.call("new", {"name": self.__name__}, list(args), kwargs)
            if "raised" in reply:
                answer(reply, channel)
            if type(reply.get("handle")) is not int:
                channel.broke(messages.CONSTRUCTOR_WITHOUT_OBJECT)
            return RemoteObject(channel, reply["handle"], self.__name__)
        reply = channel.call("call", {"handle": None, "name": self.__name__}, list(args), kwargs)
        return answer(reply, channel)

    def with_inputs(self, *args: Any) -> tuple[Any, list[Any]]:
        """Call the function; return its result and its arguments as the call left them."""
        channel = self.module.channel()
        reply = channel.call("call", {"handle": None, "name": self.__name__, "return_args": True}, list(args), {})
        value = answer(reply, channel)
        after = reply.get("args")
        if type(after) is not list or len(after) != len(args):
            channel.broke(messages.ANSWER_WITHOUT_ARGUMENTS)
        return value, after

    def __repr__(self) -> str:
        return messages.remote_callable(self.kind, self.__name__)


class RemoteModule:
    """Stands in for the candidate's module in the suite runner."""

    def __init__(self, name: str, contract: list[dict[str, Any]], channel_factory: Callable[[], Channel]) -> None:
        self.__name__ = name
        self._contract = {item["name"]: item["kind"] for item in contract}
        self.channel = channel_factory
        self.__file__ = messages.remote_module_file(name)

    def __getattr__(self, name: str) -> Any:
        if name in self._contract:
            return RemoteCallable(self, name, self._contract[name])
        raise AttributeError(messages.not_in_contract(name))


def call_many(obj: RemoteObject, calls: list[tuple[str, tuple]], summary: str | None = None) -> Any:
    """All calls in one message; see harness.testing.call_many."""
    return finish_many(start_many(obj, calls, summary))


def start_many(obj: RemoteObject, calls: list[tuple[str, tuple]], summary: str | None = None) -> tuple[Channel, bool, int]:
    channel = obj._channel
    # The list travels as one part: (name, args) tuples as they are (marshal keeps tuples); a kept
    # list (testing.ahead) was encoded once; markers need outgoing() and "resolve". It is not
    # stashed: the worker decodes it inside the batch with its collector off, and the collection
    # of those objects comes after the answer, not before the calls. A generated list
    # (testing.generated) is not sent at all: the worker builds it from its recipe.
    message: dict[str, Any] = {"op": "many", "handle": obj._id}
    if channel.nogc:
        message["nogc"] = True
    inputs = channel.process.inputs_in_worker
    if summary is not None:
        if inputs is None:
            raise RuntimeError(messages.NO_INPUTS_FILE)
        message.update(summary=summary, inputs=inputs)
    recipe = _generated.get(id(calls))
    if recipe is not None and recipe[0] is calls and inputs is not None:
        message.update(generate=recipe[1], inputs=inputs)
        # Built inside this request (never ahead: a worker that held the input before its case
        # could work out the answers untimed), and not the candidate's time up to its allowance.
        channel.excluded_cpu += recipe[2]
    else:
        try:
            message["calls"] = encoded(calls)
        except ValueError:
            message.update(calls=protocol.encode_part([[name, outgoing(list(args), channel)] for name, args in calls]), resolve=True)
    channel.send_frame(protocol.request_frame(message))
    return channel, summary is not None, len(calls)


def finish_many(started: tuple[Channel, bool, int]) -> Any:
    """The batch's values (or, for a batch with a summary, the summary)."""
    channel, summarised, count = started
    reply = channel.receive()
    if summarised and "summary" in reply:
        return reply["summary"]
    values = reply.get("values")
    if type(values) is not list:
        channel.broke(messages.BATCH_WITHOUT_RESULTS)
    if len(values) > count or len(values) < count and "raised" not in reply:
        channel.broke(messages.batch_results_miscounted(len(values), count))
    if "raised" in reply:
        try:
            answer({"raised": reply["raised"]}, channel)
        except BaseException as exc:
            exc.completed, exc.values = len(values), values  # type: ignore[attr-defined]  # the calls before the one that raised
            raise
    return values


# --- what the trusted side says about a worker ---------------------------------------------------


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0, 9), *range(11, 32), 127]}


def printable(text: Any) -> Any:
    """Candidate-made text with its control characters shown as escapes, so that nothing it
    prints can move the cursor, clear the screen or forge a verdict in the user's terminal
    (or break the JUnit XML)."""
    if isinstance(text, str):
        return text.translate(_CONTROL)
    if isinstance(text, list):
        return [printable(t) for t in text]
    if isinstance(text, dict):
        return {k: printable(v) for k, v in text.items()}
    return text


def load_failure(problem: Problem, file_name: str, reply: dict[str, Any]) -> tuple[str, str]:
    """(verdict, message) for a load that did not succeed. The worker sent data (protocol.py lists
    the kinds of load_error); it may have been forged by the candidate, so every field is read as
    text, and a load_error of no known kind says only that the file could not be loaded."""
    error = reply.get("load_error")
    if not isinstance(error, dict):
        return INVALID_SOLUTION, messages.could_not_load(file_name)
    kind = error.get("kind")
    if kind == "raised":
        raised = error.get("raised") if isinstance(error.get("raised"), dict) else {}
        name = str(raised.get("type", "Exception"))
        text = str(raised.get("message", ""))[:300]
        frames = raised.get("frames") if isinstance(raised.get("frames"), list) else []
        if name == "SystemExit":
            return INVALID_SOLUTION, messages.import_exited(file_name, text, [messages.contract_item(c.kind, c.name) for c in problem.contract])
        if name == "MemoryError":
            return MEMORY_LIMIT_EXCEEDED, messages.import_out_of_memory(file_name)
        return INVALID_SOLUTION, messages.import_raised(file_name, name, text, frames[-1] if frames else None)
    return INVALID_SOLUTION, _worded_load_error(error, file_name)[:2000]


def _worded_load_error(error: dict[str, Any], file_name: str) -> str:
    """A load_error other than an exception at import, worded from its fields."""
    def text(key: str) -> str:
        return str(error.get(key, ""))[:2000]

    def number(key: str) -> int | None:
        value = error.get(key)
        return value if type(value) is int else None

    kind, trouble = error.get("kind"), error.get("trouble")
    if kind == "not_a_module":
        return messages.not_a_module(text("file"))
    if kind == "syntax":
        source_line = error.get("text")
        return messages.syntax_error(text("file"), error.get("line"), text("type"), text("msg"),
                                     source_line if isinstance(source_line, str) else None, number("offset"))
    if kind != "contract":
        return messages.could_not_load(file_name)
    if trouble == "missing":
        like = error.get("like")
        return messages.contract_missing(text("file"), text("item_kind"), text("name"), text("slug"), like if isinstance(like, str) else None)
    if trouble in ("not_a_class", "not_a_function"):
        return messages.contract_not_a(trouble.removeprefix("not_a_"), text("name"), text("file"), text("found"))
    if trouble == "no_method":
        return messages.contract_no_method(text("name"), text("file"), text("method"))
    if trouble == "signature" and isinstance(error.get("params"), list):
        return messages.contract_signature(text("label"), [str(p) for p in error["params"]], text("signature"))
    return messages.could_not_load(file_name)
