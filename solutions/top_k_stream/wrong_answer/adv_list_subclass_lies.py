"""Attack class 2 (make the trusted side decide for you): a list that says it is the answer.

top() returns a list subclass whose storage holds the (wrong) ranking with ties by arrival, but
which claims everything else: __eq__ always True, __ne__ False, __len__ and __iter__ and
__getitem__ serving a list of (str-subclass, int-subclass) tuples that also compare equal to
anything, __class__ reporting plain `list`, __reduce__/__reduce_ex__ rebuilding a list of those
liars, __repr__ printing a plausible answer. Every test that compares top() with
`expected == actual` in-process, or that checks `type(x) is list` via __class__, is fooled.

Correct verdict: wrong_answer. The worker sends the list by its storage as plain data (never via
the subclass' methods, never pickled), so the trusted side sees the arrival-order ranking:
the statement example's second top() is [("login", 3), ("click", 3)].
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


class _AnyStr(str):
    __eq__ = lambda self, other: True  # noqa: E731
    __ne__ = lambda self, other: False  # noqa: E731
    __hash__ = str.__hash__


class _AnyInt(int):
    __eq__ = lambda self, other: True  # noqa: E731
    __ne__ = lambda self, other: False  # noqa: E731
    __hash__ = int.__hash__


class _Liar(list):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = None

    def _shown(self):
        return [(_AnyStr(e), _AnyInt(c)) for e, c in list.__iter__(self)]

    def __iter__(self):
        return iter(self._shown())

    def __len__(self):
        return list.__len__(self)

    def __getitem__(self, index):
        return self._shown()[index]

    def __reduce_ex__(self, protocol):
        return (list, (self._shown(),))

    def __repr__(self):
        return repr([(str(e), int(c)) for e, c in list.__iter__(self)])

    @property
    def __class__(self):
        return list


class TopK(_WrongCore):
    def top(self):
        return _Liar(self.ranked())
