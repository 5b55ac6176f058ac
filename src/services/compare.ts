/**
 * Side-by-side comparison of a consultant's campaigns, possibly from different organisations:
 * seven-level profiles, start-here levels, decision-factor mixes, the consultant's latest norm
 * set with each campaign's percentile per level among its organisations, and Cronbach's alpha
 * per level. Campaigns without a release
 * (still running) or below k are named as excluded and contribute nothing.
 */
import { percentilesOf } from "../domain/benchmark.js";
import { roundDate } from "../domain/campaign.js";
import type { LevelId } from "../domain/levels.js";
import { ALPHA_WARNING_BELOW } from "../domain/reliability.js";
import { levelReliabilities } from "../domain/report.js";
import { round } from "../domain/statistics.js";
import { notFound } from "../lib/api-error.js";
import type { Db } from "../storage/database.js";
import { consultantNorms } from "./norm-sets.js";
import { consultantProfiles, overview, type Profiled, toBenchmarkProfile } from "./profiles.js";

const roundValues = (record: Partial<Record<LevelId, number>>, digits = 1) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, round(v, digits)])) as Partial<Record<LevelId, number>>;

/**
 * Alpha per level of a released campaign that reached k, as its report shows it (levelReliabilities):
 * over all of a level's items, or — where someone answered "not applicable" — the round's alpha over
 * those who answered every item, when they are at least k. A level without either is left out.
 */
export function reliabilityOf(profiled: readonly Profiled[]) {
  return new Map(
    profiled.map((p) => [
      p.campaign.id,
      p.group ? levelReliabilities(p.group).map((r) => ({ ...r, warning: r.alpha < ALPHA_WARNING_BELOW })) : null,
    ]),
  );
}

export async function compareCampaigns(db: Db, consultantId: string, campaignIds: readonly string[]) {
  const { organisations, profiles } = await consultantProfiles(db, consultantId);
  const byId = new Map(profiles.map((p) => [p.campaign.id, p]));
  const chosen = campaignIds.map((id) => {
    const found = byId.get(id);
    if (!found) throw notFound("Campaign"); // not one of this consultant's: indistinguishable from absent
    return found;
  });
  // The published norm set, never a live mean: a comparison must not move when a round is released.
  const norms = await consultantNorms(db, consultantId);
  // The rounds with a group to read (released, k reached), each with its overview.
  const included = chosen.flatMap((p) => {
    const seen = overview(p);
    return seen ? [{ p, seen }] : [];
  });
  const reliability = reliabilityOf(included.map(({ p }) => p));
  const describe = (p: Profiled) => ({
    id: p.campaign.id,
    title: p.campaign.title,
    organisation: { id: p.campaign.organisationId, name: organisations.get(p.campaign.organisationId) ?? "" },
    date: roundDate(p.campaign),
    n: p.n,
    k: p.campaign.k,
  });
  return {
    campaigns: included.map(({ p, seen }) => ({
      ...describe(p),
      instrument: { id: p.campaign.instrumentId, version: p.campaign.instrumentVersion },
      ...seen,
      percentiles: norms ? roundValues(percentilesOf(toBenchmarkProfile(p).scores, norms.entries), 0) : null,
      reliability: reliability.get(p.campaign.id) ?? [],
    })),
    excluded: chosen
      .filter((p) => !p.group)
      .map((p) => ({ ...describe(p), reason: p.release ? ("below_k" as const) : ("not_released" as const) })),
    benchmark: norms?.line ?? null,
  };
}
