import { describe, expect, it } from "vitest";
import openapi from "../../openapi.json";
import { eventNames, parseEvent, streams } from "./events";

// The API's OpenAPI document (ui/openapi.json, which the .NET suite holds to what the API serves) names
// each stream's events and their data's schema under x-events. The UI's map of streams must say the same.
// (JSON's inferred type knows nothing of extensions: read as the part of the document this test uses.)
const document = openapi as unknown as { paths: Record<string, { get?: { responses: Record<string, { "x-events"?: Record<string, { $ref?: string }> }> } }> };

describe("streams", () => {
  for (const [name, stream] of Object.entries(streams)) {
    it(`${name}: the events of ${stream.path} and their data, as the API's document names them`, () => {
      const documented = document.paths[stream.path]?.get?.responses["200"]?.["x-events"];
      expect(documented, `${stream.path} has no x-events in openapi.json`).toBeDefined();
      const asDocumented = Object.fromEntries(Object.entries(documented ?? {}).map(([event, schema]) => [event, schema.$ref?.split("/").at(-1) ?? "any"]));
      expect(stream.events).toEqual(asDocumented);
    });
  }

  it("listens for every named event of a stream, and takes only those", () => {
    expect(eventNames("events")).toEqual(["error", "reconnect"]);
    expect(eventNames("scrapeRun")).toContain("progress");
    expect(parseEvent("scrapeRun", { event: "progress", data: {} })?.event).toBe("progress");
    expect(parseEvent("scrapeRun", { event: "job_opened", data: {} })).toBeUndefined();
    expect(parseEvent("scrapeRun", { event: "toString", data: {} })).toBeUndefined();
  });
});
