"""`drill`: the command line. Click declarations and the wiring between the modules; the text
people read is built in harness/render/, the judging in harness/pipeline.py.

    app       the group, its options and errors, `main` (exit statuses), what every command shares
    browse    list, show
    practice  start, test, check, bench
    record    stats, next, hint, reveal, solution, export, history
    live      watch, mock
    maintain  doctor
    dev       the maintainers' group: dev verify, dev peers, dev mutants, dev mutation-table
              (and the old spellings `verify`, `bench --peers`, hidden)

Exit codes: 0 accepted, 1 judged and not accepted, 2 usage error (one line on stderr), 130 interrupted.
"""

from harness.cli import browse, dev, live, maintain, practice, record  # noqa: F401  (each registers its commands)
from harness.cli.app import cli, main

__all__ = ["cli", "main"]
