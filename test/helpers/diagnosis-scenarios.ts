/**
 * The populations the diagnosis is calibrated on (issue #24), shared by the simulation test
 * (test/domain/diagnosis-simulation.test.ts), the HTTP round trip and `npm run bench`'s full
 * calibration table. Each scenario makes one respondent's scored answers; `rate` runs a scenario
 * many times at a group size and counts what the report says.
 */
import { type LatentModel, latentValues } from "../../src/demo/latent-model.js";
import { CAMP_CENTRES } from "../../src/demo/respondents.js";
import { DEFAULT_THRESHOLDS } from "../../src/domain/level-bars.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { addScore, answeredByAll, emptyStats, publishedGroup } from "../../src/domain/release.js";
import { groupOf, type Overview, overviewOf } from "../../src/domain/report.js";
import { isCurrentItem, levelLayout, scoreValues, type ScoringKey } from "../../src/domain/scoring.js";
import { seededRandom } from "../../src/domain/seeded-random.js";
import { SIM_KEY } from "./simulated-group.js";

type Random = () => number;
/** Scored values (1–5, after reverse-coding) of every item of the key, for one respondent. */
export type Respondent = (key: ScoringKey, random: Random) => Record<string, number>;

const between = (random: Random, lo: number, hi: number) => lo + random() * (hi - lo);
const levelItems = (key: ScoringKey, level: LevelId) =>
  key.items.filter((i) => isCurrentItem(i) && i.level === level).map((i) => i.name);

/** Every level shared and strong (3.8–4.3), one draw per group. */
const healthyMeans = (random: Random) => Object.fromEntries(LEVEL_IDS.map((id) => [id, between(random, 3.8, 4.3)]));

/** A group's population: drawn once per group (its means), then one respondent at a time. */
export type Scenario = (random: Random) => Respondent;

const latent =
  (model: LatentModel): Respondent =>
  (key, random) =>
    latentValues(key, model, random);

/** Two camps on every item of `level`: realistic (about 10/30/14/27/18% on 1–5) or clean (half answer 2, half 4). */
const camps = (level: LevelId, kind: "realistic" | "clean", model: LatentModel): Respondent => {
  return (key, random) =>
    latentValues(
      key,
      {
        ...model,
        splits: [
          {
            items: levelItems(key, level),
            share: kind === "realistic" ? 0.55 : 0.5,
            centres: kind === "realistic" ? CAMP_CENTRES : [4, 2],
          },
        ],
      },
      random,
    );
};

export const SCENARIOS = {
  /** Realistic camps on values above strong levels. */
  realisticCamps: (random) => camps("values", "realistic", { means: healthyMeans(random) }),
  /** Clean camps (2 against 4) on values. */
  cleanCamps: (random) => camps("values", "clean", { means: healthyMeans(random) }),
  /** One peak per level, anywhere from weak to strong. */
  onePeaked: (random) =>
    latent({
      means: Object.fromEntries(LEVEL_IDS.map((id) => [id, between(random, 2.6, 4.3)])),
      noise: between(random, 0.6, 0.9),
    }),
  /** One wide peak per level: staff differ a lot, but not in camps. */
  dispersed: (random) =>
    latent({
      means: Object.fromEntries(LEVEL_IDS.map((id) => [id, between(random, 2.6, 3.6)])),
      spread: 1.1,
      noise: 0.9,
    }),
  /** Careless answering: every answer uniformly at random. */
  flat: () => (key, random) => Object.fromEntries(key.items.map((item) => [item.name, 1 + Math.floor(random() * 5)])),
  /** Every level strong and shared: nothing to start with. */
  healthy: (random) => latent({ means: healthyMeans(random) }),
  /** One level of the top six weak (2.6–3.0), the others strong; the level is the group's first draw (plantedRecovery). */
  plantedWeak: (random) => {
    const level = plantedLevel(random);
    const means = healthyMeans(random);
    means[level] = between(random, 2.6, 3.0);
    return latent({ means });
  },
  /** A planted weak level on whose weakness staff agree (little spread between people, so α is low). */
  consensualWeak: (random) => {
    const level = plantedLevel(random);
    const means = healthyMeans(random);
    means[level] = between(random, 2.3, 2.6);
    return latent({ means, spread: 0.25 });
  },
  /** Seed 001: values in realistic camps above weak skills. */
  seed001: (random) => {
    const means = healthyMeans(random);
    means.skills = between(random, 2.6, 3.0);
    return camps("values", "realistic", { means });
  },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

/** The scenario with "weet niet / n.v.t." answered on `share` of the items that offer it. */
export const withMissing =
  (scenario: Scenario, share: number): Scenario =>
  (random) => {
    const respondent = scenario(random);
    return (key, r) => {
      const values = respondent(key, r);
      for (const item of key.items) if ((item.na || item.dk) && r() < share) delete values[item.name];
      return values;
    };
  };

/** The planted weak level is drawn first from the group's random source, so it can be drawn again (see plantedWeak). */
function plantedLevel(random: Random): LevelId {
  const level = LEVEL_IDS[Math.floor(random() * 6)];
  if (!level) throw new Error("six levels to plant in");
  return level;
}

/** One group of n from a scenario, scored and folded as a release folds it. */
function scenarioGroup(scenario: Scenario, n: number, random: Random, key: ScoringKey = SIM_KEY) {
  const respondent = scenario(random);
  const stats = emptyStats();
  const layout = levelLayout(key);
  for (let i = 0; i < n; i++) addScore(stats, scoreValues(key, respondent(key, random), [], null), layout);
  // As a release stores the group: splits and alpha derived, grids and item products dropped.
  return groupOf(publishedGroup(stats, answeredByAll(stats), layout), {
    itemLevels: Object.fromEntries(key.items.filter(isCurrentItem).map((i) => [i.name, i.level])),
    unscored: key.items.filter((i) => isCurrentItem(i) && i.levelScore === false).map((i) => i.name),
  });
}

/** What is counted of each group's report, and over what: a share of groups, or of levels. */
export interface Measure {
  hits: (overview: Overview) => number;
  of?: (overview: Overview) => number;
}

export const MEASURES = {
  valuesDivided: { hits: (o) => Number(o.levels.some((l) => l.id === "values" && l.divided)) },
  levelsDivided: { hits: (o) => o.levels.filter((l) => l.divided).length, of: (o) => o.levels.length },
  levelsWeak: { hits: (o) => o.levels.filter((l) => l.weak).length, of: (o) => o.levels.length },
  noClearStart: { hits: (o) => Number(o.startHere?.level === null) },
  valuesPicked: { hits: (o) => Number(o.startHere?.level === "values") },
} satisfies Record<string, Measure>;

/** The share (0–1) of `runs` groups of n from the scenario that the measure counts (on SIM_KEY, or another instrument's key). */
export function rate(
  scenario: Scenario,
  n: number,
  runs: number,
  measure: Measure,
  random: Random,
  key: ScoringKey = SIM_KEY,
): number {
  let hits = 0;
  let all = 0;
  for (let r = 0; r < runs; r++) {
    const overview = overviewOf(scenarioGroup(scenario, n, random, key), DEFAULT_THRESHOLDS);
    hits += measure.hits(overview);
    all += measure.of?.(overview) ?? 1;
  }
  return all === 0 ? 0 : hits / all;
}

/** How often a planted weak level is the pick: the planted level is drawn again from a copy of the group's random source. */
export function plantedRecovery(
  n: number,
  runs: number,
  source: Random,
  scenario: Scenario = SCENARIOS.plantedWeak,
): number {
  let right = 0;
  for (let r = 0; r < runs; r++) {
    const seed = String(source());
    const level = plantedLevel(seededRandom(seed));
    const overview = overviewOf(scenarioGroup(scenario, n, seededRandom(seed)), DEFAULT_THRESHOLDS);
    if (overview.startHere?.level === level) right += 1;
  }
  return right / runs;
}
