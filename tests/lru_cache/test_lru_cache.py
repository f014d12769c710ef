"""Hidden suite for lru_cache. The judge loads the candidate as the module `lru_cache`."""

from collections import OrderedDict

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from lru_cache import LRUCache

from harness.authoring.testing import Batch, CallLog, call_many, check, check_raises, generated, inputs, reference, reference_ahead, within_reference_budget


def _run(capacity, script):
    """Play a script of ("put", k, v) / ("get", k, expected) steps, checking each get."""
    log = CallLog()
    cache = log.new(LRUCache, capacity)
    for step in script:
        if step[0] == "put":
            result = log.call(cache, "put", step[1], step[2])
            check(result, None, case="put must return None", input=log)
        else:
            result = log.call(cache, "get", step[1])
            check(result, step[2], case=f"get({step[1]!r}) returned the wrong value", input=log)


def test_statement_example():
    """the example from the statement"""
    _run(2, [("put", 1, 1), ("put", 2, 2), ("get", 1, 1), ("put", 3, 3), ("get", 2, -1),
             ("put", 4, 4), ("get", 1, -1), ("get", 3, 3), ("get", 4, 4)])


def test_capacity_below_one_raises():
    """capacity 0 and negative capacities raise ValueError"""
    for capacity in (0, -1, -100):
        check_raises(ValueError, LRUCache, capacity, case=f"LRUCache({capacity}) must raise ValueError", input=f"LRUCache({capacity})")


def test_get_on_empty_cache():
    """get on an empty cache returns -1"""
    _run(3, [("get", 1, -1), ("get", "a", -1), ("get", None, -1)])


def test_capacity_one():
    """capacity 1: each new key evicts the previous one"""
    _run(1, [("put", 1, 10), ("get", 1, 10), ("put", 2, 20), ("get", 1, -1), ("get", 2, 20),
             ("put", 2, 21), ("get", 2, 21), ("put", 3, 30), ("get", 2, -1), ("get", 3, 30)])


def test_update_at_capacity_evicts_nothing():
    """put on an existing key at full capacity updates it and evicts nothing"""
    _run(2, [("put", 1, 1), ("put", 2, 2), ("put", 1, 10), ("get", 1, 10), ("get", 2, 2)])
    _run(3, [("put", "a", 1), ("put", "b", 2), ("put", "c", 3), ("put", "b", 20), ("put", "c", 30),
             ("get", "a", 1), ("get", "b", 20), ("get", "c", 30)])


def test_get_refreshes_recency():
    """a get hit makes the key the most recently used"""
    _run(2, [("put", 1, 1), ("put", 2, 2), ("get", 1, 1), ("put", 3, 3), ("get", 1, 1), ("get", 2, -1), ("get", 3, 3)])


def test_put_refreshes_recency():
    """a put on an existing key makes it the most recently used"""
    _run(2, [("put", 1, 1), ("put", 2, 2), ("put", 1, 11), ("put", 3, 3), ("get", 2, -1), ("get", 1, 11), ("get", 3, 3)])


def test_miss_changes_nothing():
    """a get miss neither inserts the key nor changes the recency order"""
    _run(2, [("put", 1, 1), ("put", 2, 2), ("get", 9, -1), ("put", 3, 3), ("get", 1, -1), ("get", 9, -1),
             ("get", 2, 2), ("get", 3, 3)])


def test_holds_exactly_capacity_keys():
    """the cache holds exactly `capacity` keys: no more, no fewer"""
    for capacity in (2, 3, 7):
        script = [("put", k, k * 10) for k in range(capacity)]
        script += [("get", k, k * 10) for k in range(capacity)]
        script += [("put", capacity, 0), ("get", 0, -1)]
        script += [("get", k, k * 10) for k in range(1, capacity)]
        _run(capacity, script)


def test_falsy_values_are_hits():
    """stored falsy values (0, '', None, False, []) come back as they are, not as -1"""
    _run(6, [("put", "zero", 0), ("put", "empty", ""), ("put", "none", None), ("put", "false", False),
             ("put", "list", []), ("get", "zero", 0), ("get", "empty", ""), ("get", "none", None),
             ("get", "false", False), ("get", "list", [])])


def test_stored_minus_one_is_a_hit():
    """a stored value -1 is a hit like any other: get returns it and makes its key the most recently used"""
    _run(2, [("put", "a", -1), ("put", "b", 1), ("get", "a", -1), ("put", "c", 3), ("get", "b", -1), ("get", "a", -1),
             ("get", "c", 3)])
    _run(2, [("put", "a", -1), ("put", "b", -1), ("get", "a", -1), ("put", "c", -1), ("put", "d", 4), ("get", "c", -1),
             ("get", "b", -1), ("put", "b", 2), ("get", "d", -1), ("get", "a", -1), ("get", "b", 2)])


def test_falsy_and_mixed_keys():
    """keys of any hashable type, including 0, '', None, tuples and equal-hash ints/floats"""
    _run(4, [("put", 0, "int zero"), ("put", "", "empty str"), ("put", None, "none"), ("put", (1, 2), "tuple"),
             ("get", 0, "int zero"), ("get", "", "empty str"), ("get", None, "none"), ("get", (1, 2), "tuple"),
             ("put", 0.0, "float zero"), ("get", 0, "float zero")])


def _play_against_model(capacity, ops):
    """Queue each step with the answer an OrderedDict model gives, then check them in order."""
    log = CallLog()
    batch = Batch(log.new(LRUCache, capacity), log)
    model = OrderedDict()
    for key, value in ops:
        if value is None:
            expected = -1
            if key in model:
                model.move_to_end(key)
                expected = model[key]
            batch.call("get", key, expect=expected, case=f"get({key}) returned the wrong value")
            continue
        batch.call("put", key, value, expect=None, case="put must return None")
        if key in model:
            model.move_to_end(key)
        elif len(model) == capacity:
            model.popitem(last=False)
        model[key] = value
    batch.check()


# A step is (key, None) for get(key), or (key, value) for put(key, value). At least 10 steps: with
# fewer, a missed recency refresh (on get or on put) or an eviction on update went unseen for some seeds.
_STEPS = st.lists(st.tuples(st.integers(0, 5), st.none() | st.integers(-2, 3)), min_size=10, max_size=40)


@settings(max_examples=150)
@given(capacity=st.integers(1, 4), ops=_STEPS)
def test_random_sequences_against_model(capacity, ops):
    """random sequences of gets and puts behave like an LRU model (property-based)"""
    _play_against_model(capacity, ops)


class _LRUMachine(RuleBasedStateMachine):
    """The same, as a Hypothesis state machine: each rule is one call, sent and checked at once."""

    @initialize(capacity=st.integers(1, 4))
    def start(self, capacity):
        self.log = CallLog()
        self.capacity = capacity
        self.model = OrderedDict()
        self.cache = self.log.new(LRUCache, capacity)

    @rule(key=st.integers(0, 5), value=st.integers(-2, 3))
    def put(self, key, value):
        check(self.log.call(self.cache, "put", key, value), None, case="put must return None", input=self.log)
        if key in self.model:
            self.model.move_to_end(key)
        elif len(self.model) == self.capacity:
            self.model.popitem(last=False)
        self.model[key] = value

    @rule(key=st.integers(0, 5))
    def get(self, key):
        expected = -1
        if key in self.model:
            self.model.move_to_end(key)
            expected = self.model[key]
        check(self.log.call(self.cache, "get", key), expected, case=f"get({key}) returned the wrong value", input=self.log)


def test_call_by_call_against_model():
    """gets and puts one call at a time, each checked as it returns, like an LRU model (stateful, property-based)"""
    run_state_machine_as_test(_LRUMachine, settings=settings(max_examples=15, stateful_step_count=20))


def _play_reference(cls, capacity, calls):
    cache = cls(capacity)
    get, put = cache.get, cache.put
    return inputs().hits_and_checksum(calls, [get(*args) if name == "get" else put(*args) for name, args in calls])


# Built by inputs.py on both sides: the candidate's worker builds the 200,000 calls itself, and
# sends back only their summary.
LARGE_CAPACITY, LARGE_OPERATIONS = 20_000, 200_000
LARGE_CALLS = generated("mixed_calls", LARGE_CAPACITY, LARGE_OPERATIONS, 146)
LARGE_EXPECTED = reference_ahead(lambda: _play_reference(reference().LRUCache, LARGE_CAPACITY, LARGE_CALLS()))


def test_large_input_within_time_limit():
    """large input: capacity 20,000, 200,000 mixed calls within the time limit"""
    capacity, operations = LARGE_CAPACITY, LARGE_OPERATIONS
    calls = LARGE_CALLS()
    summary = within_reference_budget(lambda: call_many(LRUCache(capacity), calls, summary="hits_and_checksum"), LARGE_EXPECTED,
                                      what=f"capacity {capacity:,}, {operations:,} calls")
    check(summary, LARGE_EXPECTED(), case="large input: (hits, checksum of the values returned) differ from the reference",
          input=f"LRUCache({capacity}), then {operations:,} random get/put calls on {2 * capacity:,} keys (seed 146)")
