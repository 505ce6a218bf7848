import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStream, type StreamEvent, type StreamState } from "./stream";
import { FakeEventSource } from "./testing";

describe("openStream over EventSource", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const open = (url = "/api/v1/scraping/trigger/stream?domains=a") => {
    const events: StreamEvent[] = [];
    const states: StreamState[] = [];
    const handle = openStream(
      { url, eventNames: ["run", "result", "completed"] },
      { onEvent: (e) => events.push(e), onState: (s) => states.push(s) },
      { eventSource: FakeEventSource as unknown as typeof EventSource, initialDelayMs: 100 },
    );
    return { events, states, handle };
  };

  it("delivers named and unnamed events with their JSON parsed and their ids", () => {
    const { events, states } = open();
    FakeEventSource.last.open();
    FakeEventSource.last.emit("run", { run_id: "r1", resumed: false }, "r1/0-0");
    FakeEventSource.last.emit("message", { domain: "a" }, "r1/1-0");

    expect(states).toEqual(["connecting", "connected"]);
    expect(events).toEqual([
      { event: "run", data: { run_id: "r1", resumed: false }, id: "r1/0-0" },
      { event: "message", data: { domain: "a" }, id: "r1/1-0" },
    ]);
  });

  it("closes cleanly on the terminal event, as finished", () => {
    const { states } = open();
    FakeEventSource.last.open();
    FakeEventSource.last.emit("completed", { total: 1 }, "r1/2-0");

    expect(states.at(-1)).toBe("finished");
    expect(FakeEventSource.last.readyState).toBe(FakeEventSource.CLOSED);
  });

  it("shows reconnecting while EventSource comes back by itself", () => {
    const { states } = open();
    FakeEventSource.last.open();
    FakeEventSource.last.fail(false);
    expect(states.at(-1)).toBe("reconnecting");
    FakeEventSource.last.open();
    expect(states.at(-1)).toBe("connected");
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("comes back on its own with the last id when EventSource gives up, after a growing delay", () => {
    const { handle } = open();
    FakeEventSource.last.open();
    FakeEventSource.last.emit("result", { domain: "a" }, "r1/5-0");
    FakeEventSource.last.fail(true);

    vi.advanceTimersByTime(99);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.last.url).toBe("/api/v1/scraping/trigger/stream?domains=a&last_event_id=r1%2F5-0");

    FakeEventSource.last.fail(true);
    vi.advanceTimersByTime(199);
    expect(FakeEventSource.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(3);
    expect(handle.lastEventId).toBe("r1/5-0");
  });

  it("fails, saying why, when the server cannot be reached again", () => {
    const states: [StreamState, string | undefined][] = [];
    openStream(
      { url: "/events" },
      { onEvent: () => {}, onState: (state, reason) => states.push([state, reason]) },
      { eventSource: FakeEventSource as unknown as typeof EventSource, initialDelayMs: 100, maxAttempts: 2 },
    );
    for (let attempt = 0; attempt < 3; attempt++) {
      FakeEventSource.last.fail(true);
      vi.advanceTimersByTime(10_000);
    }

    expect(FakeEventSource.instances).toHaveLength(3);
    expect(states.at(-1)).toEqual(["failed", "The server could not be reached in 2 attempts."]);
  });

  it("stops for good when closed", () => {
    const { handle, states } = open();
    handle.close();
    FakeEventSource.last.fail(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(states.at(-1)).toBe("closed");
  });
});

describe("openStream over fetch (POST)", () => {
  const body = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });

  it("reads the stream, and after a break comes back with the Last-Event-ID header until the end", async () => {
    const calls: RequestInit[] = [];
    const answers = [
      new Response(body('id: r1/0-0\nretry: 3000\n\nid: r1/1-0\ndata: {"domain":"a"}\n\n'), { status: 200 }),
      new Response(null, { status: 204 }),
    ];
    const fetchFake = vi.fn((_url: string, init: RequestInit) => {
      calls.push(init);
      return Promise.resolve(answers.shift()!);
    });
    const events: StreamEvent[] = [];
    const states: StreamState[] = [];

    openStream(
      { url: "/scrape/stream", method: "POST", body: { domains: ["a", "b"] } },
      { onEvent: (e) => events.push(e), onState: (s) => states.push(s) },
      { fetch: fetchFake as unknown as typeof fetch, initialDelayMs: 1 },
    );
    await vi.waitFor(() => expect(states.at(-1)).toBe("finished"));

    expect(events).toEqual([{ event: "message", data: { domain: "a" }, id: "r1/1-0" }]);
    expect(calls[0].body).toBe('{"domains":["a","b"]}');
    expect((calls[1].headers as Record<string, string>)["Last-Event-ID"]).toBe("r1/1-0");
    expect(states).toEqual(["connecting", "connected", "reconnecting", "finished"]);
  });
});
