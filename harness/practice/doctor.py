"""`drill doctor`: what a run needs beside the sandbox's protections (harness.worker.policy):
a Redis server drill can start, a Redis Cluster, a readable attempt log, and the optional
extras. Each check is one line: what was found, and how to fix it if it is not right."""

from __future__ import annotations

import importlib.util
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.practice import messages


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str | None = None  # one line, when not ok
    required: bool = True  # an optional extra that is missing fails nothing

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def redis_check() -> Check:
    """Start drill's own Redis server (as a judge run of a Redis problem does), ping it, stop it."""
    from harness.problems import catalogue
    from harness.services.redis.server import RedisUnavailable, redis_server

    name = messages.doctor_redis([p.slug for p in catalogue.problems() if "redis" in p.needs])
    started = time.perf_counter()
    try:
        with redis_server():
            pass
    except RedisUnavailable as exc:
        return Check(name, False, str(exc), messages.DOCTOR_REDIS_FIX)
    return Check(name, True, messages.doctor_started(time.perf_counter() - started))


def cluster_check() -> Check:
    """Start a private Redis Cluster of 3 masters (as `drill check rate_limiter` does), wait for it, stop it."""
    from harness.services.redis.cluster import redis_cluster
    from harness.services.redis.server import RedisUnavailable

    started = time.perf_counter()
    try:
        with redis_cluster(3):
            pass
    except (RedisUnavailable, OSError) as exc:
        return Check(messages.DOCTOR_CLUSTER, False, str(exc), messages.DOCTOR_REDIS_FIX)
    return Check(messages.DOCTOR_CLUSTER, True, messages.doctor_started(time.perf_counter() - started))


def log_check(workspace: Path, flag: str) -> Check:
    """Open the attempt log and decode every row; `flag` is the workspace option to repeat."""
    from harness.practice.store import Store, StoreError

    store = Store(workspace)
    try:
        rows = store.health()
    except StoreError as exc:
        return Check(messages.DOCTOR_LOG, False, str(exc).split(";")[0], messages.doctor_log_fix(flag))
    finally:
        store.close()
    if not store.path.exists():
        return Check(messages.DOCTOR_LOG, True, messages.doctor_no_log(store.path))
    return Check(messages.DOCTOR_LOG, True, messages.doctor_log_ok(store.path, rows))


# extra -> (the modules it brings, what needs it)
EXTRAS = {
    "plot": (("matplotlib",), "`drill bench --plot`"),
    "peers": (("cachetools", "networkx", "limits", "numpy", "uhashring"), "`drill dev peers` (maintainers)"),
}


def extra_check(extra: str) -> Check:
    modules, used_by = EXTRAS[extra]
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    name = messages.doctor_extra(extra)
    if missing:
        return Check(name, False, messages.doctor_extra_missing(missing, used_by), messages.doctor_extra_fix(extra), required=False)
    return Check(name, True, messages.doctor_extra_ok(used_by), required=False)


def checks(workspace: Path, flag: str) -> list[Check]:
    return [redis_check(), cluster_check(), log_check(workspace, flag), *(extra_check(e) for e in EXTRAS)]
