"""Starting a worker and loading the candidate's file in it (trusted side): the one way the suite
runner, `drill run` and the bench do it, under one set of load limits.

A worker gets its private folder (the file is copied in by the caller), the problem's memory
limit and the run's Redis sockets (RedisEnv.worker_sockets); `load` has it import the file and
check it against the problem's contract. A load that fails is worded here from the data the
worker sent (protocol.py lists the kinds of load_error), read as text: it may be forged. The
worker knows only its copy's name (problem.file); the words name the file as the user gave it
(`shown_as`, e.g. the path typed after --file), with the worker's line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.limits import TimeLimitExceeded
from harness.worker import messages
from harness import words
from harness.verdicts import INVALID_SOLUTION, MEMORY_LIMIT_EXCEEDED, RUNTIME_ERROR, TIME_LIMIT_EXCEEDED
from harness.worker.channel import Budget, Channel, WorkerDied
from harness.worker.process import WorkerSpec

if TYPE_CHECKING:
    from harness.problems.catalogue import Problem
    from harness.services.redis.env import RedisEnv

# The load's limits: the interpreter's start is not in them (the worker is started ahead), the
# file's import and the contract check are.
LOAD_CPU_S = 10.0
LOAD_WALL_S = 30.0


def contract_of(problem: Problem) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "kind": c.kind, "params": list(c.params), "methods": {k: list(v) for k, v in c.methods.items()}, "slug": problem.slug}
        for c in problem.contract
    ]


def load_request(problem: Problem, folder_in_worker: str, file_name: str) -> dict[str, Any]:
    """The worker's `load` request. A problem that hands the candidate a Redis client has the
    worker import redis-py first (~0.3 s): during the load, while other workers load too,
    not inside the first test that makes a client. A problem with a `recursion_limit` has the
    worker fix the limit before the import (worker.fix_recursion_limit)."""
    return {
        "op": "load", "path": f"{folder_in_worker}/{file_name}", "module": problem.module,
        "contract": contract_of(problem), "preload": ["redis"] if "redis" in problem.needs else [],
        "recursion_limit": problem.recursion_limit,
    }


def start_worker(problem: Problem, folder: Path, *, redis: RedisEnv | None = None, hash_seed: int = 0,
                 bench_spec: Path | None = None, inputs: Path | None = None) -> Channel:
    """A new worker for `problem`, its channel ready for `load`: it sees `folder` (where the file
    is, or will be, copied), the run's Redis sockets, and `bench_spec` / `inputs` if given.
    Raises process.WorkerGone if it cannot start."""
    spec = WorkerSpec(folder=folder, memory_mb=problem.memory_limit_mb, hash_seed=hash_seed,
                      sockets=redis.worker_sockets() if redis is not None else (), bench_spec=bench_spec, inputs=inputs)
    return Channel(spec, redis=redis)


def send_load(channel: Channel, problem: Problem, file_name: str, *, preload: tuple[str, ...] = (),
              shown_as: str | None = None) -> None:
    """Ask the worker to load `file_name` (importing the modules of `preload` first), under the load
    limits; a limit passed names the file as `shown_as` (default: `file_name`)."""
    channel.push_budget(Budget(LOAD_CPU_S, LOAD_WALL_S, messages.importing(shown_as or file_name)))
    request = load_request(problem, channel.process.folder_in_worker, file_name)
    request["preload"] = [*request["preload"], *preload]
    channel.send(request)


def receive_load(channel: Channel) -> dict[str, Any]:
    """The worker's answer to `load` (ok or load_error); a limit passed or the worker's end raises."""
    try:
        return channel.receive()
    finally:
        channel.pop_budget()


@dataclass(frozen=True)
class LoadFailure:
    """Why a file did not load: its verdict and what to say."""

    verdict: str
    message: str


def finish_load(channel: Channel, problem: Problem, file_name: str, shown_as: str | None = None) -> LoadFailure | None:
    """Wait for the answer to `load`: None if the file loaded, else why it did not (every way: an
    answer that says so, the load's limits, the worker's end), naming the file as `shown_as`."""
    shown = shown_as or file_name
    try:
        reply = receive_load(channel)
    except TimeLimitExceeded:
        return LoadFailure(TIME_LIMIT_EXCEEDED, messages.import_not_finished(shown))
    except WorkerDied as exc:
        if exc.verdict != RUNTIME_ERROR:
            return LoadFailure(exc.verdict, exc.message)
        how = messages.process_end(channel.process.exit_status())
        return LoadFailure(INVALID_SOLUTION, messages.import_ended_process(shown, how))
    if "ok" not in reply:
        return LoadFailure(*load_failure(problem, file_name, reply, shown_as=shown))
    return None


def start_and_load(problem: Problem, folder: Path, *, redis: RedisEnv | None = None, bench_spec: Path | None = None,
                   preload: tuple[str, ...] = (), shown_as: str | None = None) -> tuple[Channel, LoadFailure | None]:
    """A new worker that has loaded `folder`/problem.file: its channel, and why the file did not
    load (None if it did), naming the file as `shown_as`. The caller closes the channel either
    way. Raises process.WorkerGone if no worker can start."""
    channel = start_worker(problem, folder, redis=redis, bench_spec=bench_spec)
    try:
        send_load(channel, problem, problem.file, preload=preload, shown_as=shown_as)
    except WorkerDied as exc:
        return channel, LoadFailure(INVALID_SOLUTION, words.worker_ended_before_load(exc.message))
    return channel, finish_load(channel, problem, problem.file, shown_as)


def shown_frame(frame: str, file_name: str, shown_as: str) -> str:
    """A frame of the worker's ("lru_cache.py, line 2, in <module>: ..."), naming the file as `shown_as`."""
    prefix = f"{file_name}, line "
    return shown_as + frame[len(file_name):] if frame.startswith(prefix) else frame


def load_failure(problem: Problem, file_name: str, reply: dict[str, Any], *, shown_as: str | None = None) -> tuple[str, str]:
    """(verdict, message) for a load that did not succeed. The worker sent data (protocol.py lists
    the kinds of load_error); it may have been forged by the candidate, so every field is read as
    text, and a load_error of no known kind says only that the file could not be loaded. The file is
    named as `shown_as` (default: `file_name`, the worker's copy), never as the worker names it."""
    shown = shown_as or file_name
    error = reply.get("load_error")
    if not isinstance(error, dict):
        return INVALID_SOLUTION, messages.could_not_load(shown)
    kind = error.get("kind")
    if kind == "raised":
        raised = error.get("raised") if isinstance(error.get("raised"), dict) else {}
        name = str(raised.get("type", "Exception"))
        text = str(raised.get("message", ""))[:300]
        frames = raised.get("frames") if isinstance(raised.get("frames"), list) else []
        if name == "SystemExit":
            return INVALID_SOLUTION, messages.import_exited(shown, text, [messages.contract_item(c.kind, c.name) for c in problem.contract])
        if name == "MemoryError":
            return MEMORY_LIMIT_EXCEEDED, messages.import_out_of_memory(shown)
        # The worker's frames are in the file itself: "line 2, in <module>: ..." after its name.
        where = str(frames[-1]).removeprefix(f"{file_name}, ") if frames else None
        return INVALID_SOLUTION, messages.import_raised(shown, name, text, where)
    return INVALID_SOLUTION, _worded_load_error(error, shown)[:2000]


def _worded_load_error(error: dict[str, Any], file_name: str) -> str:
    """A load_error other than an exception at import, worded from its fields; the file is named
    `file_name` (the worker's own "file" field is its copy's name, and may be forged)."""
    def text(key: str) -> str:
        if key == "file":
            return file_name
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
