"""The worker's encoding (to_plain) and the strict decoder (loads_answer) on a large answer,
shortest_paths' 30,000 distances, for this kit's protocol and another's, alternating.

    python benchmarks/answer_codec.py --old /path/to/other/worktree [--runs 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the other kit's root (a worktree)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    kits = [("old", load(args.old / "harness/sandbox/protocol.py", "old_protocol")),
            ("this", load(ROOT / "harness/sandbox/protocol.py", "this_protocol"))]
    rng = random.Random(1)
    distances = {i: round(rng.random() * 1000, 3) for i in range(30_000)}
    for label, protocol in kits * 2:
        encode, decode = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            plain = protocol.to_plain(distances)
            encode.append(time.perf_counter() - started)
            frame = protocol.answer_frame({"value": plain})
            started = time.perf_counter()
            back = protocol.loads_answer(frame[4:])
            decode.append(time.perf_counter() - started)
            assert back["value"] == distances
        print(f"{label:5} to_plain {statistics.median(encode) * 1000:5.1f} ms   loads_answer {statistics.median(decode) * 1000:5.1f} ms")


if __name__ == "__main__":
    main()
