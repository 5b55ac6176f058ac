/**
 * The consultant's benchmark as frozen norm sets. A live mean over every released round would
 * move whenever one more round is released, and the move gives that round away: whoever reads
 * the line before and after computes (after × c) − (before × (c − 1)), one client's exact
 * profile. So a benchmark is a norm set the consultant publishes on purpose, frozen when made:
 *
 * - per organisation one profile, of its latest released round that reached k and measured all
 *   seven levels — so an organisation with several rounds weighs once, and every level has the
 *   same contributors (a level measured by fewer organisations would give those few away);
 * - only with at least five such organisations;
 * - only when it adds at least three organisations the previous set did not hold (a newer round
 *   of an organisation already in it replaces that one and adds nothing), so the change between
 *   two sets mixes at least three profiles;
 * - a manager sees the mean without their own organisation, and only once their organisation is
 *   in the set: were it not, the first set that adds it would differ, for them, by the other new
 *   organisations only.
 *
 * Everything here is pure; storing and reading sets is `src/services/norm-sets.ts`.
 */
import { LEVEL_IDS, type LevelId } from "./levels.js";

/** A norm set needs this many organisations, so a manager's view (their own left out) holds at least four. */
export const MIN_NORM_ORGANISATIONS = 5;
/** A new norm set must add this many organisations that were not in the previous one. */
export const MIN_NEW_ORGANISATIONS = 3;

export interface CampaignProfile {
  campaignId: string;
  organisationId: string;
  /** The date the round is placed on (opening date, else creation date), YYYY-MM-DD. */
  date: string;
  /** When the round was created; orders rounds placed on the same date. */
  createdAt: string;
  /** Respondents of the release; 0 for a round without one (it must not qualify). */
  n: number;
  k: number;
  /** 0–100 per level the campaign measured, unrounded. */
  scores: Partial<Record<LevelId, number>>;
}

/** One organisation in a norm set: the round it contributes and that round's profile. */
export interface NormEntry {
  organisationId: string;
  campaignId: string;
  /** 0–100 per level, unrounded; every level is present. */
  scores: Record<LevelId, number>;
}

/** A campaign below k never enters a comparison or a benchmark. */
export const reachedK = (p: Pick<CampaignProfile, "n" | "k">) => p.n >= p.k;

const complete = (scores: Partial<Record<LevelId, number>>): scores is Record<LevelId, number> =>
  LEVEL_IDS.every((level) => typeof scores[level] === "number" && Number.isFinite(scores[level]));

/** Whether a round can stand for its organisation in a norm set: released, at least k, all seven levels. */
export const qualifies = (p: CampaignProfile): boolean => reachedK(p) && complete(p.scores);

/** Newer first: by the round's date, then by creation, then by id so the order never depends on input order. */
const newerFirst = (a: CampaignProfile, b: CampaignProfile) =>
  b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || b.campaignId.localeCompare(a.campaignId);

/** Per organisation the latest round that qualifies; organisations in id order. */
export function normEntries(profiles: readonly CampaignProfile[]): NormEntry[] {
  const latest = new Map<string, CampaignProfile>();
  for (const p of profiles) {
    if (!qualifies(p)) continue;
    const held = latest.get(p.organisationId);
    if (!held || newerFirst(p, held) < 0) latest.set(p.organisationId, p);
  }
  return [...latest.values()]
    .sort((a, b) => a.organisationId.localeCompare(b.organisationId))
    .map((p) => ({
      organisationId: p.organisationId,
      campaignId: p.campaignId,
      scores: { ...(p.scores as Record<LevelId, number>) },
    }));
}

/** Organisations in `after` that `before` did not hold. */
export function addedOrganisations(before: readonly NormEntry[], after: readonly NormEntry[]): string[] {
  const held = new Set(before.map((e) => e.organisationId));
  return after.filter((e) => !held.has(e.organisationId)).map((e) => e.organisationId);
}

/** Organisations whose contribution differs between two lists of entries: added, removed, or another round. */
export function changedOrganisations(before: readonly NormEntry[], after: readonly NormEntry[]): string[] {
  const was = new Map(before.map((e) => [e.organisationId, e.campaignId]));
  const is = new Map(after.map((e) => [e.organisationId, e.campaignId]));
  return [...new Set([...was.keys(), ...is.keys()])].filter((org) => was.get(org) !== is.get(org)).sort();
}

type NormRefusal = "too_few_organisations" | "too_few_new_organisations";

export type NormPlan =
  | { ok: true; entries: NormEntry[]; added: string[] }
  | { ok: false; reason: NormRefusal; qualifying: number; added: number };

/**
 * The norm set a consultant may publish now, from all their rounds' profiles and their previous
 * set (null for the first), or why not.
 */
export function planNormSet(profiles: readonly CampaignProfile[], previous: readonly NormEntry[] | null): NormPlan {
  const entries = normEntries(profiles);
  const added = addedOrganisations(previous ?? [], entries);
  if (entries.length < MIN_NORM_ORGANISATIONS)
    return { ok: false, reason: "too_few_organisations", qualifying: entries.length, added: added.length };
  if (previous && added.length < MIN_NEW_ORGANISATIONS)
    return { ok: false, reason: "too_few_new_organisations", qualifying: entries.length, added: added.length };
  return { ok: true, entries, added };
}

/** The unweighted mean per level over entries, each organisation once. */
export function normMean(entries: readonly NormEntry[]): Record<LevelId, number> | null {
  if (entries.length === 0) return null;
  return Object.fromEntries(
    LEVEL_IDS.map((level) => [level, entries.reduce((sum, e) => sum + e.scores[level], 0) / entries.length]),
  ) as Record<LevelId, number>;
}

export type NormViewer = { role: "consultant" } | { role: "manager"; organisationId: string };

export interface NormView {
  /** The entries behind what this viewer sees. */
  contributors: NormEntry[];
  levels: Record<LevelId, number>;
}

/**
 * What a viewer sees of a norm set: the consultant the mean over all organisations; a manager
 * the mean with their own organisation left out, and nothing while it is not in the set.
 */
export function normView(entries: readonly NormEntry[], viewer: NormViewer): NormView | null {
  let contributors: NormEntry[];
  if (viewer.role === "consultant") contributors = [...entries];
  else {
    if (!entries.some((e) => e.organisationId === viewer.organisationId)) return null;
    contributors = entries.filter((e) => e.organisationId !== viewer.organisationId);
  }
  const levels = normMean(contributors);
  return levels && { contributors, levels };
}

/** Mid-rank percentile: the share of the population below the value, counting ties half. */
export function percentileRank(value: number, population: readonly number[]): number {
  if (population.length === 0) return Number.NaN;
  const below = population.filter((x) => x < value).length;
  const equal = population.filter((x) => x === value).length;
  return ((below + equal / 2) / population.length) * 100;
}

/** A round's percentile per level among the profiles of a norm set. */
export function percentilesOf(
  scores: Partial<Record<LevelId, number>>,
  population: readonly NormEntry[],
): Partial<Record<LevelId, number>> {
  const out: Partial<Record<LevelId, number>> = {};
  for (const level of LEVEL_IDS) {
    const value = scores[level];
    if (value !== undefined && population.length > 0)
      out[level] = percentileRank(
        value,
        population.map((e) => e.scores[level]),
      );
  }
  return out;
}
