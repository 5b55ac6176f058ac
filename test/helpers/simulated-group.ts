/** Groups of synthetic staff from the latent model, scored and folded as a release folds them. */
import seedrandom from "seedrandom";

import { type LatentModel, latentValues } from "../../src/demo/latent-model.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { createReleaseFold } from "../../src/domain/release.js";
import { scoreValues, type ScoringKey } from "../../src/domain/scoring.js";

/** Five items per level, the last of each reverse-keyed (values are drawn in the scored direction). */
export const SIM_KEY: ScoringKey = {
  items: LEVEL_IDS.flatMap((level) => [1, 2, 3, 4, 5].map((i) => ({ name: `${level}_${i}`, level, reverse: i === 5 }))),
};

/** The same respondents through a release fold, with its per-cell reservoirs, as one cell. */
export function simulatedFold(n: number, model: LatentModel, seed: string, key: ScoringKey = SIM_KEY) {
  const random = seedrandom(seed);
  const fold = createReleaseFold(key, random);
  const cell = { department: "", role: "", tenure: "" };
  for (let i = 0; i < n; i++) fold.add(cell, scoreValues(key, latentValues(key, model, random), [], null));
  return { fold, cell, random };
}
