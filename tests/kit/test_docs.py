"""The docs stay written for their reader: the README short, and no text about how the kit was written."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README_LIMIT_BYTES = 12_000  # what a person practising reads; the rest lives in docs/
# The project speaks of itself, its versions and its commands, never of when or by whom it was written.
DIARY = re.compile(r"\bsession \d+\b|\bwork period\b|\bhelper-\d+\b|\bthis session\b", re.IGNORECASE)


def tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "*.md", "*.py", "*.toml"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / line for line in out.stdout.splitlines() if line and not line.startswith("tests/kit/test_docs.py")]


def test_readme_is_short() -> None:
    size = len((ROOT / "README.md").read_bytes())
    assert size < README_LIMIT_BYTES, f"README.md is {size:,} bytes: move what a person practising does not need to docs/"


def test_no_diary_in_the_repository() -> None:
    hits = [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}"
            for path in tracked_text_files() if path.is_file()
            for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1) if DIARY.search(line)]
    assert not hits, "text about how the kit was written:\n" + "\n".join(hits)
