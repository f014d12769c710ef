"""The maintainers' tools' words: the references against peer libraries (peers.py) and verify.

Standard library only."""

from __future__ import annotations


# --- `drill dev verify` (verify.py) ----------------------------------------------------------------------

VERIFY_NEEDS_BENCH = "too_slow needs the complexity benchmark"


def verify_marked_needs_bench(expected: str) -> str:
    """Why a file marked `needs: bench` is skipped under --no-bench."""
    return f"its {expected} comes from the complexity benchmark (its docstring says needs: bench)"


def verify_marker_wrong(expected: str) -> str:
    """A file marked `needs: bench` that the benchmark did not decide."""
    return f"its docstring says needs: bench, but the benchmark did not give it {expected}: the hidden tests decided it; drop the mark"


def verify_marker_missing(expected: str) -> str:
    """A file the hidden tests pass, whose verdict the benchmark gave, without the mark."""
    return (f"the hidden tests pass it and the benchmark gave it {expected}: its docstring must say needs: bench, "
            "so that --no-bench skips it")


# --- the references against peer libraries (peers.py, maintainers) ----------------------------------------

UNKNOWN_CPU = "unknown CPU"


def machine(architecture: str, cpu: str) -> str:
    return f"{architecture}, {cpu}"


def peer_library_missing(spec_file: str, library: str | None) -> str:
    return f"{spec_file} needs a peer library that is not installed ({library}): `pip install -e '.[peers]'`"


def peers_disagree(slug: str, workload: str, size: int, wrong: list[str], their_answer: object, reference_answer: object) -> str:
    return (f"{slug} / {workload} / {size}: {', '.join(wrong)} disagree with the reference "
            f"({their_answer!r} vs {reference_answer!r}); the comparison would be unfair")


def peer_note(note: str, measured: list[str]) -> str:
    """A row's note, with what the spec's NOTES measured of the reference and of the peer."""
    return "; ".join(filter(None, [note, f"reference {measured[0]}", f"peer {measured[-1]}" if len(measured) > 1 else ""]))


def peer_progress(problem: str, workload: str, size: int, peer: str, ratio: float) -> str:
    return f"{problem:15} {workload:44} {size:>9,}  {peer:38} ratio {ratio:5.2f}"


def readme_without_section(readme: str, begin: str, end: str) -> str:
    return f"{readme} has no {begin} ... {end} section to update"
