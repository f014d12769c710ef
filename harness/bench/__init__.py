"""Complexity verdicts from measured growth, on the trusted side of the sandbox.

    measure     drives the candidate's and the reference's workers, reads their CPU time from outside
    complexity  the statistics and thresholds (pure arithmetic), and the likely causes of a fail
    plot        `drill bench --plot`
"""

from harness.bench.complexity import ComplexityReport
from harness.bench.measure import BenchError, bench, bench_or_error, has_bench

__all__ = ["BenchError", "ComplexityReport", "bench", "bench_or_error", "has_bench"]
