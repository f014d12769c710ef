"""The one place drill reads the wall clock, so tests can drive time instead of sleeping."""

from __future__ import annotations

from datetime import datetime, timezone


def now() -> datetime:
    return datetime.now(timezone.utc)
