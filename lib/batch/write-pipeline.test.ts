import { describe, expect, it } from "vitest";
import { chunkItems } from "./run-work";
import {
  createWritePipeline, MIN_PIPELINED_CHUNK_SIZE, MIN_PIPELINED_CHUNKS, MIN_PIPELINED_CHUNKS_WITH_SYMBOL_READS, pipelinedChunkSize,
} from "./write-pipeline";

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

describe("pipelinedChunkSize", () => {
  it("cuts one step's portfolios into enough chunks to overlap computing and writing", () => {
    expect(pipelinedChunkSize(1_000, 1_000)).toBe(250);
    expect(pipelinedChunkSize(1_000, 2_000)).toBe(250);
    expect(chunkItems(Array.from({ length: 1_000 }, (_, i) => i), pipelinedChunkSize(1_000, 1_000)).length).toBe(MIN_PIPELINED_CHUNKS);
    expect(pipelinedChunkSize(1_000, 2_000, MIN_PIPELINED_CHUNKS_WITH_SYMBOL_READS)).toBe(500);
    expect(pipelinedChunkSize(1_001, 2_000, 2)).toBe(501);
  });

  it("keeps the maximum for a large call and a floor for a small one", () => {
    expect(pipelinedChunkSize(10_000, 1_000)).toBe(1_000);
    expect(pipelinedChunkSize(10_000, 2_000)).toBe(2_000);
    expect(pipelinedChunkSize(7, 1_000)).toBe(MIN_PIPELINED_CHUNK_SIZE);
    expect(pipelinedChunkSize(0, 1_000)).toBe(MIN_PIPELINED_CHUNK_SIZE);
    expect(pipelinedChunkSize(1_000, 50)).toBe(50);
  });
});
