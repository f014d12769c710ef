"""Detect cycles in a directed graph.
`drill show cycle_detection` prints the full statement.
"""


def find_cycle(graph) -> list | None:
    """Return a cycle [v0, v1, ..., vm] (edges v0->v1, ..., vm->v0) of the
    directed graph, or None if it is acyclic.

    graph maps each node to an iterable of its successors; a node that appears
    only as a successor is a node too.
    """
    raise NotImplementedError("find_cycle")
