import { describe, expect, it } from "vitest";

import { chunkForParameters, chunkRows, MAX_BOUND_PARAMETERS } from "../../src/storage/database.js";

describe("statements stay under D1's 100 bound parameters", () => {
  it("cuts id lists into chunks of at most 100", () => {
    const ids = Array.from({ length: 250 }, (_, i) => `id${i}`);
    const chunks = chunkForParameters(ids, 1);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(ids);
  });

  it("cuts multi-row inserts by columns per row", () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({
      a: i,
      b: i,
      c: i,
      d: i,
      e: i,
      f: i,
      g: i,
      h: i,
      i: i,
      j: i,
      k: i,
    }));
    const chunks = chunkRows(rows);
    expect(chunks.every((c) => c.length * 11 <= MAX_BOUND_PARAMETERS)).toBe(true);
    expect(chunks.map((c) => c.length)).toEqual([9, 9, 7]);
    expect(chunkRows([])).toEqual([]);
  });
});
