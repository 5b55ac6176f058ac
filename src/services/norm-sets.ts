/**
 * Norm sets: the consultant's benchmark, published on request and frozen (the rules and why are
 * in src/domain/benchmark.ts). Reports, comparisons and percentiles read the consultant's latest
 * set and nothing else, so no release moves a benchmark line.
 */
import {
  MIN_NEW_ORGANISATIONS,
  MIN_NORM_ORGANISATIONS,
  type NormEntry,
  type NormPlan,
  normView,
  type NormViewer,
  planNormSet,
} from "../domain/benchmark.js";
import type { Campaign } from "../domain/campaign.js";
import { levelBars, type Thresholds } from "../domain/level-bars.js";
import type { LevelId } from "../domain/levels.js";
import { round } from "../domain/statistics.js";
import { ApiError } from "../lib/api-error.js";
import { defined } from "../lib/invariant.js";
import { accessibleOrganisations, type User } from "../storage/accounts.js";
import { findCampaignById, findOrganisation, listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { insertNormSet, latestNormSet, listNormSets, type StoredNormSet } from "../storage/norm-sets.js";
import { consultantProfiles, toBenchmarkProfile } from "./profiles.js";

/** A benchmark line as shown: rounded levels; for the consultant also its breadth and date. */
export interface BenchmarkLine {
  levels: Partial<Record<LevelId, number>>;
  campaigns?: number;
  organisations?: number;
  madeOn?: string;
}

const rounded = <T extends Partial<Record<LevelId, number>>>(levels: T): T =>
  Object.fromEntries(Object.entries(levels).map(([level, score]) => [level, round(score as number)])) as T;

/** What a viewer sees of a set, or null (a manager whose organisation is not in it). */
function lineOf(set: Pick<StoredNormSet, "entries" | "madeOn">, viewer: NormViewer): BenchmarkLine | null {
  const view = normView(set.entries, viewer);
  if (!view) return null;
  // Managers never see how broad the line is: that would tell them when it changes by how much.
  if (viewer.role === "manager") return { levels: rounded(view.levels) };
  // One round per organisation: the counts are equal, and both are said.
  return {
    levels: rounded(view.levels),
    organisations: view.contributors.length,
    campaigns: view.contributors.length,
    madeOn: set.madeOn,
  };
}

/**
 * The benchmark line this user sees next to a campaign of this organisation: the consultant's
 * latest norm set; managers only when the consultant enabled it, with their own organisation left out.
 */
export async function organisationBenchmark(db: Db, user: User, organisationId: string): Promise<BenchmarkLine | null> {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation?.consultantId) return null;
  if (user.role === "manager" && !organisation.benchmarkForManagers) return null;
  const set = await latestNormSet(db, organisation.consultantId);
  if (!set) return null;
  return lineOf(set, user.role === "consultant" ? { role: "consultant" } : { role: "manager", organisationId });
}

/**
 * The bars a round's levels are judged against when it is released (domain/level-bars.ts): per
 * level from the consultant's latest norm set as the round's managers see it — only where the
 * consultant shows them the benchmark line, since the bars trace its shape — when it holds enough
 * other organisations all measured with the round's instrument; else the round's one bar.
 */
export async function releaseBars(db: Db, campaign: Campaign): Promise<Thresholds> {
  const organisation = await findOrganisation(db, campaign.organisationId);
  const consultantId = organisation?.benchmarkForManagers ? organisation.consultantId : null;
  const set = consultantId ? await latestNormSet(db, consultantId) : undefined;
  const view = set ? normView(set.entries, { role: "manager", organisationId: campaign.organisationId }) : null;
  if (!view) return levelBars(campaign.thresholds, null, false);
  const rounds = await Promise.all(view.contributors.map((e) => findCampaignById(db, e.campaignId)));
  const sameInstrument = rounds.every(
    (r) => r?.instrumentId === campaign.instrumentId && r.instrumentVersion === campaign.instrumentVersion,
  );
  return levelBars(campaign.thresholds, view, sameInstrument);
}

/** What a published norm set always has: enough organisations for a mean of every level. */
const NORM_MEAN = "a stored norm set has a mean the consultant sees";

/** The consultant's latest norm set as the consultant sees it, with its entries for percentiles. */
export async function consultantNorms(
  db: Db,
  consultantId: string,
): Promise<{ line: BenchmarkLine; entries: NormEntry[] } | null> {
  const set = await latestNormSet(db, consultantId);
  return set ? { line: defined(lineOf(set, { role: "consultant" }), NORM_MEAN), entries: set.entries } : null;
}

const REFUSALS: Record<Exclude<NormPlan, { ok: true }>["reason"], (plan: Exclude<NormPlan, { ok: true }>) => string> = {
  too_few_organisations: (p) =>
    `A norm set needs at least ${MIN_NORM_ORGANISATIONS} organisations with a released round that reached k and measured all seven levels; ${p.qualifying} have one now.`,
  too_few_new_organisations: (p) =>
    `A new norm set must add at least ${MIN_NEW_ORGANISATIONS} organisations that are not in the previous one, so that no single round can be read from the change between two sets; ${p.added} would be new. A newer round of an organisation already in the set does not count.`,
};

/** Where a consultant stands: what publishing now would do. */
async function plan(db: Db, consultantId: string) {
  const previous = await latestNormSet(db, consultantId);
  // Releases only: running rounds count nothing, so their responses are not counted either.
  const { organisations, profiles } = await consultantProfiles(db, consultantId, { participation: false });
  return {
    previous,
    organisations,
    profiles,
    plan: planNormSet(profiles.map(toBenchmarkProfile), previous?.entries ?? null),
  };
}

/**
 * Publishes the consultant's next norm set, frozen as of `today` — or, when the rules refuse it,
 * stores nothing and says why.
 */
export async function tryPublishNormSet(db: Db, consultantId: string, today: string) {
  const { previous, organisations, profiles, plan: verdict } = await plan(db, consultantId);
  if (!verdict.ok) return { ok: false as const, refusal: verdict, first: !previous };
  const stored = await insertNormSet(db, {
    consultantId,
    seq: (previous?.seq ?? 0) + 1,
    madeOn: today,
    entries: verdict.entries,
  });
  if (!stored)
    throw new ApiError(
      409,
      "norm_set_conflict",
      "Another norm set was published at the same moment; reload and try again.",
    );
  return {
    ok: true as const,
    set: describeSet(stored, organisations, new Map(profiles.map((p) => [p.campaign.id, p.campaign]))),
  };
}

/** As tryPublishNormSet, with a refusal as a 409 that names the rule. */
export async function publishNormSet(db: Db, consultantId: string, today: string) {
  const result = await tryPublishNormSet(db, consultantId, today);
  if (result.ok) return result.set;
  const { refusal, first } = result;
  throw new ApiError(409, refusal.reason, REFUSALS[refusal.reason](refusal), [
    { path: "organisations", message: `${refusal.qualifying} qualify, ${MIN_NORM_ORGANISATIONS} needed` },
    ...(first ? [] : [{ path: "newOrganisations", message: `${refusal.added} new, ${MIN_NEW_ORGANISATIONS} needed` }]),
  ]);
}

/** A set as the consultant sees it in lists: its date, breadth and mean. */
function summaryOf(set: StoredNormSet) {
  const view = defined(normView(set.entries, { role: "consultant" }), NORM_MEAN);
  return {
    id: set.id,
    madeOn: set.madeOn,
    organisations: view.contributors.length,
    campaigns: view.contributors.length,
    levels: rounded(view.levels),
  };
}

/** A set with the organisations and rounds it holds (the consultant's own clients, by name). */
function describeSet(
  set: StoredNormSet,
  organisations: ReadonlyMap<string, string>,
  campaigns: ReadonlyMap<string, Pick<Campaign, "title">>,
) {
  return {
    ...summaryOf(set),
    members: set.entries.map((e) => ({
      organisation: { id: e.organisationId, name: organisations.get(e.organisationId) ?? "" },
      campaign: { id: e.campaignId, title: campaigns.get(e.campaignId)?.title ?? "" },
    })),
  };
}

export async function normSetDetail(db: Db, set: StoredNormSet) {
  const organisations = await accessibleOrganisations(db, { id: set.consultantId, role: "consultant" });
  const campaigns = await listCampaigns(
    db,
    organisations.map((o) => o.id),
  );
  return describeSet(set, new Map(organisations.map((o) => [o.id, o.name])), new Map(campaigns.map((c) => [c.id, c])));
}

/** The consultant's sets, latest first, and whether a new one could be published now. */
export async function normSetOverview(db: Db, consultantId: string) {
  const { plan: verdict, previous } = await plan(db, consultantId);
  const sets = await listNormSets(db, consultantId);
  return {
    sets: sets.map(summaryOf),
    next: {
      qualifying: verdict.ok ? verdict.entries.length : verdict.qualifying,
      newOrganisations: verdict.ok ? verdict.added.length : verdict.added,
      refusal: verdict.ok ? null : verdict.reason,
      first: !previous,
    },
  };
}
