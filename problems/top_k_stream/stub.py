"""Top K in a stream. `drill show top_k_stream` prints the full statement."""


class TopK:
    def __init__(self, k: int) -> None:
        raise NotImplementedError("TopK.__init__")

    def add(self, event: str, count: int = 1) -> None:
        """Record `count` more occurrences of `event` (count >= 1)."""
        raise NotImplementedError("TopK.add")

    def top(self) -> list[tuple[str, int]]:
        """The (at most) k most frequent events as (event, count),
        highest count first, ties by name.
        """
        raise NotImplementedError("TopK.top")
