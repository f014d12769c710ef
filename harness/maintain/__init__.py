"""The maintainers' tools, on the trusted side of the sandbox: `drill verify`, the peer
comparison and mutation testing, the proof that the kit judges right and fast. The modules are
in CONTRIBUTING.md's map.
"""
