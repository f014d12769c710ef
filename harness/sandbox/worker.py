"""The worker: the only process that runs the candidate's code. Standard library only.

Started by harness.worker.process inside the sandbox as `python -s -P -u worker.py FD` (an environment it sets itself), with FD a
socket to the trusted suite runner (or bench). It loads the candidate's file, then answers
requests (see protocol.py) until told to exit or the socket closes. It decides nothing:
no verdicts, no test outcomes, no clocks. Everything it says is checked on the other side.
"""

from __future__ import annotations

import datetime as _datetime
import difflib
import gc
import importlib.util
import inspect
import itertools
import linecache
import os
import random
import socket
import sys
import time
import types
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from sandbox import protocol  # noqa: E402

sys.path.pop(0)


class Worker:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._sendall = sock.sendall  # bound before the candidate's import can patch socket.socket
        self.reader = protocol.FrameReader(sock, limit=1 << 31)
        self.module: types.ModuleType | None = None
        self.path = ""
        self.objects: dict[int, Any] = {}
        self.next_id = 1
        self.resources: dict[str, Any] = {}
        self.spec: Any = None
        self.benchkit: Any = None
        self.family: Any = None
        self.n = 0
        self.setups: list[Any] = []        # complexity rounds: the inputs built, then
        self.states: list[Any] = []        # what prepare() made of them
        self.stashed: tuple[list[Any], dict[str, Any]] = ([], {})
        self.done: list[Any] = []
        self.inputs: dict[str, Any] = {}  # tests/<slug>/inputs.py, loaded at its first use
        self.built: Any = None             # the last input it built (testing.generated)
        # From an announced answer ({"returned": 1}) until it is sent: what the call left (freed
        # only after the send, so no __del__ of the candidate's runs in between), and whether the
        # collector was on (it is off meanwhile, so no finalizer of a cycle runs either).
        self.held: Any = None
        self.collector_was_on: bool | None = None

    # --- channel -----------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        # stdout and stderr are unbuffered (PYTHONUNBUFFERED): what was printed is in the files.
        self._sendall(protocol.answer_frame(message))

    def receive(self) -> dict[str, Any] | None:
        data = self.reader.read()
        return None if data is None else protocol.loads_request(data)

    def serve(self) -> None:
        while True:
            request = self.receive()
            if request is None or request.get("op") == "exit":
                return
            op = request.get("op")
            nogc = request.get("nogc")
            if nogc:
                # A large case timed against the reference, which runs with the collector off too.
                gc.disable()
            try:
                reply = getattr(self, "op_" + str(op))(request)
                if reply is not None:
                    self.send(reply)
            finally:
                self.held = None  # freed now, after the answer: the candidate's time again
                if self.collector_was_on or nogc:
                    gc.enable()
                self.collector_was_on = None

    # --- values across the boundary ----------------------------------------------------

    def arguments(self, request: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
        if request.get("parts") == protocol.STASHED:
            args, kwargs = self.stashed
            self.stashed = ([], {})
            return args, kwargs
        return self.decoded(request)

    def decoded(self, request: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
        """A request's "parts" and "kwargs" (each marshalled on its own) as values."""
        args = [protocol.decode_part(part) for part in request.get("parts", [])]
        kwargs = protocol.decode_part(request["kwargs"]) if "kwargs" in request else {}
        if request.get("resolve"):
            return self.resolve(args), self.resolve(kwargs)
        return args, kwargs

    def resolve(self, value: Any) -> Any:
        """Markers -> the objects they stand for."""
        kind = type(value)
        if kind is tuple:
            if protocol.is_marker(value):
                tag, body = value
                if tag == protocol.HANDLE:
                    return self.objects[body]
                if tag == protocol.CALLBACK:
                    return self._callback(body)
                if tag == protocol.LOCAL:
                    return self._local(body)
                return self._resource(body)
            return tuple(self.resolve(v) for v in value)
        if kind is list:
            return [self.resolve(v) for v in value]
        if kind is dict:
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def answer(self, key: str, value: Any, held: Any = None) -> dict[str, Any]:
        """{key: value} ready to send; a large value is announced first, so that the runner
        does not charge its encoding to the candidate (see protocol.py). After the announcement
        no code of the candidate's runs: the value is copied by exact type (to_plain's
        run_nothing), `held` (the calling request's locals) and the value are freed only once the
        answer is sent, and the collector stays off until then."""
        kind = type(value)  # by identity: `in` would call a metaclass's __eq__
        large = (kind is list or kind is dict or kind is set or kind is tuple or kind is frozenset) and \
            len(value) > protocol.LARGE_ANSWER_ITEMS
        if not large:
            return {key: protocol.to_plain(value)}
        self.held = (value, held)
        if self.collector_was_on is None:
            self.collector_was_on = gc.isenabled()
        gc.disable()
        self.send({"returned": 1})
        return {key: protocol.to_plain(value, run_nothing=True)}

    def _callback(self, ident: int) -> Any:
        worker = self

        def callback(*args: Any) -> Any:
            worker.send({"callback": ident, "args": protocol.to_plain(list(args))})
            answer = worker.receive()
            if answer is None:
                raise SystemExit(0)
            if answer.get("op") == "raise":
                raise _exception_type(str(answer.get("type")))(str(answer.get("message", "")))
            return answer.get("value")

        return callback

    def _local(self, spec: dict[str, Any]) -> Any:
        left = [int(spec.get("times", 0))]
        error = _exception_type(str(spec.get("raises", "RuntimeError")))
        message = str(spec.get("message", ""))
        then = self.resolve(spec["then"]) if spec.get("then") is not None else None

        def local(*args: Any) -> Any:
            if left[0] > 0:
                left[0] -= 1
                raise error(message)
            return then(*args) if then is not None else None

        return local

    def _resource(self, spec: dict[str, Any]) -> Any:
        key = repr(sorted(spec.items()))
        if key not in self.resources:
            import redis  # only problems that hand the candidate a Redis client get here

            if spec.get("kind") == "redis-cluster":
                self.resources[key] = _cluster_client(spec)
            else:
                self.resources[key] = redis.Redis(**spec.get("kwargs", {}))
        return self.resources[key]

    def raised(self, exc: BaseException) -> dict[str, Any]:
        bases = [c.__name__ for c in type(exc).__mro__ if c.__module__ == "builtins"]
        try:
            message = str(exc)
        except BaseException:  # noqa: BLE001
            message = "(str() of the exception failed)"
        return {
            "type": type(exc).__name__,
            "bases": bases,
            "message": message[:2000],
            "frames": self.frames(exc.__traceback__),
        }

    def frames(self, tb: Any) -> list[str]:
        lines = []
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename == self.path:
                lineno = tb.tb_lineno
                where = f"{os.path.basename(self.path)}, line {lineno if lineno is not None else '?'}, in {code.co_name}"
                text = linecache.getline(self.path, lineno).strip() if lineno else ""
                lines.append(f"{where}: {text}" if text else where)
            tb = tb.tb_next
        return lines[-4:]

    # --- requests ----------------------------------------------------------------------

    def op_load(self, request: dict[str, Any]) -> dict[str, Any]:
        for name in request.get("preload", []):
            try:
                importlib.import_module(name)  # installed packages the judge will hand the candidate (redis)
            except ImportError:
                pass  # then the first call that needs it says so, as before
        if request.get("recursion_limit") is not None:
            fix_recursion_limit(int(request["recursion_limit"]))
        self.path = request["path"]
        name = os.path.basename(self.path)
        spec = importlib.util.spec_from_file_location(request["module"], self.path)
        if spec is None or spec.loader is None:
            return {"load_error": {"kind": "not_a_module", "file": name}}
        module = importlib.util.module_from_spec(spec)
        sys.modules[request["module"]] = module
        try:
            spec.loader.exec_module(module)
        except SyntaxError as exc:
            return {"load_error": {"kind": "syntax", "file": name, "line": exc.lineno, "type": type(exc).__name__,
                                   "msg": exc.msg, "text": exc.text, "offset": exc.offset}}
        except BaseException as exc:  # noqa: BLE001 - anything at import makes the file unusable
            return {"load_error": {"kind": "raised", "raised": self.raised(exc)}}
        self.module = module
        trouble = check_contract(request["contract"], module, name)
        if trouble:
            return {"load_error": {"kind": "contract", **trouble}}
        return {"ok": 1}

    def _target(self, request: dict[str, Any]) -> Any:
        handle = request.get("handle")
        return self.module if handle is None else self.objects[handle]

    def op_new(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            cls = getattr(self.module, request["name"])
            args, kwargs = self.arguments(request)
            obj = cls(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - reported to the suite
            return {"raised": self.raised(exc)}
        ident = self.next_id
        self.next_id += 1
        self.objects[ident] = obj
        return {"handle": ident}

    def op_call(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            fn = getattr(self._target(request), request["name"])
            args, kwargs = self.arguments(request)
            value = fn(*args, **kwargs)
            reply = self.answer("value", value, held=locals())
            if request.get("return_args"):
                # As the call left them (the suite checks they were not changed); maybe after the announcement.
                reply["args"] = protocol.to_plain(args, run_nothing=True)
            return reply
        except BaseException as exc:  # noqa: BLE001
            return {"raised": self.raised(exc)}

    def op_many(self, request: dict[str, Any]) -> dict[str, Any]:
        values: list[Any] = []
        try:
            target = self._target(request)
            methods: dict[str, Any] = {}
            as_returned = request.get("as_returned") is True and "summary" in request
            if "generate" in request:
                calls = self.generated(request["inputs"], request["generate"])
            else:
                calls = protocol.decode_part(request["calls"])
                if request.get("resolve"):
                    calls = self.resolve(calls)
            for name, args in calls:
                fn = methods.get(name)
                if fn is None:
                    fn = methods[name] = getattr(target, name)
                value = fn(*args)
                # As it was when returned (the object may change later); for a summary that asks for
                # them "as_returned", the objects themselves (is one list returned twice?).
                values.append(value if as_returned or type(value) is not list else value[:])
            if "summary" in request:  # after the last call: the values never cross, their summary does
                return self.answer("summary", getattr(self.inputs_module(request["inputs"]), str(request["summary"]))(calls, values),
                                   held=locals())
        except BaseException as exc:  # noqa: BLE001
            raised = self.raised(exc)  # before the announcement: str(exc) may be the candidate's code
            return {**self.answer("values", values, held=(locals(), exc)), "raised": raised}
        return self.answer("values", values, held=locals())

    def inputs_module(self, path: str) -> Any:
        """The kit's tests/<slug>/inputs.py (standard library only): builders of large inputs and
        summaries of their results. Not put in sys.modules: nothing of it is in sight of the calls."""
        if path not in self.inputs:
            self.inputs[path] = _kit_file("_drill_inputs", path)
        return self.inputs[path]

    def generated(self, path: str, recipe: list[Any]) -> list[Any]:
        """inputs.py's `name(*args)`, built here inside the case (the runner excuses it up to an
        allowance) as the runner builds it too, so that the calls never cross the boundary. Built
        afresh each time: a list kept from an earlier case could be worked on before this one."""
        name, args = recipe
        with protocol.gc_paused():  # as the runner built it
            self.built = getattr(self.inputs_module(path), str(name))(*args)
        return self.built  # kept until the next one: not freed inside the timed case

    def op_stash(self, request: dict[str, Any]) -> dict[str, Any]:
        self.stashed = self.decoded(request)
        return {"ok": 1}

    def op_drop(self, request: dict[str, Any]) -> None:
        for ident in request.get("handles", []):
            self.objects.pop(ident, None)

    def op_skew(self, request: dict[str, Any]) -> dict[str, Any]:
        skew_clocks(float(request["seconds"]), self.module)
        return {"ok": 1}

    # --- complexity rounds: the input is built here, outside the timed request -------------

    def op_bench(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            if self.spec is None:
                from sandbox import benchkit  # only complexity workers load it

                self.benchkit = benchkit
                # A spec imports it by its trusted-side name, harness.sandbox.benchkit, which does
                # not exist in here: that name is this worker's own copy (one Counter for both).
                for package in ("harness", "harness.sandbox"):
                    sys.modules.setdefault(package, types.ModuleType(package))
                sys.modules["harness.sandbox.benchkit"] = benchkit
                if request.get("redis_url"):
                    os.environ["DRILL_JUDGE_REDIS_URL"] = request["redis_url"]
                if request.get("redis_urls"):
                    os.environ["DRILL_JUDGE_REDIS_URLS"] = ",".join(request["redis_urls"])
                self.spec = _kit_file("_drill_bench_spec", request["spec"])
            families = self.spec.COUNT_FAMILIES if request.get("count") else self.spec.FAMILIES
            self.family = families[int(request["family"])]
        except BaseException as exc:  # noqa: BLE001
            return {"raised": self.raised(exc)}
        return {"ok": 1}

    def op_build(self, request: dict[str, Any]) -> dict[str, Any]:
        """Builds `copies` set-up inputs (the spec's code only: the runner holds this CPU time to
        the reference's). A spec without prepare() gets its whole input here; one with prepare()
        only the set-up part, the timed part is built inside op_run. op_free comes first."""
        try:
            self.n = int(request["n"])
            for i in range(int(request.get("copies", 1))):
                self.setups.append(self.family.build(self.n, random.Random(f"{request['seed']}/{i}")))
        except BaseException as exc:  # noqa: BLE001
            self._free()
            return {"raised": self.raised(exc)}
        return {"ok": 1}

    def op_prepare(self, request: dict[str, Any]) -> dict[str, Any]:
        """The candidate's own set-up calls on each set-up input (untimed, capped and compared)."""
        try:
            self.states = [self.benchkit.set_up(self.spec, self.module, setup) for setup in self.setups]
        except BaseException as exc:  # noqa: BLE001
            self._free()
            return {"raised": self.raised(exc)}
        return {"ok": 1}

    def op_free(self, request: dict[str, Any]) -> dict[str, Any]:
        """Frees what earlier runs left, in a request of its own: freeing a structure of another
        size is neither a run's time nor the next build's."""
        self._free()
        return {"ok": 1}

    def _free(self) -> None:
        self.setups, self.states, self.done = [], [], []
        gc.enable()
        gc.collect()

    def op_run(self, request: dict[str, Any]) -> dict[str, Any]:
        """Runs every built copy once, with the collector off: its timed part is built now, from
        the request's seed, which no untimed request saw. What the runs leave is freed by the next
        build (freeing a size-n structure is not what is timed).
        Answers with the calls of one run and a check: the digests of every copy's answers (both
        sides build the same copies from the same seeds), or None if run() broke the spec's rule."""
        self.benchkit.Counter.reset()
        states = self.states if self.states else self.setups
        setups, self.setups, self.states = self.setups, [], []
        gc.disable()
        calls, digests = 0, []
        try:
            for i, state in enumerate(states):
                calls, digest, timed = self.benchkit.play(self.spec, self.family, self.module, self.n, state, setups[i], f"{request.get('seed')}/{i}")
                digests.append(digest)
                self.done.append((state, setups[i], timed))  # freed by the next build, not inside the timed run
        except BaseException as exc:  # noqa: BLE001
            return {"raised": self.raised(exc)}
        finally:
            gc.enable()
        check = None if not digests or None in digests else digests
        return {"value": calls, "check": check, "count": int(self.benchkit.Counter.operations)}


def _kit_file(name: str, path: str) -> types.ModuleType:
    """A kit file the worker may read (the bench spec, inputs.py), run as a module that is not
    put in sys.modules."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cluster_client(spec: dict[str, Any]) -> Any:
    """A redis-py RedisCluster whose every connection goes to redis_guard's socket for its node.

    The cluster names its nodes host:port (CLUSTER SLOTS, MOVED, ASK), and this process has no
    network. redis-py's `address_remap` rewrites the addresses CLUSTER SLOTS gives, but not
    those of MOVED and ASK (redis-py 8.1: `move_slot` and the ASK handler use the error's
    host:port as they are), so the names are left alone and mapped where a connection is
    opened: a node's connection keeps its host and port (the client reads them), and connects
    to that node's guard socket. An address outside the map fails to connect, as an unreachable
    node would."""
    from redis.cluster import RedisCluster
    from redis.connection import ConnectionPool, UnixDomainSocketConnection

    routes = {(str(host), int(port)): str(path) for host, port, path in spec["nodes"]}

    class GuardedConnection(UnixDomainSocketConnection):
        def __init__(self, host: str = "", port: int = 0, **kwargs: Any) -> None:
            self.host, self.port = host, int(port)
            super().__init__(path=routes.get((host, int(port)), "/nonexistent/drill-no-such-cluster-node"), **kwargs)

        # redis-py 8 declares `host` as a property that a unix socket connection does not keep (it
        # reads None); a cluster transaction looks its connection's node up by host and port to
        # give the connection back, so without this each WATCH/MULTI kept one (100 per node).
        @property
        def host(self) -> str:
            return self._node_host

        @host.setter
        def host(self, value: str) -> None:
            self._node_host = value

    class GuardedPool(ConnectionPool):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(connection_class=GuardedConnection, **kwargs)

    host, port, _ = spec["nodes"][int(spec.get("first", 0))]
    # `url` (not host=, port=): only then does redis-py build each node's pool with connection_pool_class.
    return RedisCluster(url=f"redis://{host}:{port}", connection_pool_class=GuardedPool)


def _exception_type(name: str) -> type[BaseException]:
    """The builtin exception a suite's callback raised (ConnectionError, ...), else RuntimeError."""
    import builtins

    found = getattr(builtins, name, None)
    if isinstance(found, type) and issubclass(found, Exception):
        return found
    return RuntimeError


# --- the contract: names and signatures the problem requires --------------------------------


def _signature_problem(fn: Any, params: list[str], label: str, *, bound: bool) -> dict[str, Any] | None:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    required = [p for p in params if not p.endswith("=")]
    everything = [p.rstrip("=") for p in params]
    leading = [None] if bound else []
    for args in (required, everything):
        try:
            sig.bind(*leading, *([None] * len(args)))
        except TypeError:
            return {"trouble": "signature", "label": label, "params": params, "signature": str(sig)}
    return None


NAMES_LOOKED_AT = 1000  # a module with a million globals still gets its load error at once


def _name_like(module: Any, name: str, taken: set[str]) -> str | None:
    """A global of the candidate's module that looks like `name` (LruCache for LRUCache), not one
    of the contract's own names (`taken`). Only the keys of its namespace are read: no __dir__, no
    __getattr__, no value; a key that is not a plain identifier is skipped."""
    try:
        namespace = vars(module)  # the module may have swapped its class for one with a __dict__ property
        if type(namespace) is not dict:
            return None
        names = [
            key for key in itertools.islice(namespace, NAMES_LOOKED_AT)
            if type(key) is str and len(key) <= 100 and key.isidentifier() and not key.startswith("__") and key not in taken
        ]
    except BaseException:  # noqa: BLE001 - the hint is a courtesy; the load error stands without it
        return None
    folded = {key.lower().replace("_", ""): key for key in names}
    same = folded.get(name.lower().replace("_", ""))
    if same is not None:
        return same
    close = difflib.get_close_matches(name.lower().replace("_", ""), list(folded), n=1, cutoff=0.8)
    return folded[close[0]] if close else None


def check_contract(contract: list[dict[str, Any]], module: Any, file_name: str) -> dict[str, Any] | None:
    """What breaks the contract first, as data (protocol.py lists the troubles); the trusted side words it."""
    for item in contract:
        name, kind = item["name"], item["kind"]
        obj = getattr(module, name, None)
        if obj is None:
            like = _name_like(module, name, {str(i["name"]) for i in contract})
            return {"trouble": "missing", "file": file_name, "name": name, "item_kind": kind, "slug": item["slug"], "like": like}
        if kind == "class":
            if not isinstance(obj, type):
                return {"trouble": "not_a_class", "file": file_name, "name": name, "found": type(obj).__name__}
            for method, params in item["methods"].items():
                if method == "__init__":
                    trouble = _signature_problem(obj, params, name, bound=False)
                else:
                    fn = inspect.getattr_static(obj, method, None)
                    if fn is None or not callable(getattr(obj, method, None)):
                        return {"trouble": "no_method", "file": file_name, "name": name, "method": method}
                    if isinstance(fn, staticmethod):
                        trouble = _signature_problem(fn.__func__, params, f"{name}.{method}", bound=False)
                    else:
                        trouble = _signature_problem(getattr(obj, method), params, f"{name}.{method}", bound=True)
                if trouble:
                    return trouble
        else:
            if not callable(obj):
                return {"trouble": "not_a_function", "file": file_name, "name": name, "found": type(obj).__name__}
            trouble = _signature_problem(obj, item["params"], name, bound=False)
            if trouble:
                return trouble
    return None


# --- a recursion limit the candidate cannot raise (problem.toml: recursion_limit) ---------------

# Ways around a fixed limit other than sys.setrecursionlimit: a subinterpreter (its own sys), calling
# Py_SetRecursionLimit (ctypes, or _ctypes at an address found by hand) or writing the interpreter's
# memory (ctypes at an address, /proc/self/mem). Not closed: code that finds the audit hook list
# through gc, empties it and then takes one of these routes.
_REFUSED_EVENTS = frozenset({"cpython.PyInterpreterState_New", "ctypes.dlopen", "ctypes.dlsym", "ctypes.dlsym/handle",
                             "ctypes.call_function", "ctypes.cdata"})


def fix_recursion_limit(limit: int) -> None:
    """Set the recursion limit before the candidate's file is imported, for good: sys.setrecursionlimit
    raises from then on, wherever the original function was kept (the import system's copy of sys's
    namespace, which importlib.reload(sys) restores, included), and no reference to it is left, so
    gc cannot find it either. An audit hook refuses the other routes listed above."""
    sys.setrecursionlimit(limit)
    message = (f"sys.setrecursionlimit is refused: this problem's tests run your code with the recursion "
               f"limit at {limit} (see the statement); use an explicit stack")

    def refused(new_limit: int) -> None:
        raise RuntimeError(message)

    original, holder = sys.setrecursionlimit, None
    for holder in gc.get_referrers(original):
        if type(holder) is dict:
            for key in [k for k, v in holder.items() if v is original]:
                holder[key] = refused
    del original, holder

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event in _REFUSED_EVENTS or event == "open" and _is_process_memory(args[0]):
            raise RuntimeError(f"{event} is refused: this problem's tests run your code with the recursion limit at {limit}")

    sys.addaudithook(audit)


def _is_process_memory(path: Any) -> bool:
    text = os.fsdecode(path) if isinstance(path, (str, bytes)) else ""
    return text.startswith("/proc/") and text.rstrip("/").endswith("/mem")


# --- another machine's clocks (the rate limiter's skew cases) -----------------------------------


def skew_clocks(skew: float, module: Any) -> None:
    """Make this process's wall and monotonic clocks run `skew` seconds off, like another machine's."""
    names = ("time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns")
    real = {name: getattr(time, name) for name in names}
    skew_ns = int(skew * 1e9)
    fake = {
        name: (lambda f=fn: f() + skew_ns) if name.endswith("_ns") else (lambda f=fn: f() + skew)
        for name, fn in real.items()
    }
    for name, fn in fake.items():
        setattr(time, name, fn)
    real_datetime = _datetime.datetime
    shift = _datetime.timedelta(seconds=skew)

    class SkewedDatetime(real_datetime):  # type: ignore[misc, valid-type]
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return real_datetime.now(tz) + shift

        @classmethod
        def utcnow(cls):  # noqa: ANN206
            return real_datetime.utcnow() + shift

        @classmethod
        def today(cls):  # noqa: ANN206
            return real_datetime.today() + shift

    _datetime.datetime = SkewedDatetime  # type: ignore[misc]
    for attr, value in list(vars(module).items()):
        for name, fn in real.items():
            if value is fn:
                setattr(module, attr, fake[name])
        if value is real_datetime:
            setattr(module, attr, SkewedDatetime)


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process
    try:
        Worker(sock).serve()
    except (protocol.ProtocolError, OSError, KeyError):
        pass
    finally:
        sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
