"""Distributed cache on a consistent-hash ring.
`drill show distributed_cache` prints the full statement.
"""

# (the statement's point(): MD5 of the UTF-8 bytes, first 4 bytes, big-endian)
import hashlib  # noqa: F401


class HashRing:
    def __init__(self, nodes, replicas: int = 100) -> None:
        """A ring with `replicas` virtual points per node name in `nodes`
        (a list or tuple of str).

        TypeError if replicas is not an int or nodes not a list or tuple of
        str; ValueError if replicas < 1 or a name is given twice."""
        raise NotImplementedError("HashRing.__init__")

    def add_node(self, name: str) -> None:
        """Put `name`'s points on the ring;
        TypeError if it is not a str, ValueError if it is already there.
        """
        raise NotImplementedError("HashRing.add_node")

    def remove_node(self, name: str) -> None:
        """Take all of `name`'s points off the ring;
        KeyError if it is not there.
        """
        raise NotImplementedError("HashRing.remove_node")

    def node_for(self, key: str) -> str:
        """The node owning `key`: the first point at or after point(key),
        wrapping; LookupError on an empty ring.
        """
        raise NotImplementedError("HashRing.node_for")


class ShardedCache:
    def __init__(self, ring: HashRing, clients) -> None:
        """`clients` maps each node name of `ring`
        to a redis.Redis client of that node.
        """
        raise NotImplementedError("ShardedCache.__init__")

    def get(self, key: str):
        """The value stored under `key` on its owner's node
        (bytes), or None.
        """
        raise NotImplementedError("ShardedCache.get")

    def set(self, key: str, value, ttl_s: float | None = None) -> None:
        """Store `value` under `key` on its owner's node;
        expire it after `ttl_s` seconds if given (ValueError if ttl_s <= 0).
        """
        raise NotImplementedError("ShardedCache.set")

    def delete(self, key: str) -> bool:
        """Delete `key` from its owner's node; True if it was there."""
        raise NotImplementedError("ShardedCache.delete")

    def add_node(self, name: str, client) -> None:
        """Add a node to the ring (and its client);
        TypeError if `name` is not a str, ValueError if it is already there.
        """
        raise NotImplementedError("ShardedCache.add_node")

    def remove_node(self, name: str) -> None:
        """Remove a node from the ring (and its client);
        KeyError if it is not there.
        """
        raise NotImplementedError("ShardedCache.remove_node")
