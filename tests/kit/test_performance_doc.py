"""docs/performance.md's tables are what the raw results in benchmarks/results/ make
(`python benchmarks/results/tables.py` regenerates them)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _tables() -> ModuleType:
    spec = importlib.util.spec_from_file_location("performance_tables", ROOT / "benchmarks" / "results" / "tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_performance_doc_is_up_to_date_with_the_raw_results() -> None:
    tables = _tables()
    text = tables.DOC.read_text(encoding="utf-8")
    assert tables.rendered(text) == text, "run python benchmarks/results/tables.py"


def test_a_figure_edited_by_hand_is_put_back() -> None:
    tables = _tables()
    text = tables.DOC.read_text(encoding="utf-8")
    edited = text.replace("| `lru_cache` |", "| `lru_cache` | 0.01 s |", 1)
    assert edited != text
    assert tables.rendered(edited) == text
