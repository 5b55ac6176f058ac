/**
 * dividedCamps, the bootstrap's short cut: the same verdict and camps as splitTest on every grid,
 * one-peaked, two-peaked, lopsided, tiny and empty, over the grid sizes a level has (2–8 items).
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { dividedCamps, splitTest } from "../../src/domain/split-test.js";

describe("dividedCamps", () => {
  it("gives the camps splitTest calls divided, and null wherever it does not", () => {
    const random = seedrandom("divided-camps");
    let divided = 0;
    let notDivided = 0;
    for (let trial = 0; trial < 4000; trial++) {
      const items = 2 + Math.floor(random() * 7);
      const points = 4 * items + 1;
      // Two peaks of random heights and places over a little noise; some grids tiny or empty.
      const size = Math.floor(random() ** 2 * 300);
      const peaks = [Math.floor(random() * points), Math.floor(random() * points)];
      const weights = [random(), random()];
      const grid = new Array<number>(points).fill(0);
      for (let r = 0; r < size; r++) {
        const u = random();
        const point =
          u < 0.1
            ? Math.floor(random() * points)
            : u < 0.1 + 0.9 * (weights[0]! / (weights[0]! + weights[1]!))
              ? peaks[0]!
              : peaks[1]!;
        grid[point] = grid[point]! + 1;
      }
      const full = splitTest(grid);
      const expected = full.split && full.camps ? full.camps : null;
      expect(dividedCamps(grid), JSON.stringify(grid)).toEqual(expected);
      if (expected) divided++;
      else notDivided++;
    }
    // Not vacuous: both verdicts occur often.
    expect(divided).toBeGreaterThan(400);
    expect(notDivided).toBeGreaterThan(400);
  });
});
