"""Redis for the problems judged against one (trusted side).

    server   a private redis-server (or the user's, --redis-url)
    guard    the candidate's only way in: a filtering unix socket per server or node
    cluster  a private 3-master Redis Cluster, for the problems with a cluster stage
    env      RedisEnv: one judged file's servers, built once and handed to the tests and the bench
"""
