"""Every text a person reads: the terminal views (terminal.py), what each command says (commands.py),
usage errors (errors.py), Markdown, JUnit, and the wording of what the modules below the CLI raise
or report (messages.py).

The terminal views' names are read from here (`render.result_lines`), but terminal.py, and rich
and click with it, loads only when one is first used: the judge's suite runner imports
render.messages, and rich stays out of it (about 50 ms of CPU time on every run).
"""

from __future__ import annotations

import importlib.util
from typing import Any


def __getattr__(name: str) -> Any:
    # A submodule not imported yet (`from harness.render import messages`) is the import system's to load.
    if name.startswith("__") or importlib.util.find_spec(f"{__name__}.{name}") is not None:
        raise AttributeError(name)
    from harness.render import terminal

    return getattr(terminal, name)
