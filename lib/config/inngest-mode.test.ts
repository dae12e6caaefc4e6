import { describe, expect, it } from "vitest";
import { InngestConfigError, isInngestConfigured, isInngestDevFlagSet, readInngestMode } from "./inngest-mode";

describe("Inngest mode", () => {
  it("reads INNGEST_DEV as a switch: unset, empty, 0 and false are off", () => {
    for (const value of [undefined, "", " ", "0", "false", "FALSE", "False"]) expect(isInngestDevFlagSet({ INNGEST_DEV: value }), String(value)).toBe(false);
    for (const value of ["1", "true", "yes", "http://localhost:8288"]) expect(isInngestDevFlagSet({ INNGEST_DEV: value }), value).toBe(true);
  });

  it("runs in this process without keys or with INNGEST_DEV=0/false", () => {
    expect(readInngestMode({})).toBe("off");
    expect(readInngestMode({ INNGEST_DEV: "0" })).toBe("off");
    expect(readInngestMode({ INNGEST_DEV: "false", NODE_ENV: "production" })).toBe("off");
    expect(isInngestConfigured({ INNGEST_DEV: "0" })).toBe(false);
  });

  it("uses the dev server outside production and the signed server with both keys", () => {
    expect(readInngestMode({ INNGEST_DEV: "1", NODE_ENV: "development" })).toBe("dev");
    expect(readInngestMode({ INNGEST_DEV: "1" })).toBe("dev");
    expect(readInngestMode({ INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "signkey-prod-1", NODE_ENV: "production" })).toBe("cloud");
    expect(isInngestConfigured({ INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "s" })).toBe(true);
  });

  it("refuses dev mode in production with a sentence", () => {
    expect(() => readInngestMode({ INNGEST_DEV: "1", NODE_ENV: "production" })).toThrow(InngestConfigError);
    expect(() => readInngestMode({ INNGEST_DEV: "1", NODE_ENV: "production" })).toThrow(/^INNGEST_DEV is set while NODE_ENV=production: dev mode lets anyone call \/api\/inngest unsigned\./);
  });

  it("refuses half a key pair, naming the missing key", () => {
    expect(() => readInngestMode({ INNGEST_EVENT_KEY: "e" })).toThrow("INNGEST_EVENT_KEY is set but INNGEST_SIGNING_KEY is not: set both to run the batch on Inngest, or neither to run it in this process.");
    expect(() => readInngestMode({ INNGEST_SIGNING_KEY: "s" })).toThrow("INNGEST_SIGNING_KEY is set but INNGEST_EVENT_KEY is not");
  });
});
