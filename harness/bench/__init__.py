"""Complexity verdicts from measured growth, on the trusted side of the sandbox.

    measure     drives the candidate's and the reference's workers, reads their CPU time from outside
    complexity  the statistics and thresholds (pure arithmetic), and the likely causes of a fail
    plot        `drill bench --plot`
"""

from harness.bench.complexity import ComplexityReport
from harness.bench.measure import BenchError, has_bench, measure_complexity, measure_complexity_or_error

__all__ = ["BenchError", "ComplexityReport", "has_bench", "measure_complexity", "measure_complexity_or_error"]
