"""drill's harness. The map of the package, and which side of the sandbox each part runs on,
is in CONTRIBUTING.md. In short: only harness/sandbox/ runs beside a candidate's code; the
rest is trusted and never imports, calls or unpickles anything of the candidate's.

Data flows one way: cli -> pipeline -> judge / bench -> (sandbox.protocol) ; render reads plain
data; nothing imports the CLI.
"""
