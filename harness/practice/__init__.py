"""The practice state, on the trusted side of the sandbox: the attempt log and what is read from
it (progress, past code, interview notes), re-judging on save and mock interviews. The modules
are in CONTRIBUTING.md's map.
"""
