/** A job run in slices: paused at the first turn past its budget, resumed by the next slice, its state kept. */
import { describe, expect, it } from "vitest";

import { slicedJob } from "../../src/lib/sliced.js";

/** A job of `pieces` pieces, each advancing the fake clock by `ms` and taking a turn after it. */
function counting(pieces: number, ms: number, clock: { t: number }, log: number[]) {
  return async (turn: () => Promise<void>) => {
    for (let i = 0; i < pieces; i++) {
      clock.t += ms;
      log.push(i);
      await turn();
    }
    return log.length;
  };
}

const immediate = () => Promise.resolve();

describe("slicedJob", () => {
  it("runs about budgetMs of work a slice, and every piece exactly once over the slices", async () => {
    const clock = { t: 0 };
    const log: number[] = [];
    const job = slicedJob(counting(10, 4, clock, log), { budgetMs: 10, now: () => clock.t, between: immediate });
    const outcomes = [];
    for (;;) {
      const outcome = await job.slice();
      outcomes.push({ ...outcome, pieces: log.length });
      if (outcome.done) break;
    }
    // 4 ms a piece, 10 ms a slice: a slice pauses at the turn after its third piece (12 ms).
    expect(outcomes.map((o) => o.pieces)).toEqual([3, 6, 9, 10]);
    expect(outcomes.at(-1)).toEqual({ done: true, value: 10, pieces: 10 });
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(job.slices).toBe(4);
  });

  it("pauses at every turn with a budget of 0, and does nothing between slices", async () => {
    const clock = { t: 0 };
    const log: number[] = [];
    const job = slicedJob(counting(3, 0, clock, log), { budgetMs: 0, now: () => clock.t, between: immediate });
    expect(await job.slice()).toEqual({ done: false });
    expect(log).toEqual([0]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual([0]);
    expect(await job.slice()).toEqual({ done: false });
    expect(await job.slice()).toEqual({ done: false });
    expect(await job.slice()).toEqual({ done: true, value: 3 });
    // Asked again once done, it answers the same outcome and runs nothing.
    expect(await job.slice()).toEqual({ done: true, value: 3 });
    expect(log).toEqual([0, 1, 2]);
    expect(job.slices).toBe(4);
  });

  it("ends the slice with the job's error, and refuses a second slice while one runs", async () => {
    const failure = new Error("broke");
    let release: () => void = () => undefined;
    const job = slicedJob(
      async (turn) => {
        await new Promise<void>((resolve) => (release = resolve));
        await turn();
        throw failure;
      },
      { budgetMs: 1000, now: () => 0, between: immediate },
    );
    const first = job.slice();
    expect(() => job.slice()).toThrow("one slice at a time");
    release();
    expect(await first).toEqual({ done: true, error: failure });
  });

  it("takes its ordinary turns (`between`) while the budget lasts", async () => {
    let turns = 0;
    const job = slicedJob(
      async (turn) => {
        for (let i = 0; i < 5; i++) await turn();
        return "ok";
      },
      { budgetMs: 1000, now: () => 0, between: async () => void turns++ },
    );
    expect(await job.slice()).toEqual({ done: true, value: "ok" });
    expect(turns).toBe(5);
  });
});
