"""Publish events to JobStream clients from any Python process, through Redis.

The contract (docs/redis-contract.md):
  * an event for one stream connection: PUBLISH stream:{connection_id} {"event": name, "data": ...}
  * a user's progress: SET jobstream:progress:{user_id} <json> (the latest, read by
    GET /api/v1/sse/progress/status/{user_id}), then PUBLISH progress:{user_id}
    {"event": "progress", "data": <json>}
  * an event for every /events client: PUBLISH broadcast {"event": name, "data": ...}

Run it:  python3 jobstream_publisher.py --redis redis://localhost:6379/0 --connection ID --user USER
"""
import argparse
import json

import redis
from celery import Celery

KEY_PREFIX = "jobstream:"
PROGRESS_TTL_SECONDS = 24 * 3600


def _payload(event, data):
    # ensure_ascii=False keeps "München" readable; JobStream re-writes the data compactly anyway.
    return json.dumps({"event": event, "data": data}, ensure_ascii=False, default=str)


def publish_event(client, connection_id, event, data):
    """Send one event to the client(s) on a stream connection; returns how many API instances got it."""
    return client.publish(f"stream:{connection_id}", _payload(event, data))


def publish_progress(client, user_id, progress):
    """Store a user's latest progress and send it to every open progress stream of that user."""
    document = json.dumps(progress, ensure_ascii=False, default=str)
    pipe = client.pipeline(transaction=True)  # MULTI/EXEC: the latest and the update never disagree
    pipe.set(f"{KEY_PREFIX}progress:{user_id}", document, ex=PROGRESS_TTL_SECONDS)
    pipe.publish(f"progress:{user_id}", f'{{"event":"progress","data":{document}}}')
    pipe.execute()


def broadcast(client, event, data):
    """Send one event to every /events client."""
    return client.publish("broadcast", _payload(event, data))


# A Celery task reporting its progress the same way. The broker is yours; JobStream needs only Redis.
app = Celery("jobstream_example")


@app.task(bind=True)
def process_files(self, redis_url, user_id, connection_id, files):
    client = redis.Redis.from_url(redis_url)
    for done, name in enumerate(files, start=1):
        # ... the real work on `name` goes here ...
        publish_progress(client, user_id, {
            "completed": done, "total": len(files), "status": "processing",
            "message": f"Processing file {done} of {len(files)}...", "file": name,
        })
    publish_progress(client, user_id, {
        "completed": len(files), "total": len(files), "status": "completed",
        "message": "All files processed successfully!", "successful_files": len(files), "failed_files": 0,
    })
    publish_event(client, connection_id, "files.done", {"files": files})
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
