"""What a hidden suite's failing case shows (testing.py).

Standard library only: the suite runner imports it, and rich stays out of it."""

from __future__ import annotations


# --- a suite's report (testing.py) ------------------------------------------------------------------------

def bad_report(name: str, why: str) -> str:
    return f"the suite's report {name} is malformed: {why}"


# --- what a hidden suite's failing case shows (testing.py) -------------------------------------------------

NO_REDIS_FOR_SUITE = "no Redis for this run: the problem's problem.toml must say needs = [\"redis\"]"
NO_REDIS_CLUSTER_FOR_SUITE = ("no Redis Cluster for this run: problem.toml must say redis_cluster = true, "
                              "and the tests that use it must be marked redis_cluster")


def scenario_undecided(what: str, attempts: int) -> str:
    return (f"the machine was too busy to time this case ({what}): none of its {attempts} attempts ran close enough to "
            "its schedule to decide it; not accepted yet: run it again on a quieter machine")


def case_and_reason(case: str, reason: str) -> str:
    return f"{case}: {reason}"


def raised_instead(type_name: str, message: object) -> str:
    return f"raised {type_name}: {message}"


def returned_instead(shown: str) -> str:
    return f"returned {shown}"


def reference_limit(what: str, limit_s: float, floor_s: float, factor: float, reference_s: float) -> str:
    """A budget's `what` once the reference's time on the same input is known."""
    return f"{what}: limit {limit_s:.2f} s = max({floor_s:g} s, {factor:g} x the reference's {reference_s:.3f} s)"
