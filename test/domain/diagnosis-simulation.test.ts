/**
 * The start-here rule on simulated staff (test/helpers/diagnosis-scenarios.ts), held to the
 * targets of issue #24 at a size that runs in seconds; `npm run bench` runs the same scenarios
 * at ten times the size and writes the full table to BENCHMARKS.md. Seeded, so every run sees the
 * same groups; each target is a bound the rule must keep, not the figure it happens to reach.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { createInstrumentRegistry } from "../../src/instruments/registry.js";
import { MEASURES, plantedRecovery, rate, SCENARIOS, withMissing } from "../helpers/diagnosis-scenarios.js";

const RUNS = 100;

describe("the start-here rule on simulated groups", () => {
  it("sees realistic camps (about 10/30/14/27/18%) on a level: ≥ 90% at n = 100, ≥ 60% at n = 30", () => {
    const random = seedrandom("realistic camps");
    const at100 = rate(SCENARIOS.realisticCamps, 100, RUNS, MEASURES.valuesDivided, random);
    const at30 = rate(SCENARIOS.realisticCamps, 30, RUNS, MEASURES.valuesDivided, random);
    console.log(`realistic camps divided: ${at100} at 100, ${at30} at 30`);
    expect(at100).toBeGreaterThanOrEqual(0.9);
    expect(at30).toBeGreaterThanOrEqual(0.6);
  });

  it("sees clean camps in the middle of the scale (half 2, half 4) at n = 100 ≥ 90%", () => {
    expect(rate(SCENARIOS.cleanCamps, 100, RUNS, MEASURES.valuesDivided, seedrandom("clean"))).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  for (const name of ["onePeaked", "dispersed", "flat"] as const)
    it(`calls at most 5% of levels divided on ${name} answers, at n = 10, 30 and 100`, () => {
      const random = seedrandom(`false divided ${name}`);
      for (const n of [10, 30, 100]) {
        const divided = rate(SCENARIOS[name], n, RUNS, MEASURES.levelsDivided, random);
        expect(divided, `n = ${n}`).toBeLessThanOrEqual(0.05);
      }
    });

  it("calls at most 5% of levels weak on random answers: they are not measured reliably", () => {
    const random = seedrandom("random weak");
    for (const n of [10, 30, 100])
      expect(rate(SCENARIOS.flat, n, RUNS, MEASURES.levelsWeak, random), `n = ${n}`).toBeLessThanOrEqual(0.05);
  });

  it("picks values in seed 001's case (realistic camps on values above weak skills) ≥ 90% at n = 100", () => {
    expect(rate(SCENARIOS.seed001, 100, RUNS, MEASURES.valuesPicked, seedrandom("seed 001"))).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it("recovers a planted weak level ≥ 95% at n = 30 and n = 100", () => {
    expect(plantedRecovery(100, RUNS, seedrandom("planted 100"))).toBeGreaterThanOrEqual(0.95);
    expect(plantedRecovery(30, RUNS, seedrandom("planted 30"))).toBeGreaterThanOrEqual(0.95);
  });

  it("recovers a weak level staff agree on (little spread between people, α low) ≥ 95% at n = 30", () => {
    expect(plantedRecovery(30, RUNS, seedrandom("consensual 30"), SCENARIOS.consensualWeak)).toBeGreaterThanOrEqual(
      0.95,
    );
  });

  it("tells healthy rounds of 10 there is no clear starting point ≥ 90%", () => {
    expect(rate(SCENARIOS.healthy, 10, RUNS, MEASURES.noClearStart, seedrandom("healthy"))).toBeGreaterThanOrEqual(0.9);
  });

  describe("on instrument v4, with 'weet niet / n.v.t.' on a tenth of the items that offer it", () => {
    const { key } = createInstrumentRegistry().get("customer-centricity", 4)!;
    const missing = (name: keyof typeof SCENARIOS) => withMissing(SCENARIOS[name], 0.1);

    it("still sees realistic camps on values (three scored items) ≥ 90% at n = 100", () => {
      const random = seedrandom("v4 camps");
      expect(rate(missing("realisticCamps"), 100, RUNS, MEASURES.valuesDivided, random, key)).toBeGreaterThanOrEqual(
        0.9,
      );
    });

    it("calls random answers weak or divided on at most 5% of levels", () => {
      const random = seedrandom("v4 random");
      for (const measure of [MEASURES.levelsWeak, MEASURES.levelsDivided])
        expect(rate(missing("flat"), 100, RUNS, measure, random, key)).toBeLessThanOrEqual(0.05);
    });

    it("tells healthy rounds of 10 there is no clear starting point ≥ 90%", () => {
      const random = seedrandom("v4 healthy");
      expect(rate(missing("healthy"), 10, RUNS, MEASURES.noClearStart, random, key)).toBeGreaterThanOrEqual(0.9);
    });
  });
});
