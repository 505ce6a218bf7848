"""Publish events to JobStream clients from any Python process, through Redis.

The contract (docs/redis-contract.md): JobStream loads a Redis Function library, "jobstream", into
its Redis; a producer calls it with FCALL. Each call checks the event, appends it to its topic's
capped history and publishes it with the new id, in one atomic step, so a client that reconnects
with Last-Event-ID, on any instance, gets it exactly once and in order:
  * an event for one stream connection: FCALL jobstream_publish 3 <history> <connection> <once>
        {connection_id} {event} {data JSON} [{once key}]
  * a user's progress (also kept as the latest, read by GET /api/v1/sse/progress/status/{user_id}):
        FCALL jobstream_progress 3 <latest> <history> <once> {user_id} {data JSON} [{once key}]
  * an event for every /events client: FCALL jobstream_broadcast 2 <history> <once> {event} {data JSON} [{once key}]
Each returns the event's id. A once key makes a retry safe: publishing the same key again on the
same topic returns the first id and delivers nothing. The keys of a topic share a hash tag, its
channel's name in braces (keys() below), so the same calls work on a Redis Cluster through
redis-py's RedisCluster, which sends each to the shard that holds the topic.

Redis replicates asynchronously: a primary that crashes right after answering may not have passed the
event to its replica yet. replicas=1 makes a call wait (WAIT) until one replica has it, and raise
otherwise, so an event the producer was told was published survives a failover.

Run it:  python3 jobstream_publisher.py --redis redis://localhost:6379/0 --connection ID --user USER
         python3 jobstream_publisher.py --cluster --redis redis://localhost:7000 --connection ID --user USER
         python3 jobstream_publisher.py --redis redis+sentinel://localhost:26379/mymaster --connection ID --user USER
         python3 jobstream_publisher.py --keys --connection ID --user USER   (prints the key names)
"""
import argparse
import json
import time

import redis
import redis.cluster
import redis.sentinel
from celery import Celery

if tuple(int(part) for part in redis.__version__.split(".")[:2]) < (4, 4):
    # redis-py before 4.4 (Debian 12 has 4.3.4) deep-copies a RedisCluster's connection settings when it
    # reconnects to a node after a failover, settings that hold a method of the client itself, and fails
    # ("cannot pickle '_thread.lock' object"). A shallow copy is what that code needs.
    import types
    redis.cluster.copy = types.SimpleNamespace(deepcopy=dict)

KEY_PREFIX = "jobstream:"  # Redis:KeyPrefix of the JobStream instances
WAIT_TIMEOUT_MS = 1000


def keys(kind, name=""):
    """The key names of a topic, as the JobStream instances name them (HubFunctions): its channel's name
    ("stream:{connection_id}", "progress:{user_id}", "broadcast") in braces is their hash tag."""
    channel = {"connection": f"stream:{name}", "progress": f"progress:{name}", "broadcast": "broadcast"}[kind]
    tag = f"{KEY_PREFIX}{{{channel}}}"
    return {"connection": f"{tag}:connection", "latest": f"{tag}:latest", "history": f"{tag}:history", "once": f"{tag}:once"}


def _json(value):
    # ensure_ascii=False keeps "München" readable; JobStream re-writes the data compactly anyway.
    return json.dumps(value, ensure_ascii=False, default=str)


def _fcall(client, function, keys, args, once_key, replicas):
    """Calls one of JobStream's functions. After Redis restarted empty, the functions are back as soon
    as a JobStream instance reconnects; until then (at most a few seconds) this waits for them. With
    replicas > 0, waits until that many replicas have the event, and raises if they do not in time."""
    arguments = [*keys, *args] + ([once_key] if once_key is not None else [])
    for attempt in range(100):
        try:
            event_id = client.fcall(function, len(keys), *arguments)
            break
        except redis.exceptions.ResponseError as error:
            if "Function not found" not in str(error) or attempt == 99:
                raise
            time.sleep(0.1)
    if replicas > 0:
        if isinstance(client, redis.cluster.RedisCluster):
            # WAIT on the connection of the shard that ran the call: the one holding its keys.
            node = client.get_node_from_key(keys[0])
            acknowledged = client.execute_command("WAIT", replicas, WAIT_TIMEOUT_MS, target_nodes=node)
        else:
            acknowledged = client.execute_command("WAIT", replicas, WAIT_TIMEOUT_MS)
        if int(acknowledged) < replicas:
            raise redis.exceptions.TimeoutError(f"only {acknowledged} of {replicas} replicas have the event after {WAIT_TIMEOUT_MS} ms")
    return event_id.decode() if isinstance(event_id, bytes) else event_id


def publish_event(client, connection_id, event, data, once_key=None, replicas=0):
    """Send one event to the client(s) on a stream connection; returns its id.
    Raises redis.exceptions.ResponseError ("NOCONNECTION ...") when the connection has expired."""
    k = keys("connection", connection_id)
    return _fcall(client, "jobstream_publish", [k["history"], k["connection"], k["once"]], [connection_id, event, _json(data)], once_key, replicas)


def publish_progress(client, user_id, progress, once_key=None, replicas=0):
    """Store a user's latest progress and send it to every open progress stream of that user; returns its id."""
    k = keys("progress", user_id)
    return _fcall(client, "jobstream_progress", [k["latest"], k["history"], k["once"]], [user_id, _json(progress)], once_key, replicas)


def broadcast(client, event, data, once_key=None, replicas=0):
    """Send one event to every /events client; returns its id."""
    k = keys("broadcast")
    return _fcall(client, "jobstream_broadcast", [k["history"], k["once"]], [event, _json(data)], once_key, replicas)


def connect(url, cluster=False):
    """A client for one Redis server ("redis://host:6379/0"); for a Redis Cluster (cluster=True, the URL of
    any node); or for the primary that Sentinel names ("redis+sentinel://host:26379,host:26380/service"),
    which follows a failover to the replica it promotes."""
    if url.startswith("redis+sentinel://"):
        hosts, _, service = url[len("redis+sentinel://"):].partition("/")
        sentinels = [(host.rsplit(":", 1)[0], int(host.rsplit(":", 1)[1])) for host in hosts.split(",")]
        return redis.sentinel.Sentinel(sentinels, socket_timeout=2).master_for(service, socket_timeout=2)
    return redis.cluster.RedisCluster.from_url(url) if cluster else redis.Redis.from_url(url)


# A Celery task reporting its progress the same way. The broker is yours; JobStream needs only Redis.
app = Celery("jobstream_example")


@app.task(bind=True, autoretry_for=(redis.exceptions.ConnectionError,), retry_backoff=True, max_retries=5)
def process_files(self, redis_url, user_id, connection_id, files):
    client = redis.Redis.from_url(redis_url)
    # Once keys named after the task: when Celery retries the task, what its client already has is
    # not sent again.
    task = self.request.id or "local"
    for done, name in enumerate(files, start=1):
        # ... the real work on `name` goes here ...
        publish_progress(client, user_id, {
            "completed": done, "total": len(files), "status": "processing",
            "message": f"Processing file {done} of {len(files)}...", "file": name,
        }, once_key=f"{task}:file:{done}")
    publish_progress(client, user_id, {
        "completed": len(files), "total": len(files), "status": "completed",
        "message": "All files processed successfully!", "successful_files": len(files), "failed_files": 0,
    }, once_key=f"{task}:completed")
    publish_event(client, connection_id, "files.done", {"files": files}, once_key=f"{task}:done")
    return len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default="redis://localhost:6379/0")
    parser.add_argument("--cluster", action="store_true", help="the URL names a node of a Redis Cluster")
    parser.add_argument("--keys", action="store_true", help="print the key names of the topics as JSON and stop")
    parser.add_argument("--connection", required=True, help="a connection_id from GET /api/v1/stream")
    parser.add_argument("--user", required=True, help="the user whose progress streams get updates")
    args = parser.parse_args()

    if args.keys:
        print(json.dumps({"connection": keys("connection", args.connection), "progress": keys("progress", args.user), "broadcast": keys("broadcast")}))
        return
    client = connect(args.redis, args.cluster)
    publish_event(client, args.connection, "report.ready", {"title": "Weekly report", "city": "Zürich"})
    publish_progress(client, args.user, {"completed": 3, "total": 10, "status": "processing", "message": "Processing file 3 of 10..."})
    broadcast(client, "deploy", {"version": "1.2.3"})
    # .apply() runs the task here, as a worker would; in production call .delay() and run a worker.
    process_files.apply(args=(args.redis, args.user, args.connection, ["a.pdf", "b.pdf"])).get()
    print("published")


if __name__ == "__main__":
    main()
