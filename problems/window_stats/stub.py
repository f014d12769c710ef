"""Windowed stats with late events.
`drill show window_stats` prints the full statement.
"""


class WindowStats:
    def __init__(self, window_s: float = 60, lateness_s: float = 5) -> None:
        """ValueError unless window_s is finite and > 0
        and lateness_s finite and >= 0.
        """
        raise NotImplementedError("WindowStats.__init__")

    def record(self, key: str, ts: float, value: float) -> None:
        """Record one event;
        drop it (and count it in dropped()) if ts < newest - lateness_s.
        NaN or inf: ValueError.
        """
        raise NotImplementedError("WindowStats.record")

    def count(self, key: str, now: float) -> int:
        """How many of key's events have ts in (now - window_s, now]."""
        raise NotImplementedError("WindowStats.count")

    def percentile(self, key: str, p: float, now: float) -> float | None:
        """The value of rank max(1, ceil(p * n / 100)) (0 < p <= 100)
        among key's n values in the window; None if it is empty.
        """
        raise NotImplementedError("WindowStats.percentile")

    def dropped(self) -> int:
        """How many events were dropped for lateness so far."""
        raise NotImplementedError("WindowStats.dropped")
