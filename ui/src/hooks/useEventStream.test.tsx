import { act, renderHook } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { EventOf } from "../client/events";
import { FakeEventSource } from "../client/testing";
import { useEventStream } from "./useEventStream";

describe("useEventStream", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
  });
  const options = { eventSource: FakeEventSource as unknown as typeof EventSource };

  it("opens the stream, listens for its kind's events, reports its state and hands over each event typed", () => {
    const received: EventOf<"scrapeRun">[] = [];
    const { result } = renderHook(() => useEventStream("scrapeRun", { url: "/api/v1/scraping/trigger/stream?domains=a.com" }, (e) => received.push(e), options));
    expect(result.current.status).toBe("connecting");

    act(() => FakeEventSource.last.open());
    act(() => FakeEventSource.last.emit("progress", { domain: "a.com", step: "fetching", message: "Fetching", completed: 0, total: 1 }, "r/1-0"));
    act(() => FakeEventSource.last.emit("something_else", { x: 1 }, "r/2-0")); // not an event of this stream: dropped

    expect(result.current.status).toBe("connected");
    expect(received).toEqual([{ event: "progress", data: { domain: "a.com", step: "fetching", message: "Fetching", completed: 0, total: 1 }, id: "r/1-0" }]);
  });

  it("says finished after the run's last event, and failed with the server's reason after an error event", () => {
    const { result } = renderHook(() => useEventStream("scrapeRun", { url: "/run-a" }, () => {}, options));
    act(() => FakeEventSource.last.open());
    act(() => FakeEventSource.last.emit("completed", { total: 1, succeeded: 1, failed: 0 }, "r/3-0"));
    expect(result.current.status).toBe("finished");

    const failing = renderHook(() => useEventStream("scrapeRun", { url: "/run-b" }, () => {}, options));
    act(() => FakeEventSource.last.open());
    act(() => FakeEventSource.last.emit("error", { message: "The stream failed on the server; reconnect to retry." }, "r/4-0"));
    expect(failing.result.current).toMatchObject({ status: "failed", reason: "The stream failed on the server; reconnect to retry." });
  });

  it("does nothing without a request, and closes the stream when the component goes", () => {
    const { rerender, unmount } = renderHook(({ url }: { url: string | null }) => useEventStream("events", url ? { url } : null, () => {}, options), {
      initialProps: { url: null as string | null },
    });
    expect(FakeEventSource.instances).toHaveLength(0);

    rerender({ url: "/events" });
    expect(FakeEventSource.instances).toHaveLength(1);
    unmount();
    expect(FakeEventSource.last.readyState).toBe(FakeEventSource.CLOSED);
  });

  it("opens a new stream when the request changes and closes the old one", () => {
    const { rerender } = renderHook(({ url }: { url: string }) => useEventStream("events", { url }, () => {}, options), { initialProps: { url: "/a" } });
    rerender({ url: "/b" });

    expect(FakeEventSource.instances.map((source) => source.url)).toEqual(["/a", "/b"]);
    expect(FakeEventSource.instances[0].readyState).toBe(FakeEventSource.CLOSED);
  });
});
