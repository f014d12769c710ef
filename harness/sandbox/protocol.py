"""Every message between drill's processes, with its encoding. Standard library only.

Three channels:

  drill <- suite runner     events (EVENTS), one JSON object per line on a pipe; both trusted
  runner -> worker          requests: 4-byte big-endian length, then marshal; only the worker
                            reads these, and they come from the trusted side
  worker -> runner          answers: 4-byte length, then tagged JSON, read by the strict decoder

Values are plain data only. In answers, JSON's own types carry None, bool, int, float, str and
list; everything else is an object with exactly one tag key:

  {"~t": [...]} tuple     {"~d": [[k, v], ...]} dict    {"~S": [...]} set
  {"~L": [[...], ...]} a list of tuples (one tag for the list, not one per tuple)
  {"~F": [...]} frozenset {"~b": "base64"} bytes
  {"~o": ["TypeName", "repr"]}  a value that is not plain data; it equals nothing

`loads_answer` is the strict decoder: unknown tags, keys a message may not have (ANSWER_KEYS),
and anything over the size and depth limits (MAX_ITEMS values, MAX_DEPTH levels) are refused. Nothing a worker sends is executed, imported or unpickled. Subclasses
of plain types are sent as their base type, so the candidate's __eq__ never travels.
In requests, three markers stand for what is not plain data (a request that holds one says
"resolve": True): (HANDLE, n) an object the worker holds, (CALLBACK, n) a function the
runner holds, (RESOURCE, {...}) settings for a Redis client the worker builds itself, and
(LOCAL, {"raises", "message", "times", "then"}) a function the worker makes: its first
`times` calls raise the builtin exception `raises`, later ones go to `then` (a CALLBACK
marker, or None: return None). It saves a round trip per call where the suite does not need
to see the call.

Requests (a dict with "op"), and their answers:
  load   {"path", "module", "contract"}            -> {"ok": 1} | {"load_error": {...}}
  new    {"name", "parts", "kwargs"}               -> {"handle": n} | {"raised": {...}}
  call   {"handle" (None: a module-level function), "name", "parts", "kwargs", "return_args"?}
                                                   -> {"value": v, "args"?: [...]} | {"raised": {...}}
         "parts" holds each argument marshalled on its own (bytes), "kwargs" the keyword
         arguments marshalled, so that a large value the suite sends again and again is encoded
         once for the run; with "return_args", the answer also holds the arguments as the call
         left them
  many   {"handle", "calls": marshalled [[name, args], ...]} -> {"values": [...], "raised"?: {...}}
         or "generate": [name, args] instead of "calls": the calls are inputs.py's name(*args),
         which the worker builds itself (testing.generated); with "summary": name, the answer
         is {"summary": inputs.py's name(calls, values)} instead. Both need "inputs": the path
         of the problem's tests/<slug>/inputs.py in the worker. With "summary" and
         "as_returned": true, the summary gets the returned objects themselves, not copies of
         the lists taken on return
  stash  {"parts", "kwargs"}  held for the next new/call whose "parts" is STASHED -> {"ok": 1}
  drop   {"handles": [...]}                        -> no answer
  skew   {"seconds"}  this worker's clocks run off -> {"ok": 1}
  bench  {"spec", "family", "count", "redis_url", "redis_urls"}  -> {"ok": 1} | {"raised": {...}}
  free   {}  what earlier runs left                -> {"ok": 1}
  build  {"n", "seed", "copies"}  the set-up inputs  -> {"ok": 1} | {"raised": {...}}
  prepare {}  the spec's prepare() on each          -> {"ok": 1} | {"raised": {...}}
  run    {"seed"}  the timed parts, built from seed, then the runs
                                                   -> {"value": calls, "check": [digest per copy] | None,
                                                       "count": n} | {"raised": {...}}
  exit   {}                                        -> no answer
While a request runs, the worker may send {"callback": n, "args": [...]}; the runner answers
{"op": "return", "value": v} or {"op": "raise", "type": name, "message": text}. Before a large
answer the worker sends {"returned": 1}: the CPU time it then spends encoding is not charged
to the candidate, up to what an answer of that size can need: the runner measures the decoded
payload (answer_size), not the frame, grants nothing for an answer too small to be announced
(is_large), and checks the limits again once it has it. From the announcement to the send no
code of the candidate's runs (to_plain's run_nothing; the worker holds what the call left, and
keeps the collector off, until the answer is sent).
"raised" is {"type", "bases", "message", "frames"}: the exception's class name, its builtin base
classes, its text, and the traceback lines in the candidate's file.
"load_error" is data that the trusted side words (worker/messages.py), one of
  {"kind": "not_a_module", "file"}
  {"kind": "syntax", "file", "line", "type", "msg", "text", "offset"}   (SyntaxError's own fields)
  {"kind": "raised", "raised": {...}}                                    (importing the file raised)
  {"kind": "contract", "trouble": ...}  the first part of the contract the module misses:
      "missing" {"file", "name", "item_kind", "slug", "like"}, "not_a_class" / "not_a_function"
      {"file", "name", "found"}, "no_method" {"file", "name", "method"}, "signature" {"label", "params", "signature"}
"""

from __future__ import annotations

import base64
import functools
import gc
import itertools
import json
import marshal
import operator
import struct
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

MAX_FRAME = 64 * 1024 * 1024  # the largest answer the trusted side reads
MAX_DEPTH = 200
SCALARS = (type(None), bool, int, float, str)

HANDLE, CALLBACK, RESOURCE, LOCAL = "\x00drill:handle", "\x00drill:callback", "\x00drill:resource", "\x00drill:local"
MARKERS = (HANDLE, CALLBACK, RESOURCE, LOCAL)
STASHED = "\x00drill:stashed"


class ProtocolError(Exception):
    """A frame or value that breaks the protocol. Its short reason is worded here, not in worker/messages.py:
    this module also runs in the worker, which imports nothing outside sandbox/ and the standard
    library (worker/channel.py puts the reason inside worker.messages.protocol_broken)."""


class AnswerTooLarge(ProtocolError):
    """An answer over the decoder's budget (MAX_ITEMS values, MAX_DEPTH levels): the candidate's
    failure, which the trusted side refuses before it holds the whole value."""


class Opaque:
    """A value the worker could not send as plain data. It equals nothing, not even itself, and
    hashes by identity (so it can sit in a set or be a dict key and still match nothing)."""

    __slots__ = ("type_name", "text")

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        # A stand-in's text is made where the value was (the worker, stdlib only), so it is worded here.
        return f"<{self.type_name} object, not plain data: {self.text}>"


# --- values -----------------------------------------------------------------------------------


MAX_ITEMS = 4_000_000  # values (and characters / 16) one answer may hold, before it is "too large"
MAX_INT_BITS = 13_000  # about 4,000 digits: past that, Python will not even print the int


class _TooLarge(Exception):
    pass


def to_plain(value: Any, *, run_nothing: bool = False) -> Any:
    """Value -> the JSON-ready tagged form. Subclasses of plain types become their base type;
    anything else, anything nested deeper than MAX_DEPTH (a list that holds itself, say), and an
    answer over MAX_ITEMS become an opaque value that equals nothing.

    Copies go by exact type: a subclass is read through its base type's C methods, and types are
    compared by identity, so none of the value's own methods (__iter__, items, keys, __getitem__,
    __eq__, __hash__, __class__, a metaclass's) runs. With `run_nothing` (after the worker
    announced the answer, whose encoding is not the candidate's time) an opaque value is not even
    repr()'d: no code of the candidate's runs at all."""
    budget = [MAX_ITEMS]
    try:
        with gc_paused():
            return _plain(value, 0, budget, run_nothing)
    except (_TooLarge, RecursionError, MemoryError):
        return {"~o": [_type_name(type(value)), f"too large or too deep to send (over {MAX_ITEMS:,} items or {MAX_DEPTH} levels)"]}


def _plain(value: Any, depth: int, budget: list[int], run_nothing: bool = False) -> Any:
    kind = type(value)
    if kind is str:
        budget[0] -= 1 + len(value) // 16
        if budget[0] < 0:
            raise _TooLarge
        return value
    if kind is _NONE or kind is bool or kind is float:
        return value
    if kind is int:
        if value.bit_length() > MAX_INT_BITS:
            return {"~o": ["int", f"an int of {value.bit_length():,} bits"]}
        return value
    if depth > MAX_DEPTH:
        raise _TooLarge
    if kind is list:
        budget[0] -= len(value)
        if budget[0] < 0:
            raise _TooLarge
        # A list whose first item is a tuple is never all small scalars, and one whose first item
        # is not a tuple is never all tuples: one of the two checks is enough.
        if not value or type(value[0]) is not tuple:
            if _all_small(value):
                return value
        elif _tuples_of_small(value):
            budget[0] -= sum(map(len, value))
            if budget[0] < 0:
                raise _TooLarge
            return {"~L": list(map(list, value))}
        return [_plain(v, depth + 1, budget, run_nothing) for v in value]
    if kind is tuple:
        budget[0] -= len(value)
        if budget[0] < 0:
            raise _TooLarge
        if all(_small(v) for v in value):
            return {"~t": list(value)}
        return {"~t": [_plain(v, depth + 1, budget, run_nothing) for v in value]}
    if kind is dict:
        budget[0] -= 2 * len(value)
        if budget[0] < 0:
            raise _TooLarge
        if _flat(list(value)) and _flat(list(value.values())):
            return {"~d": list(value.items())}  # the C encoder writes each (key, value) as a pair
        return _pairs(value.items(), depth, budget, run_nothing)
    if kind is set or kind is frozenset:
        budget[0] -= len(value)
        if budget[0] < 0:
            raise _TooLarge
        return {"~S" if kind is set else "~F": [_plain(v, depth + 1, budget, run_nothing) for v in value]}
    if kind is bytes:
        budget[0] -= 1 + len(value) // 12
        if budget[0] < 0:
            raise _TooLarge
        return {"~b": base64.b64encode(value).decode("ascii")}
    # Subclasses: the base type's own storage, read by its C methods (issubclass on a builtin base
    # runs nothing of the subclass's), so an overridden method neither travels nor runs.
    if issubclass(kind, dict):
        budget[0] -= 2 * dict.__len__(value)
        if budget[0] < 0:
            raise _TooLarge
        return _pairs(list(dict.items(value)), depth, budget, run_nothing)  # a view of the storage: no keys(), no rehash
    if issubclass(kind, (set, frozenset)):
        members = list(set.__iter__(value) if issubclass(kind, set) else frozenset.__iter__(value))
        budget[0] -= len(members)
        if budget[0] < 0:
            raise _TooLarge
        return {"~S" if issubclass(kind, set) else "~F": [_plain(v, depth + 1, budget, run_nothing) for v in members]}
    for base, convert in _BASES:
        if issubclass(kind, base):
            return _plain(convert(value), depth + 1, budget, run_nothing)
    if run_nothing:
        return {"~o": [_type_name(kind), "(not shown: its repr would run after the call returned)"]}
    return {"~o": [_type_name(kind), _safe_repr(value)]}


def _pairs(items: Any, depth: int, budget: list[int], run_nothing: bool) -> dict[str, Any]:
    return {"~d": [[_plain(k, depth + 1, budget, run_nothing), _plain(v, depth + 1, budget, run_nothing)] for k, v in items]}


def _tuples_of_small(values: list[Any]) -> bool:
    """A list of tuples of small scalars (top-k pairs, edges): sent with one tag, not one per tuple."""
    if not values or not all(map(_is, map(type, values), _repeat(tuple))):  # types by identity, as in _flat
        return False
    if len(set(map(len, values))) == 1:  # (tuple's own len: the types are exactly tuple)
        # Tuples of one length: each column at C speed (a column of names, a column of counts),
        # which is _all_small of all their items, column by column.
        return all(map(_all_small, map(list, zip(*values))))
    return _all_small(list(itertools.chain.from_iterable(values)))


def _small(v: Any) -> bool:
    """A scalar a list may hold and still be sent as it is (long strings and huge ints are looked at)."""
    kind = type(v)
    if kind is int:
        return -_BIG < v < _BIG
    if kind is str:
        return len(v) < 256
    return kind is float or kind is bool or kind is _NONE


_NONE = type(None)
_BIG = 1 << 64
# Types by id: a set of the types themselves would hash them, and a metaclass may define __hash__.
_NUMBERS_OR_NONE_IDS = frozenset(map(id, (type(None), bool, int, float)))
_not_none = functools.partial(operator.is_not, None)


_is = operator.is_
_repeat = itertools.repeat


def _all_small(values: list[Any]) -> bool:
    """all(_small(v) for v in values), at C speed for the large lists answers are made of: every
    element exactly a str (each shorter than 256), or numbers and None (_flat); else one by one."""
    if all(map(_is, map(type, values), _repeat(str))):  # types by identity: nothing of theirs runs
        return not values or max(map(len, values)) < 256
    return _flat(values) or all(map(_small, values))


def _flat(values: list[Any]) -> bool:
    """The common large answer, a list of numbers (and None), checked at C speed: the element
    types, then the extremes (bools compare as ints; a NaN or an int past 2^64 fails the check,
    and the value takes the slow path)."""
    if all(map(_is, map(type, values), _repeat(int))):  # ints only (the commonest): one pass, no filter
        return not values or (-_BIG < min(values) and max(values) < _BIG)
    if not set(map(id, map(type, values))) <= _NUMBERS_OR_NONE_IDS:
        return False
    numbers = list(filter(_not_none, values))
    return not numbers or (-_BIG < min(numbers) and max(numbers) < _BIG)


# type.__name__ read by type's own getter: a metaclass can define a __name__ property, and a class
# can set a str subclass as its name; the slice makes a plain str of it through str's C code.
_type_name_of = type.__dict__["__name__"].__get__


def _type_name(kind: type) -> str:
    try:
        return str.__getitem__(_type_name_of(kind), slice(0, 80))
    except Exception:  # noqa: BLE001
        return "?"


def _safe_repr(value: Any) -> str:
    try:
        text = repr(value)
        return text if type(text) is str and len(text) <= 200 else str(text)[:200] + "…"
    except BaseException:  # noqa: BLE001 - a repr that raises or exits
        return "(repr failed)"


# Each converter reads the value's own storage through the base type's C methods: nothing the
# subclass defines (__iter__, __len__, __eq__, __repr__...) runs, so it can neither lie about
# the value nor do work after the call has returned. (Dicts and sets are read above, as views.)
_BASES: list[tuple[type, Any]] = [
    (int, int.__index__),
    (float, float.__float__),
    (str, lambda v: str.__getitem__(v, slice(None))),
    (bytes, lambda v: bytes.__getitem__(v, slice(None))),
    (list, list.copy),
    (tuple, lambda v: tuple.__getitem__(v, slice(None))),
]


def is_marker(value: Any) -> bool:
    return type(value) is tuple and len(value) == 2 and type(value[0]) is str and value[0] in MARKERS


# --- frames -----------------------------------------------------------------------------------


def _not_plain(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not plain data")


# Bound when the worker starts, before the candidate's file is imported: C functions, so that
# patching json, struct or marshal afterwards does not change what the worker sends or reads.
_encode = c_make_encoder(None, _not_plain, encode_basestring, None, ":", ",", False, False, True)
_pack = struct.Struct(">I").pack
_marshal_loads = marshal.loads
_gc_disable, _gc_enable, _gc_isenabled = gc.disable, gc.enable, gc.isenabled  # bound before any candidate code


class gc_paused:  # noqa: N801 - used as a function: `with gc_paused():`
    """For (de)coding a message: it allocates many containers and makes no cycles, and the
    collector would rescan every live object again and again meanwhile (decoding 10^5 calls
    took 345 ms with it, 77 ms without). A class, not a @contextmanager generator: it runs a few
    times for every call a suite makes, on both sides, and costs a third as much."""

    __slots__ = ("was_on",)

    def __enter__(self) -> None:
        self.was_on = _gc_isenabled()
        if self.was_on:
            _gc_disable()

    def __exit__(self, *exc_info: object) -> None:
        if self.was_on:
            _gc_enable()


def answer_frame(message: dict[str, Any]) -> bytes:
    """worker -> runner. `message`'s values must already be to_plain()'d."""
    with gc_paused():
        # surrogatepass: a str may hold a lone surrogate (a candidate's wrong answer); json.loads
        # decodes bytes with surrogatepass too, so it arrives as the same str.
        data = "".join(_encode(message, 0)).encode("utf-8", "surrogatepass")
    return _pack(len(data)) + data


def request_frame(message: dict[str, Any]) -> bytes:
    """runner -> worker. Raises ValueError if something in it is not plain data or a marker."""
    with gc_paused():
        data = marshal.dumps(message)
    return struct.pack(">I", len(data)) + data


def encode_part(value: Any) -> bytes:
    """On the trusted side: one argument (or the keyword arguments, or a batch's calls) as a
    request carries it. Raises ValueError if it is not plain data or a marker."""
    with gc_paused():
        return marshal.dumps(value)


def decode_part(data: Any) -> Any:
    """In the worker: a value encode_part() made."""
    if type(data) is not bytes:
        raise ProtocolError("an argument that is not encoded")
    with gc_paused():
        return _marshal_loads(data)


def loads_request(data: bytes) -> dict[str, Any]:
    """In the worker: the runner's request."""
    with gc_paused():
        message = _marshal_loads(data)
    if type(message) is not dict:
        raise ProtocolError("a request that is not a dict")
    return message


_TAGS = {"~t", "~d", "~S", "~F", "~b", "~o", "~L"}

# Every key a worker's answer may have (see the requests above); any other is a protocol violation.
ANSWER_KEYS = frozenset({"ok", "load_error", "handle", "raised", "value", "args", "values", "summary",
                         "callback", "returned", "check", "count"})
# The keys whose values the worker encodes after {"returned": 1}: what answer_size measures.
PAYLOAD_KEYS = ("value", "values", "summary", "args", "check")


def _hook(obj: dict[str, Any]) -> Any:
    tagged = [k for k in obj if k.startswith("~")]
    if not tagged:
        return obj  # a message (or a str-keyed dict: plain data either way)
    if len(obj) != 1:
        raise ProtocolError("a tag beside other keys")
    (tag, body), = obj.items()
    if tag not in _TAGS:
        raise ProtocolError(f"tag {tag} is not allowed")
    if tag == "~t":
        return tuple(_list(body))
    if tag == "~L":
        items = _list(body)
        if all(map(_is, map(type, items), _repeat(list))):  # every item a list (else _list says which is not)
            return list(map(tuple, items))
        return [tuple(_list(item)) for item in items]
    if tag == "~d":
        return {_key(k): v for k, v in (_pair(p) for p in _list(body))}
    if tag == "~S":
        return {_key(v) for v in _list(body)}
    if tag == "~F":
        return frozenset(_key(v) for v in _list(body))
    if tag == "~b":
        if not isinstance(body, str):
            raise ProtocolError("bytes must be base64 text")
        return base64.b64decode(body, validate=True)
    items = _list(body)
    if len(items) != 2 or not all(isinstance(x, str) for x in items):
        raise ProtocolError("a malformed opaque value")
    return Opaque(items[0][:80], items[1][:400])


def _list(body: Any) -> list[Any]:
    if type(body) is not list:
        raise ProtocolError("expected a list")
    return body


def _pair(p: Any) -> tuple[Any, Any]:
    if type(p) is not list or len(p) != 2:
        raise ProtocolError("expected a key-value pair")
    return p[0], p[1]


def _key(k: Any) -> Any:
    try:
        hash(k)
    except TypeError:
        raise ProtocolError(f"unhashable {type(k).__name__} as a key or set member") from None
    return k


def loads_answer(data: bytes) -> dict[str, Any]:
    """On the trusted side: a worker's answer, through the strict decoder. AnswerTooLarge for an
    answer over MAX_ITEMS values or MAX_DEPTH levels, ProtocolError for anything else it refuses
    (a key the protocol does not define, an unknown tag, a frame that is not JSON)."""
    if len(data) > MAX_ITEMS and _separators(data) > SEPARATORS_PER_ITEM * MAX_ITEMS:
        # Refused before decoding: a frame of 24 MB of "[]," decodes into gigabytes.
        raise AnswerTooLarge(f"over {MAX_ITEMS:,} values")
    try:
        with gc_paused():
            message = json.loads(data, object_hook=_hook)
    except ProtocolError:
        raise
    except RecursionError:
        raise AnswerTooLarge(f"nested over {MAX_DEPTH} levels") from None
    except MemoryError:
        raise AnswerTooLarge("more than the judge's memory holds") from None
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"an unreadable answer ({type(exc).__name__})") from None
    if type(message) is not dict:
        raise ProtocolError("an answer that is not a message")
    if not message.keys() <= ANSWER_KEYS:
        unknown = next(key for key in message if key not in ANSWER_KEYS)
        raise ProtocolError(f"an answer with a key the protocol does not define ({str(unknown)[:40]!r})")
    if len(data) > 2 * MAX_DEPTH:  # a shorter frame holds fewer values and levels than either budget
        with gc_paused():
            _within_budget(message, 0, [MAX_ITEMS])
    return message


# Each value of an answer is written after a separator (",", ":") or an opening bracket, so their
# count bounds the values a frame can decode into (strings' own punctuation aside): an answer
# to_plain() sent within MAX_ITEMS has at most about 1.5 per item (a dict's [key, value] pairs).
SEPARATORS_PER_ITEM = 2


def _separators(data: bytes) -> int:
    return data.count(b",") + data.count(b":") + data.count(b"[") + data.count(b"{")


_LEAVES = frozenset({type(None), bool, int, float, str, bytes, Opaque})
_SEQUENCES = frozenset({list, tuple})
_chain = itertools.chain.from_iterable


def _within_budget(value: Any, depth: int, budget: list[int]) -> None:
    """Counts a decoded answer's values against `budget` as to_plain() counts them (so whatever it
    sends is taken; the cheap bound in loads_answer covers a frame of empty containers) and its
    nesting against MAX_DEPTH (the message and its payload's own level aside); AnswerTooLarge past
    either. Only decoded, trusted types are looked at; flat containers (numbers, pairs of numbers)
    are checked at C speed."""
    if depth > MAX_DEPTH + 2:
        raise AnswerTooLarge(f"nested over {MAX_DEPTH} levels")
    kind = type(value)
    if kind is dict:
        budget[0] -= 2 * len(value)
        if budget[0] < 0:
            raise AnswerTooLarge(f"over {MAX_ITEMS:,} values")
        for part in (value.keys(), value.values()):
            if not set(map(type, part)) <= _LEAVES:
                for item in part:
                    if type(item) not in _LEAVES:
                        _within_budget(item, depth + 1, budget)
        return
    if kind is list or kind is tuple or kind is set or kind is frozenset:
        budget[0] -= len(value)
        if budget[0] < 0:
            raise AnswerTooLarge(f"over {MAX_ITEMS:,} values")
        kinds = set(map(type, value))
        if kinds <= _LEAVES:
            return
        if kinds <= _SEQUENCES and depth < MAX_DEPTH:
            inner = list(_chain(value))
            inner_kinds = set(map(type, inner))
            if inner_kinds <= _LEAVES:
                budget[0] -= len(inner)  # a list of pairs (top-k answers, edges)
                if budget[0] < 0:
                    raise AnswerTooLarge(f"over {MAX_ITEMS:,} values")
                return
            if inner_kinds <= _SEQUENCES and depth + 1 < MAX_DEPTH and set(map(type, _chain(inner))) <= _LEAVES:
                # A list of lists of pairs (top_k_stream's top() answers): what the items' own
                # calls would count, in one step.
                budget[0] -= len(inner) + sum(map(len, inner))
                if budget[0] < 0:
                    raise AnswerTooLarge(f"over {MAX_ITEMS:,} values")
                return
        for item in value:
            if type(item) not in _LEAVES:
                _within_budget(item, depth + 1, budget)


LARGE_ANSWER_ITEMS = 1000  # the worker announces an answer with more items than this ({"returned": 1})


def is_large(message: dict[str, Any]) -> bool:
    """On the trusted side: a decoded answer whose payload the worker announces before it
    encodes it (a container of over LARGE_ANSWER_ITEMS items)."""
    return any(type(message[key]) in (list, dict, set, tuple, frozenset) and len(message[key]) > LARGE_ANSWER_ITEMS
               for key in PAYLOAD_KEYS if key in message)


def answer_size(message: dict[str, Any]) -> int:
    """On the trusted side: about the bytes a decoded answer's payload (PAYLOAD_KEYS, the values
    the worker encodes after {"returned": 1}) takes when the worker encodes it, which bounds the
    CPU time its encoding may be excused (remote.Channel.receive). Measured on this side's own
    encoding of the decoded values: whitespace, padded numbers and the like count for nothing."""
    with gc_paused():
        return sum(len(_encode_measured(to_plain(message[key]))) for key in PAYLOAD_KEYS if key in message)


def answer_size_at_least(message: dict[str, Any]) -> int:
    """On the trusted side: a lower bound of answer_size(message), taken at C speed from the lists
    and tuples of its payload, level by level. In the encoding every value inside a list or tuple
    takes at least two characters (itself, then the comma or closing bracket after it), and a str
    its length more (its quotes). Channel.receive measures the exact size only when the worker's
    encoding took longer than this bound already excuses: the time excused is the same."""
    total = 0
    for key in PAYLOAD_KEYS:
        items = message.get(key)
        strs_counted = False  # the strs of this level were counted as columns of the level above
        while type(items) is list or type(items) is tuple:
            total += 2 * len(items)
            kinds = set(map(type, items))  # decoded values: only trusted types
            if kinds == _STR_ONLY and not strs_counted:
                total += sum(map(len, items))
            if not items or not kinds <= _SEQUENCES:
                break
            strs_counted = len(set(map(len, items))) == 1
            if strs_counted:  # rows of one length (pairs): a column of strs (names) counts its lengths
                for column in zip(*items):
                    if all(map(_is, map(type, column), _repeat(str))):
                        total += sum(map(len, column))
            items = list(_chain(items))
    return total


_STR_ONLY = frozenset({str})


def _encode_measured(value: Any) -> str:
    return "".join(_measure(value, 0))


_measure = c_make_encoder(None, repr, encode_basestring, None, ":", ",", False, False, True)


class FrameReader:
    """Frames from a socket, read in large chunks (one recv per message, not two)."""

    def __init__(self, sock: Any, limit: int = MAX_FRAME) -> None:
        self.sock = sock
        self._recv = sock.recv  # bound now: see _encode
        self.limit = limit
        self.buffer = bytearray()

    def ready(self) -> bool:
        """A whole frame is already buffered. Raises ProtocolError for a frame over the limit."""
        if len(self.buffer) < 4:
            return False
        (size,) = struct.unpack_from(">I", self.buffer)
        if size > self.limit:
            raise ProtocolError(f"a frame of {size:,} bytes (the limit is {self.limit:,})")
        return len(self.buffer) >= 4 + size

    def read(self) -> bytes | None:
        """One frame's bytes (blocking); None at a clean end of stream."""
        while len(self.buffer) < 4:
            if not self._fill():
                if self.buffer:
                    raise ProtocolError("the stream ended inside a frame")
                return None
        (size,) = struct.unpack_from(">I", self.buffer)
        if size > self.limit:
            raise ProtocolError(f"a frame of {size:,} bytes (the limit is {self.limit:,})")
        while len(self.buffer) < 4 + size:
            if not self._fill():
                raise ProtocolError("the stream ended inside a frame")
        data = bytes(self.buffer[4:4 + size])
        del self.buffer[:4 + size]
        return data

    def _fill(self) -> bool:
        # 64 KiB: a larger recv() size is a fresh mmap for every message, which costs more than the message.
        chunk = self._recv(65536)
        if not chunk:
            return False
        self.buffer += chunk
        return True


# --- events: suite runner -> drill (one JSON object per line) ----------------------------------

# "report": a report a test attached (testing.attach_report), sent before that test's "result".
EVENTS = ("loaded", "load_failed", "collected", "start", "report", "result", "done")


def event_line(event: str, **data: Any) -> str:
    assert event in EVENTS, event
    return json.dumps({"event": event, **data}, default=str) + "\n"


def parse_event(line: bytes) -> dict[str, Any] | None:
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event if isinstance(event, dict) and event.get("event") in EVENTS else None
