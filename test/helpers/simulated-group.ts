/** Groups of synthetic staff from the latent model, scored and folded as a release folds them. */
import seedrandom from "seedrandom";

import { type LatentModel, latentValues } from "../../src/demo/latent-model.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { addScore, createReleaseFold, emptyStats } from "../../src/domain/release.js";
import { type Group, groupOf } from "../../src/domain/report.js";
import { isCurrentItem, scoreValues, type ScoringKey } from "../../src/domain/scoring.js";

/** Five items per level, the last of each reverse-keyed (values are drawn in the scored direction). */
export const SIM_KEY: ScoringKey = {
  items: LEVEL_IDS.flatMap((level) => [1, 2, 3, 4, 5].map((i) => ({ name: `${level}_${i}`, level, reverse: i === 5 }))),
};

const itemLevelsOf = (key: ScoringKey) =>
  Object.fromEntries(key.items.filter(isCurrentItem).map((i) => [i.name, i.level]));

export function simulatedGroup(n: number, model: LatentModel, random: () => number, key: ScoringKey = SIM_KEY): Group {
  const stats = emptyStats();
  for (let i = 0; i < n; i++) addScore(stats, scoreValues(key, latentValues(key, model, random), [], null));
  return groupOf(stats, { itemLevels: itemLevelsOf(key) });
}

/** The same respondents through a release fold, with its per-cell reservoirs, as one cell. */
export function simulatedFold(n: number, model: LatentModel, seed: string, key: ScoringKey = SIM_KEY) {
  const random = seedrandom(seed);
  const fold = createReleaseFold(key, random);
  const cell = { department: "", role: "", tenure: "" };
  for (let i = 0; i < n; i++) fold.add(cell, scoreValues(key, latentValues(key, model, random), [], null));
  return { fold, cell, random };
}
