/**
 * The consultant's benchmark: the mean seven-level profile of all their campaigns that reached
 * their minimum group k, each campaign weighing once. It exists only when at least three
 * organisations contribute, so the line never stands for one or two identifiable clients.
 */
import { LEVEL_IDS, type LevelId } from "./levels.js";

export const MIN_BENCHMARK_ORGANISATIONS = 3;

export interface CampaignProfile {
  campaignId: string;
  organisationId: string;
  n: number;
  k: number;
  /** 0–100 per level the campaign measured, unrounded. */
  scores: Partial<Record<LevelId, number>>;
}

export interface Benchmark {
  /** Mean 0–100 score per level over the contributing campaigns. */
  levels: Partial<Record<LevelId, number>>;
  campaigns: number;
  organisations: number;
}

/** A campaign below k never enters a comparison or a benchmark. */
export const reachedK = (p: CampaignProfile) => p.n >= p.k;

export function benchmarkOf(profiles: readonly CampaignProfile[]): Benchmark | null {
  const eligible = profiles.filter(reachedK);
  const organisations = new Set(eligible.map((p) => p.organisationId)).size;
  if (organisations < MIN_BENCHMARK_ORGANISATIONS) return null;
  const levels: Partial<Record<LevelId, number>> = {};
  for (const level of LEVEL_IDS) {
    const scores = eligible.flatMap((p) => (p.scores[level] === undefined ? [] : [p.scores[level]]));
    if (scores.length > 0) levels[level] = scores.reduce((a, b) => a + b, 0) / scores.length;
  }
  return { levels, campaigns: eligible.length, organisations };
}

/** Mid-rank percentile: the share of the population below the value, counting ties half. */
export function percentileRank(value: number, population: readonly number[]): number {
  if (population.length === 0) return Number.NaN;
  const below = population.filter((x) => x < value).length;
  const equal = population.filter((x) => x === value).length;
  return ((below + equal / 2) / population.length) * 100;
}

/** A campaign's percentile per level among the benchmark's campaigns. */
export function percentilesOf(profile: CampaignProfile, profiles: readonly CampaignProfile[]): Partial<Record<LevelId, number>> {
  const eligible = profiles.filter(reachedK);
  const out: Partial<Record<LevelId, number>> = {};
  for (const level of LEVEL_IDS) {
    const value = profile.scores[level];
    const population = eligible.flatMap((p) => (p.scores[level] === undefined ? [] : [p.scores[level]]));
    if (value !== undefined && population.length > 0) out[level] = percentileRank(value, population);
  }
  return out;
}
