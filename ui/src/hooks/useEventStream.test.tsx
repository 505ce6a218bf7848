import { act, renderHook } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { StreamEvent } from "../client/stream";
import { FakeEventSource } from "../client/testing";
import { useEventStream } from "./useEventStream";

describe("useEventStream", () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
  });
  const options = { eventSource: FakeEventSource as unknown as typeof EventSource };

  it("opens the stream, reports its state and hands over each event", () => {
    const received: StreamEvent[] = [];
    const { result } = renderHook(() => useEventStream({ url: "/events", isTerminal: () => false }, (e) => received.push(e), options));
    expect(result.current.status).toBe("connecting");

    act(() => FakeEventSource.last.open());
    act(() => FakeEventSource.last.emit("message", { event: "heartbeat" }, "5-0"));

    expect(result.current.status).toBe("connected");
    expect(received).toEqual([{ event: "message", data: { event: "heartbeat" }, id: "5-0" }]);
  });

  it("does nothing without a request, and closes the stream when the component goes", () => {
    const { rerender, unmount } = renderHook(({ url }: { url: string | null }) => useEventStream(url ? { url } : null, () => {}, options), {
      initialProps: { url: null as string | null },
    });
    expect(FakeEventSource.instances).toHaveLength(0);

    rerender({ url: "/events" });
    expect(FakeEventSource.instances).toHaveLength(1);
    unmount();
    expect(FakeEventSource.last.readyState).toBe(FakeEventSource.CLOSED);
  });

  it("opens a new stream when the request changes and closes the old one", () => {
    const { rerender } = renderHook(({ url }: { url: string }) => useEventStream({ url }, () => {}, options), { initialProps: { url: "/a" } });
    rerender({ url: "/b" });

    expect(FakeEventSource.instances.map((source) => source.url)).toEqual(["/a", "/b"]);
    expect(FakeEventSource.instances[0].readyState).toBe(FakeEventSource.CLOSED);
  });
});
