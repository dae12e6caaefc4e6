import { describe, expect, it } from "vitest";
import { createWritePipeline } from "./write-pipeline";

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => { resolve = ok; reject = fail; });
  return { promise, resolve, reject };
}

describe("createWritePipeline", () => {
  it("lets at most `limit` writes run at once and drains the rest", async () => {
    const writes = createWritePipeline(2);
    const [a, b, c] = [deferred(), deferred(), deferred()];
    await writes.submit(a.promise);
    let secondReturned = false;
    const second = writes.submit(b.promise).then(() => { secondReturned = true; });
    await Promise.resolve();
    expect(secondReturned).toBe(false); // two in flight: the producer waits for the oldest
    a.resolve();
    await second;
    const third = writes.submit(c.promise);
    b.resolve();
    await third;
    c.resolve();
    await expect(writes.drain()).resolves.toBeUndefined();
  });

  it("surfaces a failed write", async () => {
    const writes = createWritePipeline(2);
    const failing = deferred();
    await writes.submit(failing.promise);
    failing.reject(new Error("chunk write failed"));
    await expect(writes.drain()).rejects.toThrow("chunk write failed");
  });
});
