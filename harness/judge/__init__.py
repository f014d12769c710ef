"""The judge, on the trusted side of the sandbox.

    parent   drill's side: starts the suite runner, follows its events, builds the JudgeResult
    runner   the suite runner (a trusted child): pytest + Hypothesis + the hidden suite
    tryout   `drill run`: the cases' calls through the same proxies, from drill's process

Driving a worker (starting it, its channel, the proxies the suite calls) is harness/worker/; the
Redis servers are harness/services/redis/. What runs beside the candidate is harness/sandbox/
(standard library only).
"""

from harness.judge.parent import (
    JudgeError, PreparedRunner, SharedRunner, judge, judge_environment, now_iso, prepare_judge, show_redis_warnings_with, source_sha256,
)

__all__ = ["JudgeError", "PreparedRunner", "SharedRunner", "judge", "judge_environment", "now_iso", "prepare_judge",
           "show_redis_warnings_with", "source_sha256"]
