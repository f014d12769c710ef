"""Attack class 2 (make the trusted side decide for you): values that break a serializer.

top() returns, in rotation: a list that contains itself (and a tuple holding that list), a list
nested 200,000 levels deep (built iteratively, so the worker does not crash making it), a dict
whose value is a tuple nested 100,000 levels deep, and a tuple of 10^6 references to one tuple (small in
memory, large once flattened). A recursive encoder in the worker, or a recursive decoder on the
trusted side (json.loads, a hand-written one), hits RecursionError or loops; a decoder that
crashes the trusted runner would end the run with an internal error instead of a verdict.

Correct verdict: wrong_answer: the first top() already returns a self-containing list, not the
ranking. The worker must refuse cycles, bound depth and size, and report the value as wrong;
the trusted side's decoder must be iterative or depth-limited and never crash.
(Convention assumed: a value too deep or too large to send is a wrong answer.)
"""



class _WrongCore:
    """Wrong: ties go by arrival order (a stable sort on the count alone), not by event name."""

    def __init__(self, k):
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}

    def add(self, event, count=1):
        if count < 1:
            raise ValueError("count must be at least 1")
        self.counts[event] = self.counts.get(event, 0) + count

    def ranked(self):
        return sorted(self.counts.items(), key=lambda item: -item[1])[: self.k]


def _deep(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def _deep_tuple(depth):
    value = ()
    for _ in range(depth):
        value = (value,)
    return value


class TopK(_WrongCore):
    def __init__(self, k):
        super().__init__(k)
        self.calls = 0

    def top(self):
        self.calls += 1
        choice = self.calls % 4
        if choice == 1:
            loop = list(self.ranked())
            loop.append(loop)
            loop.append((loop,))
            return loop
        if choice == 2:
            return _deep(200_000)
        if choice == 3:
            return {"deep": _deep_tuple(100_000)}  # not a key: hashing it would overflow the C stack
        one = ("event", 1)
        return (one,) * 1_000_000
