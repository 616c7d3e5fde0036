/** `withoutTrustedHeaders`: client copies of internal headers never reach a run's object. */
import { describe, expect, it } from "vitest";
import { TRUSTED_KEY_ID, TRUSTED_LAST_EVENT_ID, TRUSTED_PREFIX, TRUSTED_REQUEST_ID, withoutTrustedHeaders } from "../../../src/runtime/worker/trusted-headers.ts";

describe("withoutTrustedHeaders", () => {
  it("uses the x-glowback-internal- prefix for every trusted header", () => {
    expect(TRUSTED_PREFIX).toBe("x-glowback-internal-");
    expect([TRUSTED_REQUEST_ID, TRUSTED_KEY_ID, TRUSTED_LAST_EVENT_ID]).toEqual([
      "x-glowback-internal-request-id",
      "x-glowback-internal-key-id",
      "x-glowback-internal-last-event-id",
    ]);
  });

  it("drops internal headers in any letter case and keeps all others", () => {
    const input = new Headers({
      "X-Glowback-Internal-Key-Id": "forged",
      "x-glowback-internal-request-id": "forged",
      "X-GLOWBACK-INTERNAL-ANYTHING": "forged",
      "X-Glowback-Internals": "kept: no dash after internal",
      "X-API-Key": "k",
      Upgrade: "websocket",
    });
    const output = withoutTrustedHeaders(input);
    expect(Object.fromEntries(output.entries())).toEqual({
      "upgrade": "websocket",
      "x-api-key": "k",
      "x-glowback-internals": "kept: no dash after internal",
    });
  });

  it("returns a copy and leaves the input untouched", () => {
    const input = new Headers({ "x-glowback-internal-key-id": "forged", accept: "text/event-stream" });
    const output = withoutTrustedHeaders(input);
    output.set("x-glowback-internal-key-id", "set-by-worker");
    expect(input.get("x-glowback-internal-key-id")).toBe("forged");
    expect(output.get("accept")).toBe("text/event-stream");
  });

  it("keeps repeated headers as Headers joins them", () => {
    const input = new Headers();
    input.append("accept", "text/event-stream");
    input.append("accept", "application/json");
    expect(withoutTrustedHeaders(input).get("accept")).toBe("text/event-stream, application/json");
  });
});
