/**
 * Synthetic staff from a latent model, for the demo and for the diagnosis's simulation tests.
 * Each respondent has one latent trait per level: a share `general` of it is one general attitude
 * to the organisation, the rest follows the level above (correlation `chain`: the method's thesis,
 * a level is organised by the one above it). Adjacent levels then correlate about .5–.6 in the
 * answers and distant ones about .3, as scales of one staff survey do. An item's answer is the
 * level's mean plus the respondent's trait plus item noise, rounded onto 1–5. Planted splits put
 * respondents into two camps on named items, as staff did on "may we ask whether it is a good
 * moment to call?". Values are in the scored direction (after reverse-coding). Pure: the caller
 * brings the random source.
 */
import { LEVEL_IDS, type LevelId } from "../domain/levels.js";
import type { ScoringKey } from "../domain/scoring.js";

export interface LatentModel {
  /** Population mean per level on the 1–5 scale; levels not named sit at `fallback`. */
  means: Partial<Record<LevelId, number>>;
  fallback?: number;
  /** Correlation of each level's own part with the level above. */
  chain?: number;
  /** Share of each level trait's variance that is one general attitude. */
  general?: number;
  /** SD of a level's trait across respondents, in scale points. */
  spread?: number;
  /** SD of an answer around its respondent's trait. */
  noise?: number;
  /** Two camps on these items: `share` of respondents centre on the first value, the rest on the second. */
  splits?: readonly { items: readonly string[]; share: number; centres: readonly [number, number] }[];
  /** Mean of the non-level (climate) items. */
  scaleMean?: number;
}

export type Random = () => number;

/** A standard normal from two uniforms (Box–Muller). */
export function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export const toLikert = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

/** One respondent's latent traits, top-down along the chain. */
export function latentTraits(model: LatentModel, random: Random): Record<LevelId, number> {
  const chain = model.chain ?? 0.6;
  const spread = model.spread ?? 0.55;
  const general = model.general ?? 0.35;
  const attitude = normal(random);
  const traits = {} as Record<LevelId, number>;
  let above = normal(random);
  for (const level of LEVEL_IDS) {
    const own = level === LEVEL_IDS[0] ? above : chain * above + Math.sqrt(1 - chain * chain) * normal(random);
    traits[level] = (Math.sqrt(general) * attitude + Math.sqrt(1 - general) * own) * spread;
    above = own;
  }
  return traits;
}

/** One respondent's answer to every scored item of the key, in the scored direction. */
export function latentValues(
  key: ScoringKey,
  model: LatentModel,
  random: Random,
  traits = latentTraits(model, random),
): Record<string, number> {
  const noise = model.noise ?? 0.65;
  const camps = new Map<string, number>();
  for (const split of model.splits ?? []) {
    const centre = random() < split.share ? split.centres[0] : split.centres[1];
    for (const item of split.items) camps.set(item, centre);
  }
  const values: Record<string, number> = {};
  for (const item of key.items) {
    const camp = camps.get(item.name);
    if (camp !== undefined) {
      values[item.name] = toLikert(camp + (item.level ? traits[item.level] * 0.3 : 0) + normal(random) * noise * 0.8);
      continue;
    }
    const base = item.level
      ? (model.means[item.level] ?? model.fallback ?? 3.6) + traits[item.level]
      : (model.scaleMean ?? 3.2);
    values[item.name] = toLikert(base + normal(random) * noise);
  }
  return values;
}
