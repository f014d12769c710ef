"""What the hidden suites import (`from harness.testing import check, ...`): harness.authoring.testing.

Kept at this path so that problem folders never churn; it is the same module object.
"""

import sys

from harness.authoring import testing as _testing

sys.modules[__name__] = _testing
