"""The worker -> runner encoding: the strict decoder (loads_answer) refuses anything but plain
data, and to_plain sends subclasses as their base type, so the candidate's own methods
(a lying __eq__) never reach the trusted side."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from harness.sandbox import protocol
from harness.sandbox.protocol import MAX_DEPTH, Opaque, ProtocolError, answer_frame, loads_answer, to_plain


def _answer(obj: object) -> bytes:
    return json.dumps(obj).encode()


def _round_trip(value: object) -> object:
    frame = answer_frame({"value": to_plain(value)})
    return loads_answer(frame[4:])["value"]


# --- the strict decoder -----------------------------------------------------------------------


def test_plain_values_round_trip_with_their_exact_types() -> None:
    value = [None, True, 3, 2.5, "s", (1, "a"), {(1, 2): [3]}, {1, 2}, frozenset({"x"}), b"\x00\xff", {"k": (None,)}]
    back = _round_trip(value)
    assert back == value
    assert [type(v) for v in back] == [type(v) for v in value]


@pytest.mark.parametrize(
    "value",
    [[("a", 3), ("b", 2)], [(), (1,), (None, True, 2.5)], [(1, 2**70)], [(1, "x" * 300)], [(1, [2])], [(1,), 2], [True, (1,)]],
    ids=["pairs", "ragged", "huge-int", "long-str", "nested-list", "tuple-and-int", "bool-and-tuple"],
)
def test_lists_of_tuples_round_trip_as_tuples(value: list) -> None:
    # Sent with one tag for the whole list when each tuple holds small scalars (top-k answers,
    # edges); anything else takes the per-value path, which still round-trips exactly.
    back = _round_trip(value)
    assert back == value
    assert [type(v) for v in back] == [type(v) for v in value]
    assert all(type(x) is type(y) for v, w in zip(value, back) if type(v) is tuple for x, y in zip(v, w))


def test_a_list_of_small_tuples_takes_one_tag() -> None:
    assert to_plain([("a", 1), ("b", 2)]) == {"~L": [["a", 1], ["b", 2]]}
    assert to_plain([(1, 2**70)]) == [{"~t": [1, 2**70]}]  # a huge int is looked at on its own


@pytest.mark.parametrize(
    "tag",
    ["~x", "~p", "~pickle", "~h", "~handle", "~c", "~callback", "~r", "~resource", "~", "~T", "~D"],
)
def test_unknown_tags_are_refused(tag: str) -> None:
    with pytest.raises(ProtocolError, match="not allowed"):
        loads_answer(_answer({"value": {tag: [1]}}))


@pytest.mark.parametrize("marker", [protocol.HANDLE, protocol.CALLBACK, protocol.RESOURCE, protocol.STASHED])
def test_request_markers_in_an_answer_are_plain_strings_not_handles(marker: str) -> None:
    # The markers of requests are not tags: as a dict key they are refused (a str-keyed dict
    # is fine, but a decoded answer never turns one into an object), as a tag they are unknown.
    with pytest.raises(ProtocolError):
        loads_answer(_answer({"value": {"~" + marker: 1}}))
    message = loads_answer(_answer({"value": {"~t": [marker, 1]}}))
    assert message["value"] == (marker, 1) and type(message["value"][0]) is str


def test_handle_and_callback_shaped_answers_are_refused() -> None:
    for forged in ({"~h": 1}, {"~callback": [1, []]}, {"~o": ["LRUCache", "x"], "~h": 3}):
        with pytest.raises(ProtocolError):
            loads_answer(_answer({"value": forged}))


@pytest.mark.parametrize(
    "value",
    [{"~t": [1], "other": 2}, {"~t": [1], "~S": [2]}, {"value": 1, "~d": []}],
    ids=["tag-and-key", "two-tags", "key-and-tag"],
)
def test_a_tag_beside_other_keys_is_refused(value: dict) -> None:
    with pytest.raises(ProtocolError, match="beside other keys"):
        loads_answer(_answer({"value": value}))


@pytest.mark.parametrize(
    "value",
    [{"~S": [[1, 2]]}, {"~F": [{"~d": []}]}, {"~d": [[[1], 2]]}, {"~S": [{"~S": []}]}, {"~d": [[{"a": 1}, 2]]}],
    ids=["list-in-set", "dict-in-frozenset", "list-as-key", "set-in-set", "dict-as-key"],
)
def test_unhashable_set_members_and_keys_are_refused(value: dict) -> None:
    with pytest.raises(ProtocolError, match="unhashable"):
        loads_answer(_answer({"value": value}))


@pytest.mark.parametrize(
    "value",
    [{"~t": 5}, {"~d": [[1]]}, {"~d": [1]}, {"~b": 5}, {"~b": "not base64!"}, {"~o": ["a"]}, {"~o": [1, 2]}, {"~L": 5}, {"~L": [1]}],
    ids=["tuple-not-list", "pair-of-one", "pair-not-list", "bytes-not-text", "bad-base64", "opaque-of-one", "opaque-not-text",
         "tuples-not-list", "tuples-of-a-non-list"],
)
def test_malformed_tag_bodies_are_refused(value: dict) -> None:
    with pytest.raises(ProtocolError):
        loads_answer(_answer({"value": value}))


@pytest.mark.parametrize("kind", ["list", "tuple"])
def test_over_deep_nesting_is_refused_not_a_crash(kind: str) -> None:
    depth = 100_000
    text = ("[" * depth + "]" * depth) if kind == "list" else ('{"~t": [' * depth + "]}" * depth)
    with pytest.raises(ProtocolError):
        loads_answer(('{"value": ' + text + "}").encode())


@pytest.mark.parametrize("frame", [b"[]", b"1", b'"value"', b"null", b'{"~t": [1]}', b"{", b"\xff\xfe", b""])
def test_frames_that_are_not_a_message_are_refused(frame: bytes) -> None:
    with pytest.raises(ProtocolError):
        loads_answer(frame)


def test_the_frame_reader_refuses_frames_over_its_limit() -> None:
    class Sock:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def recv(self, n: int) -> bytes:
            chunk, self.data = self.data[:n], self.data[n:]
            return chunk

    big = answer_frame({"value": "x" * 100})
    with pytest.raises(ProtocolError, match="limit"):
        protocol.FrameReader(Sock(big), limit=50).read()
    assert loads_answer(protocol.FrameReader(Sock(big), limit=200).read()) == {"value": "x" * 100}
    with pytest.raises(ProtocolError, match="inside a frame"):
        protocol.FrameReader(Sock(big[:-1])).read()


# --- to_plain: what the worker sends --------------------------------------------------------


class LyingList(list):
    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


class ShoutingStr(str):
    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0

    def __str__(self) -> str:
        return "forged"


class TruthyInt(int):
    """An int subclass that claims to be True and equal to anything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True

    __hash__ = int.__hash__


def test_a_list_with_a_lying_eq_arrives_as_a_plain_list() -> None:
    back = _round_trip(LyingList([1, 2]))
    assert type(back) is list and back == [1, 2] and back != [9]
    nested = _round_trip({"k": LyingList()})
    assert type(nested["k"]) is list and nested["k"] != [1]


def test_a_str_subclass_arrives_as_its_str_value() -> None:
    back = _round_trip(ShoutingStr("abc"))
    assert type(back) is str and back == "abc" and back != "forged"


def test_bool_like_int_subclasses_arrive_as_int_or_bool() -> None:
    back = _round_trip(TruthyInt(0))
    assert type(back) is int and back == 0 and back != 1

    class MyBool(int):
        pass

    assert type(_round_trip(MyBool(1))) is int
    assert _round_trip([True, TruthyInt(5)]) == [True, 5]
    assert type(_round_trip([True, TruthyInt(5)])[1]) is int


def test_tuple_dict_and_set_subclasses_arrive_as_their_base_types() -> None:
    class T(tuple):
        pass

    class D(dict):
        def __eq__(self, other: object) -> bool:
            return True

        def items(self):  # a lying items() is not what travels
            return [("forged", 1)]

    class S(set):
        pass

    assert type(_round_trip(T((1, 2)))) is tuple
    back = _round_trip(D(a=1))
    assert type(back) is dict and back == {"a": 1}
    assert type(_round_trip(S({1}))) is set


class Unknown:
    def __eq__(self, other: object) -> bool:
        return True

    def __repr__(self) -> str:
        return "Unknown()"


def test_unknown_objects_become_opaque_and_equal_nothing() -> None:
    back = _round_trip(Unknown())
    assert isinstance(back, Opaque) and back.type_name == "Unknown"
    assert back != back and not (back == back)  # noqa: PLR0124 - the point of the test
    for other in (None, 0, -1, "", [], object(), back):
        assert not (back == other) and back != other
        assert not (other == back)
    assert hash(back) == hash(back)  # by identity: it may sit in a set and still match nothing
    assert "Unknown()" in repr(back)


def test_opaque_inside_containers_spoils_equality() -> None:
    assert _round_trip([1, Unknown()]) != [1, Unknown()]
    assert _round_trip((Unknown(),)) != (1,)


def test_an_object_whose_repr_raises_still_becomes_opaque() -> None:
    class Nasty:
        def __repr__(self) -> str:
            raise SystemExit(3)

    back = _round_trip(Nasty())
    assert isinstance(back, Opaque) and back.text == "(repr failed)"


def test_over_deep_values_are_cut_not_a_crash() -> None:
    value: object = 1
    for _ in range(MAX_DEPTH * 3):
        value = (value,)
    back = _round_trip(value)
    while type(back) is tuple:
        back = back[0]
    assert isinstance(back, Opaque)


@pytest.mark.parametrize("value", [{object()}, {object(): 1}], ids=["set", "dict-key"])
def test_whatever_to_plain_sends_the_strict_decoder_reads(value: object) -> None:
    back = _round_trip(value)
    assert back != value


# --- the fast paths for large answers ------------------------------------------------------------


def test_a_dict_of_numbers_takes_the_fast_path_and_decodes_like_the_slow_one() -> None:
    value = {i: i / 3 for i in range(1000)} | {True: None, -5: 2**63}
    assert to_plain(value)["~d"][0] == (0, 0.0)  # sent as its items, unconverted
    back = _round_trip(value)
    assert back == value and [type(k) for k in back] == [type(k) for k in value]
    slow = {"~d": [[k, v] for k, v in value.items()] + [[1.5, [1]]]}  # a list value: decoded the slow way
    assert loads_answer(_answer({"value": slow}))["value"][1.5] == [1]


@pytest.mark.parametrize("value", [{1: 2**80}, {1: float("nan")}, {2**70: 1}, {"k": 1}, {1: [1]}])
def test_a_dict_the_fast_path_cannot_vouch_for_goes_the_slow_way(value: dict) -> None:
    assert to_plain(value)["~d"] == [[protocol._plain(k, 0, [9]), protocol._plain(v, 0, [9])] for k, v in value.items()]


@pytest.mark.parametrize("pairs", [[[[1], 2]], [[{"a": 1}, 2]], [[1, 2], [[3], 4]]])
def test_an_unhashable_key_is_refused(pairs: list) -> None:
    with pytest.raises(ProtocolError, match="unhashable"):
        loads_answer(_answer({"value": {"~d": pairs}}))


def test_a_kept_value_is_encoded_once_and_only_for_itself() -> None:
    from harness.worker import proxies as remote

    graph = {i: [(i + 1, 0.5)] for i in range(100)}
    remote.keep(graph)
    try:
        first = remote.encoded(graph)
        assert remote.encoded(graph) is first  # not marshalled again
        assert protocol.decode_part(first) == graph
        equal = {i: [(i + 1, 0.5)] for i in range(100)}
        assert remote.encoded(equal) is not first and remote.encoded(equal) == first
    finally:
        del remote._kept[id(graph)]


def _run_filter(machine: str, nr: int, args: tuple[int, ...] = ()) -> int:
    """The seccomp program's answer for one syscall, by running its classic BPF here."""
    import struct
    from unittest import mock

    from harness.worker import policy as launch

    with mock.patch("platform.machine", return_value=machine):
        prog = launch.seccomp_program()
    assert prog is not None
    code = [struct.unpack("HBBI", prog[i:i + 8]) for i in range(0, len(prog), 8)]
    data = {0: nr, 4: launch._SYSCALLS[machine][0]} | {16 + 8 * i: a for i, a in enumerate(args)}
    pc = acc = 0
    while True:
        op, jt, jf, k = code[pc]
        if op == 0x20:  # load a word of the syscall's data
            acc, pc = data.get(k, 0), pc + 1
        elif op in (0x15, 0x35):  # jump if equal / if greater or equal
            pc += 1 + (jt if (acc == k if op == 0x15 else acc >= k) else jf)
        else:
            assert op == 0x06
            return k


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_the_seccomp_filter_refuses_what_it_lists_and_only_that(machine: str) -> None:
    from harness.worker.policy import _SYSCALLS

    allow, eperm = 0x7FFF0000, 0x00050001
    _, refused, by_argument = _SYSCALLS[machine]
    for name, nr in refused.items():
        assert _run_filter(machine, nr) == (0x00050026 if name == "clone3" else eperm), name
    fcntl, setsockopt = by_argument["fcntl"], by_argument["setsockopt"]
    assert _run_filter(machine, fcntl, (3, 1031)) == eperm  # F_SETPIPE_SZ
    assert _run_filter(machine, fcntl, (3, 3)) == allow  # F_GETFL
    for option in (7, 8, 32, 33):  # SO_SNDBUF, SO_RCVBUF and their FORCE forms
        assert _run_filter(machine, setsockopt, (3, 1, option)) == eperm
    assert _run_filter(machine, setsockopt, (3, 1, 9)) == allow  # SO_KEEPALIVE
    assert _run_filter(machine, setsockopt, (3, 6, 7)) == allow  # IPPROTO_TCP, option 7: not a buffer
    for nr in (0, 1, 3, 9):  # read, write, close, mmap (x86_64 numbers; on aarch64 other calls, also allowed)
        assert _run_filter(machine, nr) == allow


# --- no code of the candidate's runs once its answer is announced ---------------------------------


class _Marked(dict):
    """A dict subclass whose every own method would forge the answer, and say so."""

    ran: list[str] = []

    def __iter__(self):
        self.ran.append("__iter__")
        return iter(["forged"])

    def keys(self):
        self.ran.append("keys")
        return ["forged"]

    def items(self):
        self.ran.append("items")
        return [("forged", 1)]

    def __getitem__(self, key):
        self.ran.append("__getitem__")
        return "forged"

    def __len__(self):
        self.ran.append("__len__")
        return 0


class _Meta(type):
    ran: list[str] = []

    def __eq__(cls, other):
        _Meta.ran.append("__eq__")
        return True

    def __hash__(cls):
        _Meta.ran.append("__hash__")
        return 0

    @property
    def __name__(cls):
        _Meta.ran.append("__name__")
        return "forged"


class _WithMeta(metaclass=_Meta):
    @property
    def __class__(self):
        _Meta.ran.append("__class__")
        return list

    def __repr__(self):
        _Meta.ran.append("__repr__")
        return "forged"


def test_subclasses_are_copied_by_their_base_types_storage_without_running_their_methods() -> None:
    # Before: dict.copy() of a subclass that overrides __iter__ took CPython's generic path, which
    # calls the subclass's keys() and __getitem__ (after "returned", in CPU time excused as encoding),
    # and they could change the answer.
    _Marked.ran.clear()
    value = _Marked({1: "a", 2: "b"})
    for run_nothing in (False, True):
        back = loads_answer(answer_frame({"value": to_plain([value, (value,), {"k": value}], run_nothing=run_nothing)})[4:])["value"]
        assert back == [{1: "a", 2: "b"}, ({1: "a", 2: "b"},), {"k": {1: "a", 2: "b"}}]
    assert _Marked.ran == []

    class Members(set):
        def __iter__(self):
            _Marked.ran.append("set.__iter__")
            return iter(["forged"])

    class Items(list):
        def __iter__(self):
            _Marked.ran.append("list.__iter__")
            return iter(["forged"])

        def __len__(self):
            _Marked.ran.append("list.__len__")
            return 0

    assert _round_trip([Members({3}), Items([4, 5]), frozenset({6})]) == [{3}, [4, 5], frozenset({6})]
    assert _Marked.ran == []


def test_after_the_announcement_an_object_is_sent_without_running_any_of_its_code() -> None:
    # Before: the type was looked up in a tuple (a metaclass's __eq__), hashed in a set (__hash__),
    # isinstance() read a __class__ property, and repr() ran the candidate's __repr__.
    _Meta.ran.clear()
    back = loads_answer(answer_frame({"value": to_plain([_WithMeta(), 1] * 600, run_nothing=True)})[4:])["value"]
    assert isinstance(back[0], Opaque) and back[0].type_name == "_WithMeta" and back[1] == 1
    assert _Meta.ran == []
    to_plain(_WithMeta())  # not announced: its repr is the candidate's time, and shows what it returned
    assert _Meta.ran == ["__repr__"]


# --- the decoder's budget: an answer too large or too deep is refused, not held ------------------


def test_an_answer_over_the_value_budget_is_refused_before_it_is_decoded() -> None:
    # Before: 24 MB of "[]," decoded into about 700 MB in the suite runner.
    frame = b'{"value": [' + b"[]," * (protocol.MAX_ITEMS * 2) + b"[]]}"
    with pytest.raises(protocol.AnswerTooLarge, match="values"):
        loads_answer(frame)


def test_an_answer_over_the_value_budget_after_decoding_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protocol, "MAX_ITEMS", 10_000)  # the same arithmetic, on a budget a test can fill quickly
    with pytest.raises(protocol.AnswerTooLarge, match="values"):
        loads_answer(b'{"value": [' + b"1000," * 10_010 + b"1]}")  # few separators per value: past the cheap bound
    with pytest.raises(protocol.AnswerTooLarge, match="values"):
        loads_answer(json.dumps({"value": {"~L": [[i, i] for i in range(5000)]}}).encode())
    with pytest.raises(protocol.AnswerTooLarge, match="values"):
        loads_answer(json.dumps({"value": [[[i, i]] for i in range(5000)]}).encode())
    assert len(loads_answer(json.dumps({"value": {"~L": [[i, i] for i in range(3000)]}}).encode())["value"]) == 3000


def test_an_answer_nested_past_the_depth_budget_is_refused() -> None:
    deep = "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10)
    with pytest.raises(protocol.AnswerTooLarge, match="nested"):
        loads_answer(('{"value": ' + deep + "}").encode())


def test_what_to_plain_sends_within_its_budget_the_decoder_takes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protocol, "MAX_ITEMS", 10_000)
    value = {i: [i, (i, str(i))] for i in range(1200)}  # 8,400 values as to_plain counts them
    assert loads_answer(answer_frame({"value": to_plain(value)})[4:])["value"] == value
    assert type(to_plain([value, value])) is dict  # over the budget: opaque, never sent
    deep: object = 1
    for _ in range(MAX_DEPTH):
        deep = [deep]
    assert _round_trip(deep) == deep


# --- what the worker says buys nothing --------------------------------------------------------------


@pytest.mark.parametrize("message", [{"value": 1, "pad": " " * 1000}, {"returned": 1, "x": 1}, {"ok": 1, "": 0}])
def test_a_message_with_a_key_the_protocol_does_not_define_is_refused(message: dict) -> None:
    # Before: an unknown 30 MB key was read, and answer_size counted it into the encoding allowance.
    with pytest.raises(ProtocolError, match="does not define"):
        loads_answer(_answer(message))


def test_the_encoding_allowance_is_sized_from_the_payload_only() -> None:
    values = list(range(5000))
    size = protocol.answer_size({"values": values})
    assert size == len(json.dumps(values, separators=(",", ":")))
    assert protocol.answer_size({"values": values, "raised": {"message": "x" * 100_000}}) == size
    assert protocol.answer_size({"value": {(i, i): i for i in range(2000)}}) > 0  # tuple keys: was a TypeError
    assert protocol.is_large({"values": values}) and not protocol.is_large({"value": list(range(10))})


_BURNS = '''
import time


def _burn(seconds):
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


class Burns:
    def __del__(self):
        _burn(1.2)  # freed with the answer

    def __repr__(self):
        _burn(1.2)
        return "Burns()"


class Forges(dict):
    def __iter__(self):
        _burn(1.0)
        return iter(["forged"])

    def keys(self):
        _burn(1.0)
        return ["forged"]

    def __getitem__(self, key):
        _burn(1.0)
        return "forged"


def make():
    return [Burns(), Forges({1: 2}), "x" * 20_000_000, *range(1500)]  # large: announced, and a 3 s allowance by its size
'''


def test_a_large_answers_finalizers_and_repr_are_not_excused_as_its_encoding(tmp_path) -> None:
    """Before: the answer's repr() ran after the announcement, a dict subclass was copied through
    its own keys() and __getitem__ (which forged it), and its objects were freed (their __del__
    run) before the answer was sent: the candidate's CPU time inside the window whose time is
    excused as encoding, up to the 3 s a 20 MB answer may take. Each burn alone (1 s or more) would
    take the excused time past 1 s; the encoding alone took 0.56 s with the machine loaded (load 8)."""
    from harness.worker.process import WorkerSpec
    from harness.worker.channel import Budget, Channel

    (tmp_path / "burns.py").write_text(_BURNS)
    channel = Channel(WorkerSpec(folder=tmp_path, memory_mb=1024))
    try:
        load = {"op": "load", "path": f"{channel.process.folder_in_worker}/burns.py", "module": "burns", "contract": [], "preload": []}
        assert "ok" in channel.request(load)
        channel.push_budget(Budget(30.0, 60.0, "the call"))
        reply = channel.request({"op": "call", "handle": None, "name": "make", "parts": [], "kwargs": protocol.encode_part({})})
        assert isinstance(reply["value"][0], Opaque) and "Burns()" not in repr(reply["value"][0])
        assert reply["value"][1] == {1: 2} and len(reply["value"]) == 1503
        assert channel.excluded_cpu < 1.0, channel.excluded_cpu  # the encoding of 20 MB only; no burn in it
    finally:
        channel.close()


def test_a_lone_surrogate_in_an_answer_arrives_as_the_same_str() -> None:
    """A str holding a lone surrogate (a wrong segments() answer) is plain data: it crosses as it is,
    where UTF-8 without surrogatepass ended the worker ("must return, not exit")."""
    frame = protocol.answer_frame({"value": ["\ud83d", "a\udc00b"]})
    assert protocol.loads_answer(frame[4:]) == {"value": ["\ud83d", "a\udc00b"]}


def test_an_exception_whose_type_needs_arguments_arrives_as_its_nearest_usable_base() -> None:
    """UnicodeEncodeError cannot be built without its five arguments: it arrives as the ValueError it
    is (so `check_raises(ValueError, ...)` accepts it), not as a bare Exception."""
    from harness.worker.channel import candidate_exception

    exc = candidate_exception({"type": "UnicodeEncodeError", "message": "'utf-8' codec can't encode",
                               "bases": ["UnicodeEncodeError", "UnicodeError", "ValueError", "Exception"]})
    assert isinstance(exc, ValueError) and type(exc).__name__ == "UnicodeEncodeError"
    assert exc.info["message"] == "'utf-8' codec can't encode"


@pytest.mark.parametrize("values", [
    [(1, "a")] * 3, [("x" * 255, 2**64 - 1)] * 2, [("x" * 256, 1)], [(1, 2**64)], [(1, 2), (3,)], [(1, 2), (3, [4])],
    [(float("nan"), None, True)], [(1, 2), [3, 4]], [()], [(), ()], [(1, -2**64 + 1), (2, -2**64)],
])
def test_the_column_check_of_a_list_of_tuples_agrees_with_checking_every_item(values: list) -> None:
    everything = all(type(v) is tuple for v in values) and all(protocol._small(x) for v in values for x in v)
    assert protocol._tuples_of_small(values) is everything
    assert (to_plain(values) == {"~L": [list(v) for v in values]}) is everything


@pytest.mark.parametrize("values", [[1, 2, 3], [2**64 - 1, -2**64 + 1], [1, 2**64], [-2**64, 1], [True, 1], [1, None], [1, 1.5],
                                    [float("inf"), 1], [1, float("nan")], [], [1, "a"]])
def test_the_int_check_of_a_flat_list_agrees_with_checking_every_item(values: list) -> None:
    assert protocol._all_small(values) is all(protocol._small(v) for v in values)


_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | st.binary(max_size=4)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.tuples()
                       | st.frozensets(st.integers() | st.text(max_size=3), max_size=3)
                       | st.dictionaries(st.integers() | st.text(max_size=3), inner, max_size=3), max_leaves=20)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(_values, max_size=6), st.sampled_from(protocol.PAYLOAD_KEYS))
@example([0, 0, 0], "values")  # the shortest encodings: every value one character, then its comma or bracket
@example([[], [], ()], "value")
@example(["", "", "ab"], "summary")
@example([[0], [(0, 1)], [[[0]]]], "args")
@example([["abcdefgh", "ijklmnop"], ("qrstuvwx", "yz")], "values")  # rows of strs: each length counted once
def test_the_cheap_size_bound_is_never_above_the_measured_size(payload: list, key: str) -> None:
    message = loads_answer(answer_frame({key: to_plain(payload), "raised": {"message": "x" * 50}})[4:])
    assert protocol.answer_size_at_least(message) <= protocol.answer_size(message)


@pytest.mark.parametrize("payload", [list(range(100_000)), [[("event-1", 3), ("event-22", 1)]] * 1000, ["", "ab"] * 500,
                                     [(i, float(i)) for i in range(1000)]])
def test_the_cheap_size_bound_of_a_large_answer_is_close_to_the_measured_size(payload: list) -> None:
    message = loads_answer(answer_frame({"values": to_plain(payload)})[4:])
    assert 0.3 * protocol.answer_size(message) <= protocol.answer_size_at_least(message) <= protocol.answer_size(message)


def _counted(value: object) -> int:
    """What _within_budget counts, item by item: every container's items (a dict's keys and values)."""
    if isinstance(value, dict):
        return 2 * len(value) + sum(_counted(k) + _counted(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) + sum(_counted(v) for v in value)
    return 0


@pytest.mark.parametrize("payload", [[[("a", 1), ("b", 2)]] * 3, [[(1, 2)], [], [()], [[1, [2]]]], [[[1]]], [[], [[]]],
                                     [(1, (2, 3))], [[(1,)] * 3] * 3, [[(1, 2), 3]], [[[(1, 2)]]]])
def test_the_decoders_count_of_nested_lists_is_every_items_count(payload: list) -> None:
    message = loads_answer(answer_frame({"values": to_plain(payload)})[4:])
    budget = [protocol.MAX_ITEMS]
    protocol._within_budget(message, 0, budget)
    assert protocol.MAX_ITEMS - budget[0] == _counted(message)
