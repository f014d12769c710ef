"""The judge, on the trusted side of the sandbox.

    parent   drill's side: starts the suite runner, follows its events, builds the JudgeResult
    runner   the suite runner (a trusted child): pytest + Hypothesis + the hidden suite
    remote   the runner's channel to a worker, and the proxies the suite calls
    launch   starting a worker: bubblewrap, seccomp, limits, its CPU clock read from outside

What runs beside the candidate is harness/sandbox/ (standard library only).
"""

from harness.judge.parent import JudgeError, PreparedRunner, SharedRunner, judge, judge_environment, now_iso, prepare_judge, source_sha256

__all__ = ["JudgeError", "PreparedRunner", "SharedRunner", "judge", "judge_environment", "now_iso", "prepare_judge", "source_sha256"]
