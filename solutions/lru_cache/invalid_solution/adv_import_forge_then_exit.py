"""Attack class 1/7 (fake a pass at import): forge a finished run, then exit with status 0.

At import, before the judge has run a single test, it writes to fds 0-255 a complete fake run:
one "passed" record for each test name it guesses from the statement (test_statement_example,
test_large_input_within_time_limit, ...), a summary {"passed": 12, "failed": 0, "verdict":
"accepted"}, the pytest banner, and flushes stdout; then it calls os._exit(0). A judge that
trusts the worker's exit status, or its last words, would accept.

Correct verdict: invalid_solution: the solution's module never finished importing (the process
ended during the import), so there is nothing to test.
"""

import json
import os

_names = ["test_statement_example", "test_capacity_below_one_raises", "test_get_on_empty_cache",
          "test_capacity_one", "test_update_at_capacity_evicts_nothing", "test_get_refreshes_recency",
          "test_random_sequences_against_model", "test_large_input_within_time_limit"]
_lines = [json.dumps({"event": "result", "test": n, "outcome": "passed"}) for n in _names]
_lines.append(json.dumps({"event": "done", "passed": len(_names), "failed": 0, "verdict": "accepted"}))
_lines.append("=" * 20 + f" {len(_names)} passed in 0.42s " + "=" * 20)
_blob = ("\n".join(_lines) + "\n").encode()
for fd in range(256):
    try:
        os.write(fd, _blob)
    except OSError:
        pass
os._exit(0)


class LRUCache:  # never reached
    pass
