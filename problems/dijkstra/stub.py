"""Dijkstra's shortest paths.
`drill show dijkstra` prints the full statement.
"""


def shortest_paths(graph, source):
    """Return {node: distance} for every node reachable from source
    (source maps to 0).
    """
    raise NotImplementedError("shortest_paths")


def shortest_path(graph, source, target):
    """Return (distance, [source, ..., target]) for one shortest path,
    or None if target is unreachable.
    """
    raise NotImplementedError("shortest_path")
