"""Distributed cache: a node fails.
`drill show distributed_cache_node_fails` prints the full statement
(the ring is the base problem's: `drill show distributed_cache`)."""

# (the statement's point(): MD5 of the UTF-8 bytes, first 4 bytes, big-endian)
import hashlib  # noqa: F401

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

TIMEOUT_S = 0.2


def bounded(client: redis.Redis) -> redis.Redis:
    """The same server as `client`;
    every call gives up after TIMEOUT_S and is never retried.
    """
    pool = client.connection_pool
    kwargs = {**pool.connection_kwargs, "socket_timeout": TIMEOUT_S,
              "socket_connect_timeout": TIMEOUT_S,
              "retry": Retry(NoBackoff(), 0)}
    return redis.Redis(connection_pool=redis.ConnectionPool(
        connection_class=pool.connection_class, **kwargs))


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
        to a redis.Redis client of that node
        (keep bounded(client) of each).
        """
        raise NotImplementedError("ShardedCache.__init__")

    def get(self, key: str):
        """The value stored under `key` on its owner's node (bytes), or None;
        None if that node is down.
        """
        raise NotImplementedError("ShardedCache.get")

    def set(self, key: str, value, ttl_s: float | None = None) -> bool:
        """Store `value` under `key` on its owner's node
        (expiring after `ttl_s` seconds if given; ValueError if ttl_s <= 0):
        True; False if that node is down.
        """
        raise NotImplementedError("ShardedCache.set")

    def delete(self, key: str) -> bool:
        """Delete `key` from its owner's node; True if it was there;
        False if not, or if that node is down.
        """
        raise NotImplementedError("ShardedCache.delete")

    def add_node(self, name: str, client) -> None:
        """Add a node to the ring (and bounded(client));
        TypeError if `name` is not a str, ValueError if it is already there.
        """
        raise NotImplementedError("ShardedCache.add_node")

    def remove_node(self, name: str) -> None:
        """Remove a node from the ring (and its client);
        KeyError if it is not there.
        """
        raise NotImplementedError("ShardedCache.remove_node")
