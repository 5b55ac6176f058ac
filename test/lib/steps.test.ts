/** Work done a step at a time (lib/steps.ts): the same result at once or stepwise, with a turn once a slice has passed. */
import { describe, expect, it } from "vitest";

import { allSteps, mapSteps, stepwise } from "../../src/lib/steps.js";

function* counting(steps: number, log: string[], busyMs = 0): Generator<void, number> {
  for (let i = 0; i < steps; i++) {
    log.push(`step ${i}`);
    const until = performance.now() + busyMs;
    while (performance.now() < until);
    yield;
  }
  return steps * 10;
}

describe("steps", () => {
  it("gives the same result run at once and stepwise; with a slice of 0, a turn after each step", async () => {
    expect(allSteps(counting(3, []))).toBe(30);
    const log: string[] = [];
    const result = await stepwise(counting(3, log), async () => void log.push("turn"), 0);
    expect(result).toBe(30);
    expect(log).toEqual(["step 0", "turn", "step 1", "turn", "step 2", "turn"]);
    expect(await stepwise(counting(0, []), async () => undefined)).toBe(0);
  });

  it("takes a turn only once a slice has passed: quick steps run on, a slow one is followed by a turn", async () => {
    const quick: string[] = [];
    await stepwise(counting(50, quick), async () => void quick.push("turn"), 60_000);
    expect(quick.filter((l) => l === "turn")).toEqual([]);
    // Where the clock stands still while code runs (Workers), a turn still comes every few hundred steps.
    const many: string[] = [];
    await stepwise(counting(1000, many), async () => void many.push("turn"), 60_000);
    expect(many.filter((l) => l === "turn").length).toBeGreaterThanOrEqual(3);
    const slow: string[] = [];
    await stepwise(counting(3, slow, 5), async () => void slow.push("turn"), 1);
    expect(slow).toEqual(["step 0", "turn", "step 1", "turn", "step 2", "turn"]);
  });

  it("maps a list a step each, in order: at once, or with a turn between steps", async () => {
    expect(allSteps(mapSteps([1, 2, 3], (x) => x * 2))).toEqual([2, 4, 6]);
    const log: string[] = [];
    const mapped = await stepwise(
      mapSteps(["a", "b"], (x) => (log.push(x), x.toUpperCase())),
      async () => void log.push("turn"),
      0,
    );
    expect(mapped).toEqual(["A", "B"]);
    expect(log).toEqual(["a", "turn", "b", "turn"]);
    expect(allSteps(mapSteps([], (x) => x))).toEqual([]);
  });
});
