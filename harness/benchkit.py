"""What benchmark specs import (`from harness.benchkit import Family, ...`).

The spec runs inside the candidate's worker, where only harness/sandbox/ exists, so the
code lives in harness.sandbox.benchkit; this name keeps the authors' import path.
"""

from harness.sandbox.benchkit import *  # noqa: F403
from harness.sandbox.benchkit import Answers, Counter, CountingFloat, CountingInt, CountingStr, Family, counting_redis, redis_server_time, redis_url, redis_urls  # noqa: F401
