"""Groundwork for the rate limiter on Redis Cluster (issue 18): a private 3-master cluster from
the embedded redis-server, how long it takes to reach `cluster_state:ok`, and what a CROSSSLOT
script looks like from redis-py. Not used by the judge yet.

    python benchmarks/cluster_startup.py

Notes for the judge: the cluster bus needs TCP (loopback ports); CLUSTER SLOTS and MOVED name
host:port pairs, so a sandboxed worker (no network) needs them rewritten to sockets it can
reach, e.g. by redis_guard.
"""
import os, socket, subprocess, tempfile, time
import redis
from harness.redis_server import find_server

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

exe = find_server()
print(subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip())
t0 = time.perf_counter()
tmp = tempfile.mkdtemp(prefix="drill-cluster-")
ports = [free_port() for _ in range(3)]
procs = []
for p in ports:
    d = os.path.join(tmp, str(p)); os.mkdir(d)
    procs.append(subprocess.Popen([exe, "--port", str(p), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
        "--cluster-config-file", os.path.join(d, "nodes.conf"), "--dir", d, "--save", "", "--appendonly", "no",
        "--unixsocket", os.path.join(d, "redis.sock"), "--unixsocketperm", "700"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
clients = [redis.Redis(port=p) for p in ports]
for c in clients:
    for _ in range(200):
        try: c.ping(); break
        except redis.ConnectionError: time.sleep(0.01)
t1 = time.perf_counter()
per = 16384 // 3
for i, c in enumerate(clients):
    lo, hi = i * per, (16384 if i == 2 else (i + 1) * per)
    c.execute_command("CLUSTER", "ADDSLOTS", *range(lo, hi))
for c in clients[1:]:
    c.execute_command("CLUSTER", "MEET", "127.0.0.1", ports[0])
deadline = time.time() + 15
while time.time() < deadline:
    infos = [c.execute_command("CLUSTER", "INFO") for c in clients]
    if all(b"cluster_state:ok" in (i if isinstance(i, bytes) else i.encode()) for i in infos): break
    time.sleep(0.01)
else:
    print([i[:200] for i in infos]); raise SystemExit(1)
t2 = time.perf_counter()
from redis.cluster import RedisCluster
rc = RedisCluster(host="127.0.0.1", port=ports[0])
rc.set("{user:1}:log", 1); rc.set("{user:1}:seq", 2)
try:
    rc.eval("return redis.call('mget', KEYS[1], KEYS[2])", 2, "a", "b")
except Exception as e:
    print("cross-slot:", type(e).__name__, str(e)[:80])
print(rc.eval("return redis.call('mget', KEYS[1], KEYS[2])", 2, "{user:1}:log", "{user:1}:seq"))
print(f"servers up {t1-t0:.2f} s, cluster ok {t2-t0:.2f} s")
for p in procs: p.kill()
