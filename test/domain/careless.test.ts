/** The careless-response screen on hand-made answers: straight-lining and contradictions, and not a consistent respondent. */
import { describe, expect, it } from "vitest";

import { isCareless } from "../../src/domain/careless.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { SIM_KEY } from "../helpers/simulated-group.js";

/** Scored values (after reverse-coding) for SIM_KEY: five items per level, the fifth reverse-keyed. */
const scored = (value: (level: string, item: number) => number) =>
  Object.fromEntries(LEVEL_IDS.flatMap((level) => [1, 2, 3, 4, 5].map((i) => [`${level}_${i}`, value(level, i)])));

describe("the careless-response screen", () => {
  it("passes a consistent respondent, agreeing or not, whatever their level", () => {
    expect(
      isCareless(
        SIM_KEY,
        scored(() => 4),
      ),
    ).toBe(false);
    expect(
      isCareless(
        SIM_KEY,
        scored((level) => (level === "values" ? 2 : 5)),
      ),
    ).toBe(false);
  });

  it("flags straight-lining: the same raw answer everywhere, reverse-keyed items included", () => {
    // Raw 5 everywhere scores 5 on the forward items and 1 on each reverse-keyed one.
    expect(
      isCareless(
        SIM_KEY,
        scored((_, i) => (i === 5 ? 1 : 5)),
      ),
    ).toBe(true);
    // Raw 3 everywhere is no contradiction, but it is straight-lining.
    expect(
      isCareless(
        SIM_KEY,
        scored(() => 3),
      ),
    ).toBe(true);
  });

  it("flags contradictions on at least half of the levels with a reverse-keyed item, and not on one or two of seven", () => {
    const contradicting = (levels: number) =>
      scored((level, i) => (i === 5 && LEVEL_IDS.indexOf(level as never) < levels ? 1 : i === 5 ? 4 : 4 + (i % 2)));
    expect(isCareless(SIM_KEY, contradicting(4))).toBe(true);
    expect(isCareless(SIM_KEY, contradicting(2))).toBe(false);
  });

  it("flags answers that spread within every level as random answers do, and not a respondent who differs between levels", () => {
    // 1, 5, 1, 5, 3 on every level: SD 2 within each level.
    expect(
      isCareless(
        SIM_KEY,
        scored((_, i) => [1, 5, 1, 5, 3][i - 1]!),
      ),
    ).toBe(true);
    // 2 on some levels, 5 on others, consistent within each: SD 0.
    expect(
      isCareless(
        SIM_KEY,
        scored((level) => (level.length % 2 === 0 ? 2 : 5)),
      ),
    ).toBe(false);
  });
});
