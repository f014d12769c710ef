"""The problem catalogue and what a problem holds (problem.toml, its files, `drill run`'s cases),
on the trusted side of the sandbox. Nothing here names a problem: adding one means adding
folders. The modules are in CONTRIBUTING.md's map.
"""
