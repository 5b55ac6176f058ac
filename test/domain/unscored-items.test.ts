/**
 * Instrument v4 keeps items out of a level's score (perceived agreement, the telephone probe): the
 * diagnosis must not read them as part of the level — not in its alpha, its grid of level means or
 * its two-camps test — while the report still shows them as items of the level.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { latentValues } from "../../src/demo/latent-model.js";
import { DEFAULT_THRESHOLDS } from "../../src/domain/level-bars.js";
import { answeredByAll, createReleaseFold, publishedGroup } from "../../src/domain/release.js";
import { groupOf, levelEvidence, overviewOf } from "../../src/domain/report.js";
import { levelLayout, scoreValues } from "../../src/domain/scoring.js";
import { isSplitItem } from "../../src/domain/start-here.js";
import { createInstrumentRegistry } from "../../src/instruments/registry.js";

const v4 = createInstrumentRegistry().get("customer-centricity", 4)!;

describe("items outside their level's score", () => {
  it("are reported as items of the level but stay out of its alpha, grid and split: a split probe alone does not divide values", () => {
    const { key } = v4;
    const unscored = key.items.filter((i) => i.level === "values" && i.levelScore === false).map((i) => i.name);
    expect(unscored).toContain("values_call_probe");
    const scored = key.items.filter(
      (i) => i.level === "values" && i.levelScore !== false && i.perspective !== "desired",
    );
    expect(levelLayout(key).values).toEqual(scored.map((i) => i.name));

    const random = seedrandom("probe");
    const fold = createReleaseFold(key, random);
    const cell = { department: "", role: "", tenure: "" };
    for (let i = 0; i < 120; i++) {
      // Strong, shared values; the probe alone in two clean camps (1 against 5).
      const values = latentValues(key, { means: { values: 4.1 }, fallback: 4 }, random);
      values.values_call_probe = i % 2 === 0 ? 1 : 5;
      fold.add(cell, scoreValues(key, values, [], null));
    }
    const { totals } = fold.result();
    expect(totals.unscored).toEqual(expect.arrayContaining(unscored));
    const group = groupOf(publishedGroup(totals, answeredByAll(totals), levelLayout(key)), totals);
    const values = levelEvidence(group).find((e) => e.id === "values")!;
    expect(values.items.map((i) => i.name).sort()).toEqual(scored.map((i) => i.name).sort());
    // The probe itself is split — and shown as a split item — but it is not part of the level.
    expect(isSplitItem(totals.items.values_call_probe!)).toBe(true);
    expect(values.camps).toBeUndefined();
    const overview = overviewOf(group, DEFAULT_THRESHOLDS);
    expect(overview.levels.find((l) => l.id === "values")!.divided).toBe(false);
  });
});
