/** The bootstrap's seeded random source: repeatable, spread evenly, different per seed. */
import { describe, expect, it } from "vitest";

import { seededRandom } from "../../src/domain/seeded-random.js";

describe("seededRandom", () => {
  it("gives the same numbers for the same seed and others for another", () => {
    const a = seededRandom("release-1");
    const b = seededRandom("release-1");
    const c = seededRandom("release-2");
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it("stays in [0, 1) and fills ten bins evenly", () => {
    const random = seededRandom("even");
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)] += 1;
    }
    // Each bin expects 10,000 (SD ≈ 95): a bin off by 500 would be a broken generator.
    for (const n of bins) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});
