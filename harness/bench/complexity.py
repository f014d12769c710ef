"""Turns benchmark measurements into a complexity verdict: pass, fail or inconclusive. Pure arithmetic.

Two statistics, from the candidate/reference time ratio rho(n) = candidate(n) / reference(n)
measured side by side (n2 = 16-64 x n1):
    G = rho(n2) / rho(n1)     growth relative to the reference; same-class solutions stay near 1,
                              a solution a factor of n slower per call grows like n2/n1
    E = rho(n2) - rho(n1)     excess: how many reference-runs of extra time the candidate gained
                              between the sizes. Constant work p added to every call moves
                              rho(n) by p / (the reference's cost per call at n), nearly alike at
                              both sizes, so it mostly cancels here, while it dilutes G.
Thresholds (G from ../shared/research/complexity.md, 600 same-class verdicts on this kind of
2-core machine: max G 3.56; 120 wrong-class: min 3.04 with adversarial inputs; E from
`drill bench` of every accepted solution, max 0.28, and of the padded slow ones, 4.7 and 7.5;
see docs/benchmarks.md):
    timing:  fail if G > 4, or if G > 1.3 and E > 2, or if the candidate is over 25x slower than
             the reference at n2, in two measurements of up to three (a fail, then not: a third decides);
             pass if G < 2.5 (and not failing by E); otherwise inconclusive. A clear pass
             (G <= 1.3) after 4 of the 7 rounds ends the measuring there
    hidden growth: a timing pass over 2x slower than the reference at n2 is measured again with a
             third size m = sqrt(n1 n2) (hidden_growth): fail if G_d > 2, or G_d > 1.3 and E_d > 2;
             pass if G_d < 1.58 and neither; otherwise inconclusive
    counts:  pass <= 1.2, fail >= 1.35 (deterministic; decides log-factor gaps); in between,
             the family is inconclusive and the report a pass with a note
Inconclusive is a measurement that finished on both sides and landed between the thresholds.
Anything that stops the measuring (the candidate raised, died, ran out of time or memory)
is a fail with that outcome, never a pass.
"""

from __future__ import annotations

import ast
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Sequence

from harness.problems.catalogue import ContractItem

from harness.bench import messages
from harness.verdicts import ERROR, FAIL, INCONCLUSIVE, PASS

TIME_PASS, TIME_FAIL = 2.5, 4.0
EXCESS_FAIL, EXCESS_MIN_G = 2.0, 1.3
# Slower than the reference by this factor at the largest size is too slow whatever the growth:
# work shaped to look flat across two sizes still has to be paid for at the larger one.
SLOWDOWN_FAIL = 25.0
COUNT_PASS, COUNT_FAIL = 1.2, 1.35
# The same cost added to every run (a loop in the constructor) dilutes G and E at once, but not the
# differences of times between sizes. A pass slower than the reference at n2 by over this factor is
# measured again with a third size between n1 and n2 (accepted solutions: at most 3.2x; every known
# slow one: over 5x, padding only adds to it).
HIDDEN_CHECK_SLOWDOWN = 2.0
# Where a family's fail happened: in the timed calls, or in the untimed set-up before them (the
# spec building the input, the candidate's own set-up calls in prepare()), which is only capped.
RUN, BUILD, PREPARE = "run", "build", "prepare"


def growth(cand: tuple[float, float], ref: tuple[float, float]) -> float:
    (c1, c2), (r1, r2) = cand, ref
    if min(c1, r1, r2) <= 0:
        return float("inf") if c2 > 0 else 1.0
    return (c2 / r2) / (c1 / r1)


def excess(cand: tuple[float, float], ref: tuple[float, float]) -> float:
    (c1, c2), (r1, r2) = cand, ref
    if min(r1, r2) <= 0:
        return float("inf")
    return c2 / r2 - c1 / r1


def slowdown(cand: float, ref: float) -> float:
    return cand / ref if ref > 0 else float("inf")


def marginal_growth(cand: Sequence[float], ref: Sequence[float]) -> tuple[float, float]:
    """(G_d, E_d) of times at (n1, m, n2): the candidate's marginal slowdown over the upper half,
    D = (c(n2) - c(m)) / (r(n2) - r(m)), against the lower half's, as a ratio and as a difference.
    A cost the same in every run cancels in both. Each half spans half of the sizes' log-range, so
    a same-class solution keeps G_d near 1 and a slower class gets about the square root of its G."""
    (c1, cm, c2), (r1, rm, r2) = cand, ref
    if min(rm - r1, r2 - rm) <= 0:
        return 1.0, 0.0  # the reference did not grow: nothing to compare against
    low, high = (cm - c1) / (rm - r1), (c2 - cm) / (r2 - rm)
    if low <= 0:  # no marginal cost at the small sizes: all of it at the large ones
        return (math.inf if high > 0 else 1.0), high - low
    return high / low, high - low


def _hidden_fails(gd: float, ed: float) -> bool:
    return gd > math.sqrt(TIME_FAIL) or (gd > EXCESS_MIN_G and ed > EXCESS_FAIL)


def classify_hidden(best: tuple[float, float], second: tuple[float, float]) -> str:
    """The hidden-growth verdict from (G_d, E_d) of the rounds' best times and of their second
    best: both must agree, so that a run-to-run spread (a padding of random length) leaves the
    measurement undecided, never passed."""
    fails = [_hidden_fails(*best), _hidden_fails(*second)]
    if all(fails):
        return FAIL
    if not any(fails) and max(best[0], second[0]) < math.sqrt(TIME_PASS):
        return PASS
    return INCONCLUSIVE


def classify_time(g: float, e: float = 0.0, slowdown: float = 1.0) -> str:
    if g > TIME_FAIL or (g > EXCESS_MIN_G and e > EXCESS_FAIL) or slowdown > SLOWDOWN_FAIL:
        return FAIL
    if g < TIME_PASS:
        return PASS
    return INCONCLUSIVE


# Which clause of the timing rule a family's figures met (TimedFamily.rule), in the order a fail is
# worded (decide()): growth, then slowdown, then excess.
RULE_GROWTH, RULE_SLOWDOWN, RULE_EXCESS, RULE_PASS, RULE_BETWEEN = "growth", "slowdown", "excess", "pass", "between"
RULE_HIDDEN, RULE_HIDDEN_BETWEEN = "hidden growth", "hidden growth between"  # marginal_growth, at the third size


def time_rule(verdict: str, g: float, e: float = 0.0, slowdown: float = 1.0) -> str:
    """The clause of classify_time that (g, e, slowdown) meet for `verdict`; "" if they meet none
    (a verdict another measurement decided)."""
    if verdict == FAIL:
        if g > TIME_FAIL:
            return RULE_GROWTH
        if slowdown > SLOWDOWN_FAIL:
            return RULE_SLOWDOWN
        return RULE_EXCESS if g > EXCESS_MIN_G and e > EXCESS_FAIL else ""
    if classify_time(g, e, slowdown) != verdict:
        return ""
    return {PASS: RULE_PASS, INCONCLUSIVE: RULE_BETWEEN}.get(verdict, "")


def clear_pass(g: float, e: float = 0.0, slowdown: float = 1.0) -> bool:
    """Far enough inside the pass region that more rounds would not change the verdict: G at most
    EXCESS_MIN_G (so the excess rule cannot apply; padded slow solutions measured G 1.92-2.84)."""
    return g <= EXCESS_MIN_G and slowdown < SLOWDOWN_FAIL / 2


Stats = tuple[float, float, float]  # (G, E, slowdown at n2) of one measurement


def settle_time(measure: Callable[[int, bool], Stats]) -> tuple[str, Stats, int]:
    """The timing verdict from up to three measurements: measure(k, after_fail) takes the k-th.
    A pass at the first counts (asking again after every pass would double every accepted file's
    check). A fail counts in two of up to three: a fail, then not, and a third decides (letting
    the second decide alone passed a padded slow file once under load). Returns the verdict, the
    statistics reported, and which measurement's cells to show (1-based)."""
    first = measure(1, False)
    verdict = classify_time(*first)
    if verdict == PASS:
        return PASS, first, 1
    second = measure(2, verdict == FAIL)
    then = classify_time(*second)
    if verdict == FAIL and then == FAIL:
        return FAIL, _milder(first, second), 1
    if FAIL not in (verdict, then):
        return then, second, 2
    third = measure(3, True)
    if classify_time(*third) == FAIL:
        return FAIL, _milder(first if verdict == FAIL else second, third), 3
    # One fail in three: the second's verdict if it was not the fail, else between the thresholds.
    return (then if verdict == FAIL else INCONCLUSIVE), second, 2


def _milder(a: Stats, b: Stats) -> Stats:
    return min(a[0], b[0]), min(a[1], b[1]), min(a[2], b[2])


def classify_count(g: float) -> str:
    if g >= COUNT_FAIL:
        return FAIL
    if g <= COUNT_PASS:
        return PASS
    return INCONCLUSIVE


@dataclass
class TimedFamily:
    name: str
    unit: str
    n1: int
    n2: int
    cand: tuple[float, float] = (0.0, 0.0)  # seconds per run, min over rounds (process time)
    ref: tuple[float, float] = (0.0, 0.0)
    g: float = 0.0
    excess: float = 0.0
    slowdown: float = 0.0  # candidate / reference at n2
    verdict: str = PASS
    outcome: str | None = None  # on a fail: too_slow, runtime_error, time_limit_exceeded, memory_limit_exceeded
    rounds: int = 0  # rounds measured on each side, over every measurement
    extra_rounds: int = 0  # of those, the rounds added to decide a measurement left between the thresholds
    growths: list[float] = field(default_factory=list)  # G of each measurement (a fail is measured again)
    probe: str | None = None  # set when the one-call probe at n2 ran out of time
    error: str | None = None
    ops: tuple[int, int] | None = None  # calls per run, for throughput
    curve: dict[str, list[list[float]]] | None = None  # extra sizes for --plot: {"cand": [[n, t, calls]...], "ref": ...}
    timer: str = ""  # set when the family has its own timer (e.g. time inside the Redis server)
    stage: str = RUN  # on a fail: where it happened (RUN, BUILD or PREPARE)
    failed_at: int | None = None  # on a fail that stopped the measuring: the size it stopped at
    rule: str = ""  # the clause of the timing rule the figures shown met (time_rule), for the report to name
    # The third size's measurement (a pass over HIDDEN_CHECK_SLOWDOWN x the reference at n2):
    # m, both sides' best times at (n1, m, n2), and (G_d, E_d) of marginal_growth.
    mid: int | None = None
    mid_cand: tuple[float, float, float] | None = None
    mid_ref: tuple[float, float, float] | None = None
    hidden: tuple[float, float] | None = None


@dataclass
class CountedFamily:
    name: str
    unit: str
    n1: int
    n2: int
    label: str = "comparisons and hashes"
    cand: tuple[int, int] = (0, 0)
    ref: tuple[int, int] = (0, 0)
    g: float = 0.0
    verdict: str = PASS
    outcome: str | None = None
    ops: tuple[int, int] | None = None
    error: str | None = None
    stage: str = RUN
    failed_at: int | None = None


@dataclass
class ComplexityReport:
    problem: str
    target: str
    verdict: str
    summary: str
    outcome: str | None = None  # the judge verdict a fail gives: too_slow unless something else happened
    timed: list[TimedFamily] = field(default_factory=list)
    counted: list[CountedFamily] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    timed_calls: list[str] = field(default_factory=list)  # what a timed run calls (spec_calls of run)
    setup_calls: list[str] = field(default_factory=list)  # what the untimed set-up calls (of prepare)
    sizes: int = 2  # sizes measured per family: 2, or more for --plot (the statistics use the two ends)
    duration_s: float = 0.0
    timer: str = "process time"
    thresholds: dict[str, float] = field(
        default_factory=lambda: {"time_pass_below": TIME_PASS, "time_fail_above": TIME_FAIL, "excess_fail_above": EXCESS_FAIL,
                                 "excess_needs_g_above": EXCESS_MIN_G, "slowdown_fail_above": SLOWDOWN_FAIL,
                                 "third_size_above_slowdown": HIDDEN_CHECK_SLOWDOWN, "count_pass_at_most": COUNT_PASS, "count_fail_at_least": COUNT_FAIL}
    )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def decide(timed: list[TimedFamily], counted: list[CountedFamily], *, setup_calls: Sequence[str] = (),
           timed_calls: Sequence[str] = ()) -> tuple[str, str, str | None]:
    """The verdict over all families (the worst wins), a one-line summary, and on a fail the
    judge verdict it gives (too_slow unless the candidate crashed or ran out of a limit).
    `setup_calls` / `timed_calls`: what the spec's set-up and timed run call (spec_calls), which a
    fail in the set-up names."""
    failing = [f for f in [*timed, *counted] if f.verdict == FAIL]
    if failing:
        worst = failing[0]
        if worst.stage != RUN and (worst.outcome or "too_slow") == "too_slow":
            # The set-up before the timed calls was too slow: say so, never blame the timed calls.
            if worst.failed_at is not None:
                return FAIL, messages.setup_past_cap(worst.stage, worst.unit, worst.failed_at, worst.name,
                                                     setup_calls, timed_calls), "too_slow"
            return FAIL, messages.work_outside_timed_calls(worst.error or "", worst.name), "too_slow"
        if worst.error:
            return FAIL, messages.not_measured_on(worst.name, worst.error, worst.stage), worst.outcome or "too_slow"
        if isinstance(worst, CountedFamily):
            return FAIL, messages.counts_grow_faster(worst.g, worst.name), "too_slow"
        if worst.probe and worst.g == float("inf"):
            return FAIL, messages.run_past_cap(worst.unit, worst.failed_at or worst.n2, worst.name), "too_slow"
        if isinstance(worst, TimedFamily) and worst.rule == RULE_HIDDEN and worst.hidden and worst.mid:
            return FAIL, messages.hidden_growth(worst.hidden[0], worst.unit, worst.n1, worst.mid, worst.n2, worst.name), "too_slow"
        rule = time_rule(FAIL, worst.g, worst.excess, worst.slowdown)
        if rule == RULE_SLOWDOWN:
            return FAIL, messages.slower_than_reference(worst.slowdown, worst.unit, worst.n2, worst.name), "too_slow"
        if rule == RULE_EXCESS:
            return FAIL, messages.excess_grows(worst.excess, worst.unit, worst.n1, worst.n2, worst.name), "too_slow"
        return FAIL, messages.time_grows_faster(worst.g, worst.name, len(worst.growths)), "too_slow"
    errors = [f for f in [*timed, *counted] if f.verdict == ERROR or f.error]
    if errors:
        return ERROR, messages.not_measured(errors[0].error), None
    if any(t.verdict == INCONCLUSIVE for t in timed):
        return INCONCLUSIVE, messages.GROWTH_BETWEEN_THRESHOLDS, None
    worst_g = max((t.g for t in timed), default=1.0)
    note = ""
    # Counts are deterministic: a counted family between its thresholds would land there again,
    # so it is a pass with a note, not an inconclusive result.
    if any(c.verdict == INCONCLUSIVE for c in counted):
        note = messages.COUNTS_WITHIN_TOLERANCE
    return PASS, messages.grows_like_reference(worst_g, note), None


# --- likely causes: a short look at the code the timed calls reach --------------------------------

_LOOPS = (ast.For, ast.While, ast.AsyncFor, ast.comprehension)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def spec_calls(spec_source: str, function: str, contract: Iterable[ContractItem]) -> list[str]:
    """The contract's names that the bench spec's `function` ("run": the timed part, "prepare":
    the untimed set-up) uses, in contract order: "Class()" for a class it constructs,
    "Class.method" for a method, "function" for a function. Empty if the spec cannot be read."""
    try:
        tree = ast.parse(spec_source)
    except SyntaxError:
        return []
    body = next((f for f in tree.body if isinstance(f, _FUNCTIONS) and f.name == function), None)
    if body is None:
        return []
    used = {n.attr for n in ast.walk(body) if isinstance(n, ast.Attribute)}
    used |= {n.id for n in ast.walk(body) if isinstance(n, ast.Name)}
    calls: list[str] = []
    for item in contract:
        if item.kind == "class":
            if item.name in used:
                calls.append(f"{item.name}()")
            calls += [f"{item.name}.{m}" for m in item.methods if m != "__init__" and m in used]
        elif item.name in used:
            calls.append(item.name)
    return calls


def likely_causes(source: str, timed_calls: Iterable[str], stage: str = RUN, reference: str | None = None) -> list[str]:
    """Patterns that often explain a growth problem, looked for only where the measurement points:
    in the functions the timed calls (spec_calls of run) reach in `source`. Nothing when the fail
    happened outside the timed calls (`stage` build or prepare), nor when the timed calls are
    unknown: set-up code (a constructor, an add_node the statement lets rebuild and re-sort) is
    never blamed for the timed calls' cost. A pattern the `reference` source (an accepted
    solution) also has in a function of the same name is what the statement allows, and is not
    named either. Advice only; never decides a verdict."""
    if stage != RUN:
        return []
    found = _patterns(source, list(timed_calls))
    allowed = set(_patterns(reference, list(timed_calls))) if reference is not None else set()
    named = [(text, lines) for key, (text, lines) in found.items() if key not in allowed]
    return [messages.cause_at(text, lines) for text, lines in named[:4]]


def _patterns(source: str, timed_calls: list[str]) -> dict[tuple[str, str], tuple[str, list[int]]]:
    """(kind, function) -> (the cause's words, its lines), for each pattern in the functions the
    timed calls reach."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found: dict[tuple[str, str], tuple[str, list[int]]] = {}
    list_names = _list_names(tree)

    for func in _reached(tree, timed_calls):

        def add(node: ast.AST, kind: str, text: str, func: str = func.name) -> None:
            _, lines = found.setdefault((kind, func), (text, []))
            if getattr(node, "lineno", None) not in lines:
                lines.append(node.lineno)

        in_loop = {id(n) for loop in ast.walk(func) if isinstance(loop, _LOOPS) for n in ast.walk(loop)}
        for node in ast.walk(func):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                attr, target = node.func.attr, _name(node.func.value)
                if attr == "pop" and node.args and _is_zero(node.args[0]):
                    add(node, "pop0", messages.cause_pop_front(target))
                elif attr == "insert" and node.args and _is_zero(node.args[0]):
                    add(node, "insert0", messages.cause_insert_front(target))
                elif attr == "remove" and target in list_names:
                    add(node, "remove", messages.cause_list_remove(target))
                elif attr == "index" and target in list_names:
                    add(node, "index", messages.cause_list_index(target))
                elif attr == "sort":
                    add(node, "sort", messages.cause_sort_per_call(target, func.name))
                elif attr in ("nlargest", "nsmallest"):
                    add(node, "nlargest", messages.cause_heapq_scan(attr, func.name))
                elif attr in ("insort", "insort_left", "insort_right"):
                    add(node, "insort", messages.cause_insort(attr))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                name = node.func.id
                if name == "sorted":
                    add(node, "sort", messages.cause_sorted_per_call(func.name))
                elif name in ("min", "max") and id(node) in in_loop:
                    add(node, "minmax", messages.cause_min_max_in_loop(name))
                elif name in ("nlargest", "nsmallest"):
                    add(node, "nlargest", messages.cause_scan_per_call(name, func.name))
                elif name in ("insort", "insort_left", "insort_right"):
                    add(node, "insort", messages.cause_insort(name))
                elif name == "next" and node.args and isinstance(node.args[0], ast.Call) and _name(node.args[0].func) == "iter":
                    add(node, "next_iter", messages.CAUSE_NEXT_ITER)
                elif name == func.name:
                    add(node, "recursion", messages.cause_recursion(func.name))
            elif isinstance(node, ast.Delete):
                for target in node.targets:
                    if isinstance(target, ast.Subscript) and (_front_slice(target.slice) or _name(target.value) in list_names):
                        add(node, "del", messages.cause_del_from_list(_name(target.value)))
            elif isinstance(node, ast.Compare) and id(node) in in_loop:
                for op, right in zip(node.ops, node.comparators):
                    if isinstance(op, (ast.In, ast.NotIn)) and _name(right) in list_names:
                        add(node, "in_list", messages.cause_in_list(_name(right)))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and id(node) in in_loop:
                if isinstance(node.right, ast.List) or isinstance(node.left, ast.List):
                    add(node, "list_plus", messages.CAUSE_LIST_PLUS)
    return found


def _front_slice(node: ast.AST) -> bool:
    """x[:k] or x[0:k]: deleting it shifts what is left of a list."""
    return isinstance(node, ast.Slice) and (node.lower is None or _is_zero(node.lower)) and node.upper is not None


def _reached(tree: ast.Module, roots: list[str]) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions and methods of the module that the timed calls can run, in source order:
    the roots, then whatever they name (a function, a class, which runs its __init__, or a method
    of any class, by name: `self.ring.node_for` reaches every node_for). A class reached brings its
    dunder methods (run by comparisons, hashing, len). Set-up nothing reaches is left out."""
    functions = {f.name: f for f in tree.body if isinstance(f, _FUNCTIONS)}
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    methods: dict[str, list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]] = {}
    for cls in classes.values():
        for f in cls.body:
            if isinstance(f, _FUNCTIONS):
                methods.setdefault(f.name, []).append((cls.name, f))
    reached: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    todo: list[ast.FunctionDef | ast.AsyncFunctionDef] = []

    def reach(f: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if id(f) not in reached:
            reached[id(f)] = f
            todo.append(f)

    def reach_class(name: str, constructed: bool = False) -> None:
        """A class in use: its dunder methods; constructed, its __init__ and __new__ too."""
        for f in classes[name].body:
            if isinstance(f, _FUNCTIONS) and f.name.startswith("__") and f.name.endswith("__"):
                if constructed or f.name not in ("__init__", "__new__"):
                    reach(f)

    def reach_name(name: str, owner: str | None = None) -> None:
        if name in functions and owner is None:
            reach(functions[name])
        if name in classes and owner is None:
            reach_class(name, constructed=True)
        for cls, f in methods.get(name, []):
            if owner in (None, cls):
                reach(f)
                reach_class(cls)

    for root in roots:
        owner, _, name = root.rpartition(".")
        if name.endswith("()"):
            reach_name(name[:-2])
        else:
            reach_name(name, owner if owner in classes else None)
    while todo:
        for node in ast.walk(todo.pop()):
            if isinstance(node, ast.Name) and (node.id in functions or node.id in classes):
                reach_name(node.id)
            elif isinstance(node, ast.Attribute) and node.attr in methods:
                reach_name(node.attr)
    return sorted(reached.values(), key=lambda f: f.lineno)


def _list_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            value = node.value
            is_list = isinstance(value, (ast.List, ast.ListComp)) or (
                isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "list"
            )
            if is_list:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names.update(_name(t) for t in targets)
    names.discard("")
    return names


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _name(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return ""


def _is_zero(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0
