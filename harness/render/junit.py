"""JUnit XML for CI: one <testsuite> per problem, one <testcase> per hidden test.

Only test titles and the failure a judge would show are written, never the suite's source.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from harness.problems.catalogue import Problem
from harness.render import complexity_lines
from harness.verdicts import COMPLEXITY_CASE, FAIL, INCONCLUSIVE, NO_VERDICT, TOO_SLOW, UNDECIDED, JudgeResult


def _failure_text(result: JudgeResult) -> str:
    failure = result.first_failure
    if failure is None:
        return result.message or result.verdict
    lines = [failure.message]
    for label, value in (("minimal example", failure.minimal_example), ("input", failure.input), ("expected", failure.expected), ("got", failure.actual)):
        if value is not None:
            lines.append(f"{label}: {value}")
    lines += [f"at {frame}" for frame in failure.traceback]
    return "\n".join(lines)


def _element(verdict: str | None) -> str:
    """JUnit's <error> for a run the judge could not decide or run (no verdict), else <failure>."""
    return "error" if verdict in NO_VERDICT else "failure"


def write_junit(path: Path, results: list[JudgeResult], skipped: Iterable[Problem] = ()) -> None:
    suites = junit_tree(results, skipped)
    ET.indent(suites)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)


def junit_counts(results: list[JudgeResult], skipped: Iterable[Problem] = ()) -> dict[str, int]:
    """The totals the JUnit file of `results` and the `skipped` problems says on <testsuites>
    (tests, failures, errors, skipped), for `drill check --json` to agree with it."""
    return {key: int(junit_tree(results, skipped).get(key, "0")) for key in ("tests", "failures", "errors", "skipped")}


def junit_tree(results: list[JudgeResult], skipped: Iterable[Problem] = ()) -> ET.Element:
    """The <testsuites> element: one <testsuite> per problem, the counts set on each and in total."""
    suites = ET.Element("testsuites", name="drill")
    for result in results:
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=f"drill.{result.problem}",
            time=f"{result.duration_s:.3f}",
            timestamp=result.started_at,
        )
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="verdict", value=result.verdict)
        cases = result.tests or []
        if not cases:
            # Nothing ran (e.g. invalid_solution): one case carries the verdict.
            case = ET.SubElement(suite, "testcase", classname=result.problem, name="load solution", time="0")
            if not result.ok:
                ET.SubElement(case, _element(result.verdict), message=result.verdict, type=result.verdict).text = _failure_text(result)
        for outcome in cases:
            case = ET.SubElement(suite, "testcase", classname=result.problem, name=outcome.title, time=f"{outcome.duration_s:.3f}")
            if outcome.outcome == "failed":
                first = result.first_failure is not None and result.first_failure.test == outcome.test
                text = _failure_text(result) if first else (outcome.verdict or "failed")
                ET.SubElement(case, _element(outcome.verdict), message=outcome.verdict or "failed", type=outcome.verdict or "failed").text = text
            elif outcome.outcome == "not_run":
                ET.SubElement(case, "skipped", message="not run after a resource limit was hit")
        if result.complexity:
            bench_s = result.complexity.get("duration_s") or 0.0  # how long the bench took, as CI reports show each case
            case = ET.SubElement(suite, "testcase", classname=result.problem, name=COMPLEXITY_CASE, time=f"{bench_s:.3f}")
            verdict = result.complexity.get("verdict")
            if verdict == FAIL:
                outcome = result.complexity.get("outcome") or TOO_SLOW
                ET.SubElement(case, "failure", message=outcome, type=outcome).text = "\n".join(complexity_lines(result.complexity))
            elif verdict == INCONCLUSIVE:  # no decision, never a pass: an error, as the run is undecided
                ET.SubElement(case, "error", message=UNDECIDED, type=UNDECIDED).text = "\n".join(complexity_lines(result.complexity))
    for problem in skipped:
        suite = ET.SubElement(suites, "testsuite", name=f"drill.{problem.slug}", tests="1", failures="0", skipped="1")
        case = ET.SubElement(suite, "testcase", classname=problem.slug, name="not attempted")
        ET.SubElement(case, "skipped", message=f"no {problem.file} in the workspace")
    # The counts are those of the testcase elements written (the complexity case included),
    # per suite and in total on <testsuites>.
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        cases = suite.findall("testcase")
        counts = {"tests": len(cases), "failures": sum(c.find("failure") is not None for c in cases),
                  "errors": sum(c.find("error") is not None for c in cases),
                  "skipped": sum(c.find("skipped") is not None for c in cases)}
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        suites.set(key, str(value))
    return suites
