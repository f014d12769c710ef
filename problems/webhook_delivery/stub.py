"""Webhook delivery with retries.
`drill show webhook_delivery` prints the full statement.
"""


class Dispatcher:
    def __init__(self, send, max_attempts=5, base_delay_s=1.0,
                 dedupe_window_s=86400) -> None:
        raise NotImplementedError("Dispatcher.__init__")

    def submit(self, event_id: str, endpoint: str, payload,
               now: float) -> bool:
        """Schedule a first attempt at `now`;
        False (and nothing changes) for a duplicate event_id.
        """
        raise NotImplementedError("Dispatcher.submit")

    def tick(self, now: float) -> None:
        """Make every attempt due by `now`,
        oldest due first (ties in submit order).
        """
        raise NotImplementedError("Dispatcher.tick")

    def dead_letters(self) -> list[tuple]:
        """(event_id, endpoint, payload) of every event that used up its
        attempts, in the order they died.
        """
        raise NotImplementedError("Dispatcher.dead_letters")

    def pending(self) -> int:
        """How many events still have an attempt to come."""
        raise NotImplementedError("Dispatcher.pending")
