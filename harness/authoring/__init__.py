"""What hidden suites import (harness.authoring.testing, harness.authoring.faults), on the
trusted side of the sandbox: they run in the suite runner, never beside the candidate's code.
Benchmark specs import harness.sandbox.benchkit instead, which runs inside the worker.
"""
