import { describe, expect, it } from "vitest";
import { BodyTooLargeError, MAX_JSON_BODY_BYTES, readBodyText, stateChangeRefusal } from "./request-guards";

const headers = (values: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...values });

describe("state-changing requests", () => {
  it("pass from this origin with JSON: by Origin, or by Sec-Fetch-Site alone", () => {
    expect(stateChangeRefusal("POST", headers({ origin: "http://127.0.0.1:3000", "content-type": "application/json" }))).toBeNull();
    expect(stateChangeRefusal("PUT", headers({ "sec-fetch-site": "same-origin", "content-type": "application/json; charset=utf-8" }))).toBeNull();
    // Behind a reverse proxy that rewrites Host, X-Forwarded-Host names the site the browser saw.
    expect(stateChangeRefusal("POST", headers({ origin: "https://risk.example.com", "x-forwarded-host": "risk.example.com", "content-type": "application/json" }))).toBeNull();
  });

  it("are refused from another site, without an origin, or with a non-JSON body", () => {
    const refusals = [
      headers({ origin: "https://evil.example", "content-type": "application/json" }),
      headers({ origin: "http://127.0.0.1:3001", "content-type": "application/json" }),
      headers({ origin: "null", "content-type": "application/json" }),
      headers({ "sec-fetch-site": "cross-site", origin: "http://127.0.0.1:3000", "content-type": "application/json" }),
      headers({ "sec-fetch-site": "same-site", "content-type": "application/json" }),
      headers({ "content-type": "application/json" }),
      headers({ origin: "http://127.0.0.1:3000", "content-type": "text/plain" }),
      headers({ origin: "http://127.0.0.1:3000", "content-type": "application/x-www-form-urlencoded" }),
      headers({ origin: "http://127.0.0.1:3000" }),
    ];
    for (const [i, request] of refusals.entries()) expect(stateChangeRefusal(i % 2 ? "POST" : "DELETE", request), String(i)).toMatch(/^Refused: /);
    expect(stateChangeRefusal("POST", headers({ origin: "https://evil.example", "content-type": "application/json" }))).toBe(
      "Refused: this request came from another site; changes are accepted only from this site's own pages.");
    expect(stateChangeRefusal("POST", headers({ origin: "http://127.0.0.1:3000", "content-type": "text/plain" }))).toBe(
      "Refused: send the request body as JSON with Content-Type: application/json.");
  });

  it("do not concern reads", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(stateChangeRefusal(method, headers({ origin: "https://evil.example" }))).toBeNull();
  });
});

describe("readBodyText", () => {
  it("reads a body up to 1 MB and refuses a larger one, declared or streamed", async () => {
    expect(await readBodyText(new Request("http://x/", { method: "POST", body: "{}" }))).toBe("{}");
    const big = "x".repeat(MAX_JSON_BODY_BYTES + 1);
    await expect(readBodyText(new Request("http://x/", { method: "POST", body: big }))).rejects.toBeInstanceOf(BodyTooLargeError);
    const stream = new ReadableStream({ start(controller) { for (let i = 0; i < 20; i += 1) controller.enqueue(new Uint8Array(64 * 1024)); controller.close(); } });
    await expect(readBodyText(new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit))).rejects.toThrow("The request body is larger than 1 MB.");
    expect(await readBodyText(new Request("http://x/", { method: "POST", body: "y".repeat(MAX_JSON_BODY_BYTES) }))).toHaveLength(MAX_JSON_BODY_BYTES);
  });
});
