/** One event of a text/event-stream, as the WHATWG parsing rules read it. */
export interface ParsedEvent {
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

/**
 * An incremental text/event-stream parser for streams read with fetch (a POST cannot use EventSource).
 * Feed it text as it arrives; it returns the events completed by that text. Comments (`: ping`) are
 * skipped; an event with only an id or retry is returned with empty data, so its id is not lost.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private id: string | undefined;
  private retry: number | undefined;
  private sawField = false;

  feed(text: string): ParsedEvent[] {
    this.buffer += text;
    const events: ParsedEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith("\r\n", newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      if (line === "") {
        if (this.sawField) {
          events.push({ event: this.event || "message", data: this.data.join("\n"), id: this.id, retry: this.retry });
        }
        this.data = [];
        this.event = "";
        this.retry = undefined;
        this.sawField = false;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) {
        value = value.slice(1);
      }
      this.sawField = true;
      if (field === "data") {
        this.data.push(value);
      } else if (field === "event") {
        this.event = value;
      } else if (field === "id" && !value.includes("\0")) {
        this.id = value;
      } else if (field === "retry" && /^\d+$/.test(value)) {
        this.retry = Number(value);
      }
    }
    return events;
  }
}
