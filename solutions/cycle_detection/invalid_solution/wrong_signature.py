"""Mistake: takes a node list and an edge list instead of the contract's single graph dict."""


def find_cycle(nodes, edges):
    return None
