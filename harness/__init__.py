"""drill's harness: one idea per module.

Data flows one way: cli -> catalogue / judge / bench -> store. Nothing imports the CLI.

    catalogue    problem metadata (problems/<slug>/problem.toml) and where each problem's files are
    judge        runs a solution's hidden suite in an isolated child process; returns a JudgeResult
    child        the judged side of that: loads the solution, checks the contract, runs pytest
    limits       time limits inside the child
    clock        the one place that reads the wall clock (tests drive it)
    testing      helpers the hidden suites in tests/<slug>/ are written with
    verdicts     the verdicts and the JudgeResult dataclasses (what --json prints)
    bench        `drill bench`: growth against the reference, in a child process
    benchkit     helpers the benchmark specs in benchmarks/<slug>/ are written with
    complexity   turns measurements into pass / fail / inconclusive, with the report
    store        the attempt log (SQLite in the workspace)
    progress     stats, help used, and the spaced-repetition schedule, from the log
    watch, mock  re-judging on save, and timed mock interviews
    review       interview notes after an accept
    peers        references against peer libraries (maintainers)
    verify       `drill verify`: every known solution gets its marked verdict
    redis_server a private redis-server for problems judged against Redis
    render, junit, cli   what the user reads, and the Click commands
"""
