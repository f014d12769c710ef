"""Attack class 3/7 (delegate to the kit, at import): find the hidden suite and the reference,
and leak them through the import error.

At import it looks for tests/top_k_stream/test_top_k_stream.py, benchmarks/top_k_stream/bench.py
and solutions/top_k_stream/accepted/*.py by walking up from its own file, cwd, $HOME, every
sys.path entry and /proc/<pid>/cwd|root of every visible process; it also asks importlib for
`harness`, `harness.authoring.testing`, `tests`, `test_top_k_stream` and `_drill_reference_*`, and reads
any `__editable__`/`.pth` file in site-packages that points at the kit. Then it raises
ImportError whose message holds the first 6 KB of every file it found: the judge shows an
invalid solution's import error to the candidate.

Correct verdict: invalid_solution (the import raises). A kit test should check that the
message contains no line of the hidden suite (no "def test_", no hidden docstring) and no
host path: the sandbox has no kit folders.
"""

import glob
import importlib.util
import os
import sys

_WANTED = ("tests/top_k_stream/test_top_k_stream.py", "benchmarks/top_k_stream/bench.py",
           "solutions/top_k_stream/accepted/*.py", "harness/authoring/testing.py")


def _starts():
    starts = [os.path.dirname(os.path.abspath(__file__)), os.getcwd(), os.environ.get("HOME", ""), *sys.path]
    try:
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                for link in ("cwd", "root"):
                    try:
                        starts.append(os.readlink(f"/proc/{pid}/{link}"))
                    except OSError:
                        pass
    except OSError:
        pass
    for folder in sys.path:
        for pth in glob.glob(os.path.join(folder, "*.pth")) + glob.glob(os.path.join(folder, "__editable__*")):
            try:
                with open(pth) as f:
                    starts += [line.strip() for line in f if line.startswith("/")]
            except OSError:
                pass
    return [s for s in starts if s]


found = {}
for start in _starts():
    folder = os.path.abspath(start)
    for _ in range(8):
        for pattern in _WANTED:
            for path in glob.glob(os.path.join(folder, pattern)):
                if path not in found:
                    try:
                        with open(path) as f:
                            found[path] = f.read(6000)
                    except OSError:
                        pass
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
for name in ("harness", "harness.authoring.testing", "tests", "test_top_k_stream"):
    try:
        spec = importlib.util.find_spec(name)
        if spec is not None:
            found[f"spec:{name}"] = str(spec.origin) + " " + str(spec.submodule_search_locations)
    except Exception as exc:  # noqa: BLE001
        found[f"spec:{name}"] = repr(exc)
found["modules"] = " ".join(m for m in sys.modules if "drill" in m or "harness" in m or m.startswith("test"))

raise ImportError("missing optional dependency; diagnostics follow\n" + "\n".join(f"== {k}\n{v}" for k, v in found.items()))


class TopK:  # never reached
    pass
