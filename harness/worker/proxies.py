"""The proxies a suite calls (trusted side): the candidate's module, classes, functions and objects,
each call a request on the worker's channel (harness/worker/channel.py).

In the suite runner, `from lru_cache import LRUCache` gives a `RemoteModule` attribute:
calling it sends `new` to the worker and returns a `RemoteObject`; calling a method on
that sends `call`. Arguments travel as plain data (a redis-py client becomes settings the
worker builds its own client from, for one of the run's servers: the channel's RedisEnv; a
suite function becomes a callback). Batches (`call_many`) send a whole list of calls in one
message. `drill run` (judge/tryout.py) makes its calls through the same proxies.
"""

from __future__ import annotations

import builtins
from typing import Any, Callable

from harness.worker import messages
from harness import words
from harness.sandbox import protocol
from harness.worker.channel import Channel, MemoryLimitExceeded, candidate_exception

STASH_ABOVE_BYTES = 256 * 1024  # larger arguments are sent (and decoded) before the timed call


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


def call(channel: Channel, op: str, fields: dict[str, Any], args: list[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """A `new` or `call` request. Arguments that are not plain data are converted; large ones
    are stashed first, so that decoding them is not charged to the candidate."""
    parts, kw, resolve = encode_arguments(channel, args, kwargs)
    message: dict[str, Any] = {"op": op, **fields, "parts": parts, "kwargs": kw}
    if channel.nogc:
        message["nogc"] = True
    if sum(map(len, parts)) + len(kw) > STASH_ABOVE_BYTES:
        stash(channel, parts, kw, resolve)
        message.update(parts=protocol.STASHED, kwargs=protocol.encode_part({}))
    elif resolve:
        message["resolve"] = True
    channel.send_frame(protocol.request_frame(message))
    return channel.receive()

def encode_arguments(channel: Channel, args: list[Any], kwargs: dict[str, Any]) -> tuple[list[bytes], bytes, bool]:
    """Each argument encoded on its own (a kept one once for the run), the keyword arguments,
    and whether the worker must resolve markers (handles, callbacks, clients) in them."""
    try:
        return [encoded(a) for a in args], protocol.encode_part(kwargs), False
    except ValueError:
        pass
    args, kwargs = outgoing(args, channel), outgoing(kwargs, channel)
    try:
        return [protocol.encode_part(a) for a in args], protocol.encode_part(kwargs), True
    except ValueError:
        raise TypeError(messages.NOT_SENDABLE) from None

def stash(channel: Channel, parts: list[bytes], kw: bytes, resolve: bool) -> None:
    """Large arguments go ahead of their call: the worker's decoding is not the candidate's time."""
    frame = protocol.request_frame({"op": "stash", "parts": parts, "kwargs": kw, "resolve": resolve})
    channel.excluding_since = channel.process.cpu_s()
    channel.send_frame(frame)
    try:
        reply = channel.receive()
    finally:
        since, channel.excluding_since = channel.excluding_since, None
        if since is not None:
            channel.exclude(since, len(frame))
    if "ok" not in reply:
        answer(reply, channel)


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
    resource = _redis_resource(value, channel)
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


def _redis_resource(value: Any, channel: Channel) -> tuple[str, dict[str, Any]] | None:
    """A redis-py client of the suite (to one of this run's servers) -> settings for the worker's own
    client, which reaches that server only through redis_guard's filtering socket, in drill's database."""
    module = type(value).__module__ or ""
    if not module.startswith("redis"):
        return None
    if getattr(value, "nodes_manager", None) is not None:
        return _cluster_resource(value, channel)
    if getattr(value, "connection_pool", None) is None:
        return None
    redis = channel.redis
    if redis is None or not redis.sockets:
        raise TypeError(messages.REDIS_NOT_NEEDED)
    index = 0 if len(redis.sockets) == 1 else _server_index(value, redis.urls)
    return (protocol.RESOURCE, {"kind": "redis", "kwargs": {"unix_socket_path": redis.sockets[index]}})


def _cluster_resource(client: Any, channel: Channel) -> tuple[str, dict[str, Any]]:
    """A redis-py RedisCluster of the suite (harness.authoring.testing.redis_cluster) -> settings for the worker's
    own RedisCluster: every node as the cluster names it (host, port), with the guard socket the
    worker reaches it through, and the node it asks first (the one the suite's client started from)."""
    redis = channel.redis
    names, sockets = (redis.cluster_nodes, redis.cluster_sockets) if redis is not None else ((), ())
    if not names or len(names) != len(sockets):
        raise TypeError(messages.NO_REDIS_CLUSTER)
    nodes = [[name.rsplit(":", 1)[0], int(name.rsplit(":", 1)[1]), path] for name, path in zip(names, sockets)]
    first = int(getattr(client, "drill_first_node", 0)) % len(nodes)
    return (protocol.RESOURCE, {"kind": "redis-cluster", "nodes": nodes, "first": first})


def _server_index(client: Any, urls: tuple[str, ...]) -> int:
    """Which of this run's servers (RedisEnv.urls) a suite's client talks to."""
    from redis.connection import parse_url  # only for the problems that need Redis

    kwargs = client.connection_pool.connection_kwargs
    where = (kwargs.get("path"), kwargs.get("host"), kwargs.get("port"))
    for i, url in enumerate(urls):
        parsed = parse_url(url)
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
        reply = call(channel, "call", {"handle": self.obj._id, "name": self.name}, list(args), kwargs)
        return answer(reply, channel)


# The latest call of a module function, kept as references and shown only if the test fails:
# a crash in a case that keeps no CallLog is shown with the call that crashed (the suite's own
# arguments, never anything the worker sent). The suite runner clears it before each test.
last_function_call: dict[str, Any] = {}


class RemoteCallable:
    """A class or function the candidate's module defines."""

    def __init__(self, module: RemoteModule, name: str, kind: str) -> None:
        self.module, self.__name__, self.kind = module, name, kind

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        channel = self.module.channel()
        if self.kind == "class":
            reply = call(channel, "new", {"name": self.__name__}, list(args), kwargs)
            if "raised" in reply:
                answer(reply, channel)
            if type(reply.get("handle")) is not int:
                channel.broke(messages.CONSTRUCTOR_WITHOUT_OBJECT)
            return RemoteObject(channel, reply["handle"], self.__name__)
        last_function_call.update(name=self.__name__, args=args, kwargs=kwargs)
        reply = call(channel, "call", {"handle": None, "name": self.__name__}, list(args), kwargs)
        return answer(reply, channel)

    def with_inputs(self, *args: Any) -> tuple[Any, list[Any]]:
        """Call the function; return its result and its arguments as the call left them."""
        channel = self.module.channel()
        last_function_call.update(name=self.__name__, args=args, kwargs={})
        reply = call(channel, "call", {"handle": None, "name": self.__name__, "return_args": True}, list(args), {})
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


def call_many(obj: RemoteObject, calls: list[tuple[str, tuple]], summary: str | None = None, as_returned: bool = False) -> Any:
    """All calls in one message; see harness.authoring.testing.call_many."""
    return finish_many(start_many(obj, calls, summary, as_returned))


def start_many(obj: RemoteObject, calls: list[tuple[str, tuple]], summary: str | None = None,
               as_returned: bool = False) -> tuple[Channel, bool, int]:
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
            raise RuntimeError(words.NO_INPUTS_FILE)
        message.update(summary=summary, inputs=inputs)
        if as_returned:
            message["as_returned"] = True
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
