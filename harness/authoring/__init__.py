"""What problem authors import, on the trusted side: `harness.testing` (the hidden suites) is
harness.authoring.testing; `harness.benchkit` (the benchmark specs) runs inside the worker and
lives in harness/sandbox/benchkit.py.
"""
