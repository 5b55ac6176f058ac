/**
 * The start-here rule on simulated staff (latent model, src/demo/latent-model.ts): it finds a
 * planted start level in groups of 100 at least 90% of the time, and calls undivided groups of 10
 * divided at most 5% of the time. Seeded, so every run sees the same groups.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import type { LatentModel } from "../../src/demo/latent-model.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { overviewOf } from "../../src/domain/report.js";
import { DEFAULT_THRESHOLDS } from "../../src/domain/start-here.js";
import { simulatedGroup } from "../helpers/simulated-group.js";

const between = (random: () => number, lo: number, hi: number) => lo + random() * (hi - lo);

/** Levels above the planted one strong, the planted one weak or split in two camps, those below anything. */
function planted(random: () => number, level: LevelId, how: "weak" | "divided"): LatentModel {
  const at = LEVEL_IDS.indexOf(level);
  const means: Partial<Record<LevelId, number>> = {};
  LEVEL_IDS.forEach(
    (id, i) =>
      (means[id] =
        i < at
          ? between(random, 3.8, 4.3)
          : i === at
            ? how === "weak"
              ? between(random, 2.6, 3.0)
              : between(random, 3.7, 4.1)
            : between(random, 2.6, 4.2)),
  );
  return {
    means,
    splits:
      how === "divided"
        ? [{ items: [`${level}_1`, `${level}_2`], share: between(random, 0.4, 0.6), centres: [4.5, 1.7] }]
        : [],
  };
}

describe("the start-here rule on simulated groups", () => {
  it("recovers the planted start level in at least 90% of groups of 100", () => {
    const random = seedrandom("planted");
    const runs = 300;
    let right = 0;
    const misses: string[] = [];
    for (let r = 0; r < runs; r++) {
      const level = LEVEL_IDS[Math.floor(random() * 6)]!; // a start level with at least one level below it
      const how = random() < 0.5 ? "weak" : "divided";
      const start = overviewOf(simulatedGroup(100, planted(random, level, how), random), DEFAULT_THRESHOLDS).startHere;
      if (start?.level === level) right += 1;
      else misses.push(`${how} ${level} → ${start?.level}`);
    }
    console.log(`recovered ${right} of ${runs}; misses: ${misses.slice(0, 10).join(", ")}`);
    expect(right / runs).toBeGreaterThanOrEqual(0.9);
  });

  it("calls at most 5% of levels divided in undivided groups of 10", () => {
    const random = seedrandom("undivided");
    let levels = 0;
    let divided = 0;
    for (let r = 0; r < 400; r++) {
      const means = Object.fromEntries(LEVEL_IDS.map((id) => [id, between(random, 2.6, 4.3)]));
      const overview = overviewOf(
        simulatedGroup(10, { means, noise: between(random, 0.6, 0.9) }, random),
        DEFAULT_THRESHOLDS,
      );
      levels += overview.levels.length;
      divided += overview.levels.filter((l) => l.divided).length;
    }
    console.log(`divided: ${divided} of ${levels} levels`);
    expect(levels).toBe(400 * 7);
    expect(divided / levels).toBeLessThanOrEqual(0.05);
  });

  it("does not call random answering divided (it agrees on nothing: noise, not two camps)", () => {
    const random = seedrandom("random answers");
    let divided = 0;
    for (let r = 0; r < 100; r++) {
      const overview = overviewOf(
        simulatedGroup(60, { means: {}, fallback: 3, spread: 0.001, noise: 5 }, random),
        DEFAULT_THRESHOLDS,
      );
      divided += overview.levels.filter((l) => l.divided).length;
    }
    expect(divided / 700).toBeLessThanOrEqual(0.05);
  });

  it("is right far less often in small groups, and says so: groups under 30 are marked indicative", () => {
    const random = seedrandom("small");
    let right = 0;
    for (let r = 0; r < 100; r++) {
      const start = overviewOf(
        simulatedGroup(12, planted(random, "values", "weak"), random),
        DEFAULT_THRESHOLDS,
      ).startHere!;
      expect(start.indicative).toBe(true);
      if (start.level === "values") right += 1;
    }
    expect(right).toBeLessThan(100);
  });
});
