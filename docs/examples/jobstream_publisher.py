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
same topic returns the first id and delivers nothing.

Run it:  python3 jobstream_publisher.py --redis redis://localhost:6379/0 --connection ID --user USER
"""
import argparse
import json
import time

import redis
from celery import Celery

KEY_PREFIX = "jobstream:"  # Redis:KeyPrefix of the JobStream instances


def _json(value):
    # ensure_ascii=False keeps "München" readable; JobStream re-writes the data compactly anyway.
    return json.dumps(value, ensure_ascii=False, default=str)


def _fcall(client, function, keys, args, once_key):
    """Calls one of JobStream's functions. After Redis restarted empty, the functions are back as soon
    as a JobStream instance reconnects; until then (at most a few seconds) this waits for them."""
    arguments = [*keys, *args] + ([once_key] if once_key is not None else [])
    for attempt in range(100):
        try:
            event_id = client.fcall(function, len(keys), *arguments)
            return event_id.decode() if isinstance(event_id, bytes) else event_id
        except redis.exceptions.ResponseError as error:
            if "Function not found" not in str(error) or attempt == 99:
                raise
            time.sleep(0.1)


def publish_event(client, connection_id, event, data, once_key=None):
    """Send one event to the client(s) on a stream connection; returns its id.
    Raises redis.exceptions.ResponseError ("NOCONNECTION ...") when the connection has expired."""
    keys = [f"{KEY_PREFIX}history:{connection_id}", f"{KEY_PREFIX}connection:{connection_id}", f"{KEY_PREFIX}once:{connection_id}"]
    return _fcall(client, "jobstream_publish", keys, [connection_id, event, _json(data)], once_key)


def publish_progress(client, user_id, progress, once_key=None):
    """Store a user's latest progress and send it to every open progress stream of that user; returns its id."""
    keys = [f"{KEY_PREFIX}progress:{user_id}", f"{KEY_PREFIX}progress-history:{user_id}", f"{KEY_PREFIX}progress-once:{user_id}"]
    return _fcall(client, "jobstream_progress", keys, [user_id, _json(progress)], once_key)


def broadcast(client, event, data, once_key=None):
    """Send one event to every /events client; returns its id."""
    keys = [f"{KEY_PREFIX}broadcast-history", f"{KEY_PREFIX}broadcast-once"]
    return _fcall(client, "jobstream_broadcast", keys, [event, _json(data)], once_key)


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
    parser.add_argument("--connection", required=True, help="a connection_id from GET /api/v1/stream")
    parser.add_argument("--user", required=True, help="the user whose progress streams get updates")
    args = parser.parse_args()

    client = redis.Redis.from_url(args.redis)
    publish_event(client, args.connection, "report.ready", {"title": "Weekly report", "city": "Zürich"})
    publish_progress(client, args.user, {"completed": 3, "total": 10, "status": "processing", "message": "Processing file 3 of 10..."})
    broadcast(client, "deploy", {"version": "1.2.3"})
    # .apply() runs the task here, as a worker would; in production call .delay() and run a worker.
    process_files.apply(args=(args.redis, args.user, args.connection, ["a.pdf", "b.pdf"])).get()
    print("published")


if __name__ == "__main__":
    main()
