"""Driving a worker, on the trusted side of the sandbox (what runs beside the candidate is
harness/sandbox/, standard library only).

    policy   what a worker may do: seccomp, bubblewrap, its limits; `drill doctor`'s rows
    process  a running worker: spawned with its rlimits, its CPU clock read from the kernel
    channel  the requests to it: framing, budgets, callbacks, how its end looks
    proxies  what a suite calls: the candidate's module, classes and objects; batches
    loading  start a worker and load the file: the one way the runner, `drill run` and the bench do it
"""
