"""The channel to one worker (trusted side): framing, budgets, callbacks, and how a worker's end looks.

Every request is a frame on the worker's socketpair; every answer goes through the strict
decoder (protocol.loads_answer). While it waits for an answer, the channel reads the worker's CPU
time from the kernel and the wall clock, and kills the worker when a budget is passed. An
exception the candidate raised arrives as a new class derived from the builtin one (so `except
ValueError` in a suite still works) and from `CandidateRaised`; it is never the candidate's own
class. The proxies a suite calls are in harness/worker/proxies.py.
"""

from __future__ import annotations

import builtins
import select
import signal
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, NoReturn

from harness.limits import TimeLimitExceeded
from harness.worker import messages
from harness.sandbox import protocol
from harness.worker.policy import OUTPUT_LIMIT_BYTES
from harness.worker.process import WorkerProcess, WorkerSpec

if TYPE_CHECKING:
    from harness.services.redis.env import RedisEnv

POLL_S = 0.02
EXCLUDED_BASE_S = 0.01
EXCLUDED_PER_BYTE_S = 1.5e-7  # measured: to_plain + json.dumps of a 3.8 MB answer took 0.4 s
MAX_EXCLUDED_S = EXCLUDED_BASE_S + protocol.MAX_FRAME * EXCLUDED_PER_BYTE_S


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

    def __init__(self, spec: WorkerSpec, *, redis: RedisEnv | None = None, start_limit_s: float = 30.0) -> None:
        self.spec = spec
        self.redis = redis  # the run's Redis servers: a suite's client handed to the worker names one of them
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

    def exclude(self, since_cpu: float, size: int) -> None:
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
                    # exclude() grants the lesser of the time taken and what the size allows: the
                    # exact size is measured only where a cheap lower bound of it allows less.
                    size = protocol.answer_size_at_least(message)
                    if self.process.cpu_s() - since > EXCLUDED_BASE_S + size * EXCLUDED_PER_BYTE_S:
                        size = protocol.answer_size(message)
                    self.exclude(since, size)
            self._check_limits()  # after the fact too: the slack while it encoded is gone
            return message

    def request(self, message: dict[str, Any]) -> dict[str, Any]:
        self.send(message)
        return self.receive()

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
