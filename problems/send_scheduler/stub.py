"""Send scheduler under carrier rate limits.
`drill show send_scheduler` prints the full statement.
"""


class Scheduler:
    def __init__(self, mps_per_number: dict, burst: int = 1,
                 validity_s: float = 14400,
                 dedupe_window_s: float = 86400) -> None:
        raise NotImplementedError("Scheduler.__init__")

    def submit(self, msg_id: str, account: str, from_number: str,
               priority: int, now: float) -> bool:
        """Queue a message on `from_number`;
        False (and nothing queued) for a duplicate msg_id.
        """
        raise NotImplementedError("Scheduler.submit")

    def tick(self, now: float) -> list:
        """The msg_ids to send now,
        as many as the numbers' token buckets allow.
        """
        raise NotImplementedError("Scheduler.tick")

    def pending(self) -> int:
        """How many messages wait: accepted, not sent, not expired."""
        raise NotImplementedError("Scheduler.pending")
