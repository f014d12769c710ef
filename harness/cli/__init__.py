"""`drill`: the command line. Click declarations and the wiring between the modules; the text
people read is built in harness/render/, the judging in harness/pipeline.py.

    app       the group, its options and errors, `main` (exit statuses), what every command shares
    browse    list, show
    practice  start, test, run, check, bench
    record    stats, next, hint, reveal, solution, export, history
    live      watch, mock
    maintain  doctor
    dev       the maintainers' group: dev verify, dev peers, dev mutants, dev mutation-table
              (and the old spellings `verify`, `bench --peers`, hidden)

Exit codes: 0 accepted, 1 judged and not accepted, 2 usage error (one line on stderr), 130 interrupted.
"""

from harness.cli import browse, dev, live, maintain, practice, record  # noqa: F401  (each registers its commands)
from harness.cli.app import cli, main

# `drill --help`'s one line per command, short enough to show whole at 80 columns (click cuts a
# docstring's first sentence with "..."); each command's own --help has the full text.
SHORT_HELP = {
    "bench": "How your solution's running time grows against the reference",
    "check": "The hidden tests, then the complexity check (or --all)",
    "dev": "For the kit's maintainers: verify, peers, mutants",
    "doctor": "What a run needs on this machine, each with its fix",
    "export": "The attempt log: every run (csv), or everything (json)",
    "hint": "The next hint of the problem's ladder",
    "history": "Every judged run; --show N, --diff N M",
    "list": "The problems and where you stand on each",
    "mock": "A timed mock interview on problems you have not solved",
    "next": "What to practise now",
    "reveal": "The failing hidden case of your latest failing run",
    "run": "The statement's examples and your own cases, not judged",
    "show": "A problem's statement",
    "solution": "The reference and the other accepted approaches",
    "start": "Copy a problem's stub into the workspace, start the clock",
    "stats": "Your progress per problem, and your activity per day",
    "test": "The hidden tests against your solution",
    "watch": "Judge your solution every time you save it",
}
for _name, _text in SHORT_HELP.items():
    cli.commands[_name].short_help = _text

__all__ = ["cli", "main"]
