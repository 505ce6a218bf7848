"""Publishes numbered events to one connection through docs/examples/jobstream_publisher.py, as an
outside producer would, for the delivery tests. Each event's once key is its number: a publish retried
after a Redis error (the producer was not told it was published) is never delivered twice."""
import argparse
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--examples", required=True, help="docs/examples, where jobstream_publisher.py is")
parser.add_argument("--redis", required=True, help="a URL; with --cluster, host:port of the cluster's nodes, comma-separated")
parser.add_argument("--connection", required=True, help="the connection; with --kind progress, the user")
parser.add_argument("--kind", choices=["connection", "progress", "broadcast"], default="connection")
parser.add_argument("--count", type=int, required=True)
parser.add_argument("--per-second", type=float, required=True)
parser.add_argument("--cluster", action="store_true", help="--redis names a node of a Redis Cluster")
parser.add_argument("--replicas", type=int, default=0, help="wait until this many replicas have each event")
parser.add_argument("--acks", action="store_true", help="print \"acked N\" once event N is published (and on the replicas asked for)")
parser.add_argument("--start", type=int, default=0, help="the first number to publish (a producer started again after the last one it was told of)")
args = parser.parse_args()

sys.path.insert(0, args.examples)
import redis  # noqa: E402
import jobstream_publisher  # noqa: E402

import redis.cluster  # noqa: E402


def cluster_client():
    # Through the first node that answers: redis-py 4.3 gives up on the first startup node that does not.
    for node in args.redis.split(","):
        host, port = node.rsplit(":", 1)
        try:
            return redis.cluster.RedisCluster(host=host, port=int(port), socket_timeout=2, socket_connect_timeout=1)
        except (redis.exceptions.RedisError, redis.exceptions.RedisClusterException, OSError):
            # RedisClusterException ("cannot be connected") is no RedisError: a dead node raises it.
            continue
    raise redis.exceptions.ConnectionError("no node of the cluster answers")


if args.cluster:
    client = cluster_client()
elif args.redis.startswith("redis+sentinel://"):
    client = jobstream_publisher.connect(args.redis)
else:
    client = redis.Redis.from_url(args.redis, socket_timeout=5, socket_connect_timeout=1)
# What a failover or a restart answers meanwhile; the call is retried with the same once key.
transient = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, redis.exceptions.BusyLoadingError,
             redis.exceptions.ClusterError, redis.exceptions.ClusterDownError, redis.exceptions.TryAgainError,
             redis.exceptions.ReadOnlyError, redis.exceptions.RedisClusterException)
retries = 0
start = time.monotonic()
for n in range(args.start, args.count):
    while True:
        try:
            if args.kind == "progress":
                jobstream_publisher.publish_progress(client, args.connection, {"n": n}, once_key=f"n{n}", replicas=args.replicas)
            elif args.kind == "broadcast":
                jobstream_publisher.broadcast(client, "numbered", {"n": n}, once_key=f"{args.connection}:n{n}", replicas=args.replicas)
            else:
                jobstream_publisher.publish_event(client, args.connection, "numbered", {"n": n}, once_key=f"n{n}", replicas=args.replicas)
            break
        except transient as error:
            if retries < 50:
                print(f"event {n}: {type(error).__name__}: {error}", flush=True)
            retries += 1
            if args.cluster:
                # redis-py 4.3's RedisCluster keeps sending a slot's commands to its primary after that
                # primary died, even when asked to read the cluster's shape again: a new client, made
                # through a node that answers, reads where the slots are now.
                try:
                    client.close()
                    client = cluster_client()
                except (redis.exceptions.RedisError, redis.exceptions.RedisClusterException, OSError):
                    pass
            time.sleep(0.05)
    if args.acks:
        print(f"acked {n}", flush=True)
    delay = start + (n + 1 - args.start) / args.per_second - time.monotonic()
    if delay > 0:
        time.sleep(delay)
print(f"published {args.count - args.start} events, {retries} retries")
