/** Bootstrap stability of the pick, and the reservoir a release keeps for it. */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { DEFAULT_THRESHOLDS } from "../../src/domain/level-bars.js";
import { answeredByAll, publishedGroup } from "../../src/domain/release.js";
import { groupOf, levelEvidence } from "../../src/domain/report.js";
import { levelLayout } from "../../src/domain/scoring.js";
import {
  bootstrapPicks,
  bootstrapStability,
  createReservoir,
  evidenceOf,
  referencePick,
  RESERVOIR,
  stabilityShare,
} from "../../src/domain/stability.js";
import { SIM_KEY, simulatedFold } from "../helpers/simulated-group.js";

describe("the reservoir", () => {
  it("keeps everything up to its capacity, then a uniform sample of the stream", () => {
    const random = seedrandom("reservoir");
    const counts = new Array(10).fill(0);
    for (let run = 0; run < 4000; run++) {
      const r = createReservoir<number>(3, random);
      for (let i = 0; i < 10; i++) r.offer(() => i);
      expect(r.kept.length).toBe(3);
      expect(r.seen).toBe(10);
      for (const x of r.kept) counts[x] += 1;
    }
    // Each of 10 elements is kept with probability 3/10: 1,200 of 4,000 runs, give or take.
    for (const c of counts) expect(Math.abs(c - 1200)).toBeLessThan(120);
    const small = createReservoir<number>(3, random);
    [7, 8].forEach((x) => small.offer(() => x));
    expect(small.kept).toEqual([7, 8]);
  });
});

describe("bootstrap stability", () => {
  it("gives the same evidence from the sampled respondents as the release's sums, when the reservoir holds them all", () => {
    // Values in two camps, so the two-camps test has something to find.
    const splits = [{ items: [1, 2, 3, 4, 5].map((i) => `values_${i}`), share: 0.5, centres: [4.3, 2] as const }];
    const { fold, cell } = simulatedFold(150, { means: { values: 2.9 }, splits }, "same");
    const { totals } = fold.result();
    const fromSums = levelEvidence(
      groupOf(publishedGroup(totals, answeredByAll(totals), levelLayout(SIM_KEY)), totals),
    );
    const fromRows = evidenceOf(SIM_KEY, fold.sample(cell));
    expect(fold.sample(cell).length).toBe(Math.min(150, RESERVOIR));
    expect(fromRows.map((e) => [e.id, e.sums.n, e.items.length])).toEqual(
      fromSums.map((e) => [e.id, e.sums.n, e.items.length]),
    );
    for (const [i, e] of fromRows.entries()) {
      expect(e.sums.sum).toBeCloseTo(fromSums[i]!.sums.sum, 9);
      expect(e.items.map((x) => x.counts)).toEqual(fromSums[i]!.items.map((x) => x.counts));
      // The two-camps test, run on the same grid of level means, comes out the same from both.
      expect(e.camps === undefined, e.id).toBe(fromSums[i]!.camps === undefined);
    }
    expect(fromRows.find((e) => e.id === "values")!.camps).toBeDefined();
  });

  it("is 1 for a pick no resample could change, and lower near the threshold", () => {
    const clear = simulatedFold(200, { means: { mission: 4.3, identity: 2.4 }, fallback: 4.2 }, "clear");
    const { totals } = clear.fold.result();
    const reference = referencePick(levelEvidence(groupOf(totals, totals)), DEFAULT_THRESHOLDS);
    expect(reference).toBe("identity");
    expect(
      bootstrapStability(
        SIM_KEY,
        [{ n: 200, sample: clear.fold.sample(clear.cell) }],
        reference,
        DEFAULT_THRESHOLDS,
        clear.random,
      ),
    ).toBe(1);

    // Mission's margin reaching just to the threshold (3.4 on 1–5 is 60): resamples fall on either side.
    const close = simulatedFold(40, { means: { mission: 3.25 }, fallback: 4.2, spread: 0.5 }, "close");
    const share = bootstrapStability(
      SIM_KEY,
      [{ n: 40, sample: close.fold.sample(close.cell) }],
      "mission",
      DEFAULT_THRESHOLDS,
      seedrandom("b"),
    );
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
  });

  it("counts the share of picks equal to the reference, null for no picks", () => {
    expect(stabilityShare(["values", "values", null, "mission"], "values")).toBe(0.5);
    expect(stabilityShare([null, null, "values"], null)).toBeCloseTo(2 / 3, 12);
    expect(stabilityShare([], "values")).toBeNull();
  });

  it("makes one pick per resample", () => {
    const { fold, cell } = simulatedFold(30, { means: { values: 3.3 } }, "picks");
    expect([
      ...bootstrapPicks(SIM_KEY, [{ n: 30, sample: fold.sample(cell) }], DEFAULT_THRESHOLDS, seedrandom("p"), {
        resamples: 7,
      }),
    ]).toHaveLength(7);
  });

  it("is repeatable with the same seed and needs at least two respondents", () => {
    const { fold, cell } = simulatedFold(60, { means: { values: 3.3 }, fallback: 4 }, "repeat");
    const strata = [{ n: 60, sample: fold.sample(cell) }];
    const a = bootstrapStability(SIM_KEY, strata, "values", DEFAULT_THRESHOLDS, seedrandom("s"));
    expect(bootstrapStability(SIM_KEY, strata, "values", DEFAULT_THRESHOLDS, seedrandom("s"))).toBe(a);
    expect(
      bootstrapStability(
        SIM_KEY,
        [{ n: 1, sample: fold.sample(cell).slice(0, 1) }],
        "values",
        DEFAULT_THRESHOLDS,
        seedrandom("s"),
      ),
    ).toBeNull();
  });

  it("draws strata in proportion to the respondents they stand for, not to their samples", () => {
    // Two cells: one of 900 respondents all weak on mission (sample of 200), one of 100 strong.
    const weak = simulatedFold(900, { means: { mission: 2.2 }, fallback: 4.3, spread: 0.2 }, "weak");
    const strong = simulatedFold(100, { means: { mission: 4.6 }, fallback: 4.3, spread: 0.2 }, "strong");
    const strata = [
      { n: 900, sample: weak.fold.sample(weak.cell) },
      { n: 100, sample: strong.fold.sample(strong.cell) },
    ];
    // Weighted 9:1 the mix stays far below 60 on mission in every resample.
    expect(bootstrapStability(SIM_KEY, strata, "mission", DEFAULT_THRESHOLDS, seedrandom("w"), 20)).toBe(1);
  });
});
