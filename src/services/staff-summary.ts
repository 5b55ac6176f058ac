/**
 * The results summary for staff, shared by link. A consultant or an unscoped manager makes the
 * link (a random 256-bit token in the link's fragment; only its SHA-256 is stored), replaces it by
 * sharing again, or revokes it; each is an audit entry in the same batch. Whoever holds the link
 * reads the round as a whole — the group the release's disclosure plan publishes once the round
 * reached k — with the start-here explanation and the plan's actions (domain/staff-summary.ts),
 * and nothing else: no organisation id, no other round, no unit, no comment. A round below k has
 * no summary and no link.
 */
import { auditMinute } from "../domain/audit.js";
import type { Campaign } from "../domain/campaign.js";
import { LINK_TOKEN_BYTES } from "../domain/links.js";
import { type StaffSummary, staffSummary } from "../domain/staff-summary.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { ApiError, notFound, tooManyRequests } from "../lib/api-error.js";
import { createClientKeys } from "../lib/client-keys.js";
import { clientNetwork } from "../lib/client-network.js";
import { defined } from "../lib/invariant.js";
import { randomToken } from "../lib/random.js";
import { createRateLimiter } from "../lib/rate-limit.js";
import type { User } from "../storage/accounts.js";
import {
  campaignOfSummary,
  deleteSummaryLinkStatement,
  saveSummaryLinkStatement,
  summaryLinkExists,
} from "../storage/action-plans.js";
import { auditInsert, auditInsertWhere } from "../storage/audit.js";
import { findCampaignById, findOrganisation } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { assertPlanEditor, planContent } from "./action-plans.js";
import { auditRecord } from "./audit.js";
import { notReleased, releaseOf } from "./release.js";
import { roundReport } from "./round-report.js";

export interface SummaryDeps {
  db: Db;
  instruments: InstrumentRegistry;
  now: () => Date;
  sha256: (text: string) => string | Promise<string>;
}

const belowK = (campaign: Campaign) =>
  new ApiError(
    409,
    "too_small",
    `This round has fewer than ${campaign.k} respondents: nothing of it is published, so there is no summary to share.`,
    [{ path: "respondents", message: "below k" }],
  );

const roundRef = (campaign: Campaign) => ({ campaignId: campaign.id, title: campaign.title });

/**
 * Makes the round's link (replacing any earlier one) and returns the token, which is stored nowhere.
 * The same editors as the plan's: a manager scoped to departments is refused (403) before anything else.
 */
export async function shareSummary(
  deps: SummaryDeps,
  campaign: Campaign,
  user: User,
): Promise<{ token: string; createdAt: string }> {
  const { db, now } = deps;
  await assertPlanEditor(db, user, campaign);
  if (!(await releaseOf(deps, campaign, now()))) throw notReleased(campaign);
  if (!(await roundReport(deps, campaign))) throw belowK(campaign);
  const token = randomToken(LINK_TOKEN_BYTES);
  const createdAt = auditMinute(now());
  await db.batch([
    saveSummaryLinkStatement(db, {
      campaignId: campaign.id,
      tokenHash: await deps.sha256(token),
      createdBy: user.id,
      createdAt,
    }),
    auditInsert(
      db,
      auditRecord(deps, user.id, campaign.organisationId, { action: "summary_shared", detail: roundRef(campaign) }),
    ),
  ]);
  return { token, createdAt };
}

/** Revokes the round's link (the plan's editors only); an entry only when there was one. */
export async function revokeSummary(
  deps: Omit<SummaryDeps, "sha256" | "instruments">,
  campaign: Campaign,
  user: User,
): Promise<void> {
  const { db } = deps;
  await assertPlanEditor(db, user, campaign);
  await db.batch([
    auditInsertWhere(
      db,
      auditRecord(deps, user.id, campaign.organisationId, { action: "summary_revoked", detail: roundRef(campaign) }),
      summaryLinkExists(campaign.id),
    ),
    deleteSummaryLinkStatement(db, campaign.id),
  ]);
}

/** The summary a link opens; 404 for a link that is unknown, revoked or replaced, or a round that publishes nothing. */
export async function summaryFor(deps: SummaryDeps, token: string): Promise<StaffSummary> {
  const { db } = deps;
  const campaignId = token.length > 128 ? undefined : await campaignOfSummary(db, await deps.sha256(token));
  const campaign = campaignId ? await findCampaignById(db, campaignId) : undefined;
  const report = campaign ? await roundReport(deps, campaign) : null;
  if (!campaign || !report) throw notFound("Summary");
  const organisation = await findOrganisation(db, campaign.organisationId);
  const release = defined(await releaseOf(deps, campaign, deps.now()), "a round with a report has its release");
  const plan = await planContent(db, campaign.id, report.startHere?.level ?? null);
  return staffSummary(
    { organisation: organisation?.name ?? "", title: campaign.title, releasedOn: release.releasedOn, k: campaign.k },
    report,
    plan,
  );
}

/** Unknown links tried per client network per window, before it is refused for the rest of the window. */
export const MAX_LINK_MISSES = 30;
const LINK_MISS_WINDOW_MS = 15 * 60 * 1000;

export interface SummaryLookups {
  /** Runs `read`; a found link is always served, an unknown one counts against the client's budget (429 beyond it). */
  read<T>(client: string | undefined, now: Date, read: () => Promise<T>): Promise<T>;
}

/**
 * The public route's limit: a link is 256 random bits, so guessing is hopeless anyway; the limit
 * answers a network that keeps trying unknown links with 429 instead of a quick 404. Counted in memory only, under keyed hashes
 * of the client's network (as the respondent limits); an unknown address is not limited.
 */
export function createSummaryLookups(): SummaryLookups {
  const misses = createRateLimiter({ limit: MAX_LINK_MISSES, windowMs: LINK_MISS_WINDOW_MS });
  const keys = createClientKeys(() => misses.clear());
  return {
    async read(client, now, read) {
      if (!client) return read();
      try {
        // A link that works is served whatever the network tried before: staff behind one office
        // address opening an old, replaced link must not lock everyone out of the current one.
        return await read();
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        const nowMs = now.getTime();
        const taken = misses.take(keys.keyOf(`summary\n${clientNetwork(client)}`, nowMs), nowMs);
        if (!taken.allowed)
          throw tooManyRequests(
            "too_many_requests",
            "Too many links that do not work were tried from your network.",
            taken.retryAfterMs / 1000,
          );
        throw error;
      }
    },
  };
}
