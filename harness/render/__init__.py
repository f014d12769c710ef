"""The views: the terminal (terminal.py), what each command says (commands.py), usage errors
(errors.py), Markdown, JUnit. What the rooms below raise or report is worded in their own
messages.py, which never imports render/.

The terminal views' names are read from here (`render.result_lines`), but terminal.py, and rich
and click with it, loads only when one is first used, so a module that needs one view (the
suite runner's judge/parent.py, render.errors) does not pay for rich (about 50 ms of CPU time).
"""

from __future__ import annotations

import importlib.util
from typing import Any


def __getattr__(name: str) -> Any:
    # A submodule not imported yet (`from harness.render import errors`) is the import system's to load.
    if name.startswith("__") or importlib.util.find_spec(f"{__name__}.{name}") is not None:
        raise AttributeError(name)
    from harness.render import terminal

    return getattr(terminal, name)
