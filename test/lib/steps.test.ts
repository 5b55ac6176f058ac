/** Work done a step at a time (lib/steps.ts): the same result at once or stepwise, with a turn between steps. */
import { describe, expect, it } from "vitest";

import { allSteps, stepwise } from "../../src/lib/steps.js";

function* counting(steps: number, log: string[]): Generator<void, number> {
  for (let i = 0; i < steps; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return steps * 10;
}

describe("steps", () => {
  it("gives the same result run at once and stepwise, calling `between` once after each step", async () => {
    expect(allSteps(counting(3, []))).toBe(30);
    const log: string[] = [];
    const result = await stepwise(counting(3, log), async () => void log.push("turn"));
    expect(result).toBe(30);
    expect(log).toEqual(["step 0", "turn", "step 1", "turn", "step 2", "turn"]);
    expect(await stepwise(counting(0, []), async () => undefined)).toBe(0);
  });
});
