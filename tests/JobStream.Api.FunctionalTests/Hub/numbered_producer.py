"""Publishes numbered events to one connection through docs/examples/jobstream_publisher.py, as an
outside producer would, for the delivery tests. Each event's once key is its number: a publish retried
after a Redis error (the producer was not told it was published) is never delivered twice."""
import argparse
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--examples", required=True, help="docs/examples, where jobstream_publisher.py is")
parser.add_argument("--redis", required=True)
parser.add_argument("--connection", required=True)
parser.add_argument("--count", type=int, required=True)
parser.add_argument("--per-second", type=float, required=True)
args = parser.parse_args()

sys.path.insert(0, args.examples)
import redis  # noqa: E402
import jobstream_publisher  # noqa: E402

client = redis.Redis.from_url(args.redis, socket_timeout=5, socket_connect_timeout=1)
retries = 0
start = time.monotonic()
for n in range(args.count):
    while True:
        try:
            jobstream_publisher.publish_event(client, args.connection, "numbered", {"n": n}, once_key=f"n{n}")
            break
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, redis.exceptions.BusyLoadingError):
            retries += 1
            time.sleep(0.05)
    delay = start + (n + 1) / args.per_second - time.monotonic()
    if delay > 0:
        time.sleep(delay)
print(f"published {args.count} events, {retries} retries")
