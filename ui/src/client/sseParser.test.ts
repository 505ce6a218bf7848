import { describe, expect, it } from "vitest";
import { SseParser } from "./sseParser";

describe("SseParser", () => {
  it("reads events split anywhere across chunks, skipping comments", () => {
    const parser = new SseParser();
    const text = ': ping\n\nid: r1/1-0\nevent: result\ndata: {"domain":"a"}\n\ndata: {"domain":"b"}\r\n\r\n';
    const events = [...text].flatMap((char) => parser.feed(char));
    expect(events).toEqual([
      { event: "result", data: '{"domain":"a"}', id: "r1/1-0", retry: undefined },
      { event: "message", data: '{"domain":"b"}', id: "r1/1-0", retry: undefined },
    ]);
  });

  it("keeps an event of an id and retry only, so the id is not lost", () => {
    expect(new SseParser().feed("id: r1/0-0\nretry: 3000\n\n")).toEqual([{ event: "message", data: "", id: "r1/0-0", retry: 3000 }]);
  });

  it("joins data lines with line breaks", () => {
    expect(new SseParser().feed("data: one\ndata: two\n\n")[0].data).toBe("one\ntwo");
  });
});
