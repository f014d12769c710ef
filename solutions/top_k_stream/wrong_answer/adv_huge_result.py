"""Attack class 2/4 (make the trusted side decide / damage): a reply far too large to keep.

top() returns the (wrong, arrival-order) ranking followed by 3,000,000 references to one
(64 KiB event name, count) tuple: about 24 MB in the worker, about 200 GB if a serializer
writes the string out each time, and still 3,000,000 entries if it shares them. A trusted side
that reads whole replies into memory, or logs the value's repr() in its report, runs out of
memory or floods the terminal and the attempt log.

Correct verdict: wrong_answer (more than k entries, ties by arrival). The worker or the trusted
side must cap a reply's encoded size and show a truncated description; drill's memory must stay
small. (Convention assumed: a value too large to send is a wrong answer.)
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

_BIG = ("x" * 65536, 1)


class TopK(_WrongCore):
    def top(self):
        result = self.ranked()
        result.extend([_BIG] * 3_000_000)
        return result
