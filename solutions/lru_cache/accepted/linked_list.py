"""Reference: a dict from key to node plus a doubly linked list in recency order.

get and put are one dict lookup and a constant number of pointer changes: O(1) average,
O(capacity) memory. A sentinel node closes the list into a ring, so there are no special
cases at the ends: head.next is the most recently used key, head.prev the least.

Written for speed as well as clarity: the list operations are inlined (a method call
costs as much as the pointer changes themselves) and an evicted node is reused for the
new key. Measured against functools.lru_cache (C) and cachetools (pure Python) by
`drill dev peers`.
"""
class _Node:
    __slots__ = ("key", "value", "prev", "next")

class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.nodes = {}
        head = self.head = _Node()
        head.prev = head.next = head

    def get(self, key):
        node = self.nodes.get(key)
        if node is None:
            return -1
        head = self.head
        if head.next is not node:
            node.prev.next = node.next
            node.next.prev = node.prev
            first = head.next
            node.prev = head
            node.next = first
            first.prev = node
            head.next = node
        return node.value

    def put(self, key, value) -> None:
        nodes = self.nodes
        head = self.head
        node = nodes.get(key)
        if node is not None:
            node.value = value
            if head.next is node:
                return
            node.prev.next = node.next
            node.next.prev = node.prev
        elif len(nodes) == self.capacity:
            # Reuse the evicted node: no allocation on the hot path.
            node = head.prev
            node.prev.next = head
            head.prev = node.prev
            del nodes[node.key]
            node.key = key
            node.value = value
            nodes[key] = node
        else:
            node = _Node()
            node.key = key
            node.value = value
            nodes[key] = node
        first = head.next
        node.prev = head
        node.next = first
        first.prev = node
        head.next = node
