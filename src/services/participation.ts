/**
 * A round's participation, the one thing readable while it runs: respondents, response rate and
 * respondents per unit (from k), with the dates that say when results come. Once released, the
 * counts are the release's. Its shape is its schema (schemas/campaign-view.ts).
 */
import type { ResolvedDeps } from "../app-env.js";
import { roundResponseRate } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import type { CountedCell } from "../domain/disclosure.js";
import { releasedParticipation, unitParticipationSteps } from "../domain/participation.js";
import { scopedUnits } from "../domain/reader-scope.js";
import { ATTEMPT_ADVICE, type AttemptState } from "../domain/release-attempts.js";
import { stepwise } from "../lib/steps.js";
import type { Participation } from "../schemas/campaign-view.js";
import type { User } from "../storage/accounts.js";
import { findAttempt } from "../storage/release-attempts.js";
import { findRelease } from "../storage/releases.js";
import { readerScope } from "./access.js";
import { liveCells, liveCodes } from "./live-counts.js";
import { nextTurn, releaseRunning } from "./release.js";

/** `user`: what their access covers narrows the units (reader-scope.ts). */
export async function participation(
  deps: Pick<ResolvedDeps, "db" | "now" | "releaseRunner">,
  campaign: Campaign,
  user: User,
): Promise<Participation> {
  const { db, now } = deps;
  const release = await findRelease(db, campaign.id);
  const found = release ? undefined : await findAttempt(db, campaign.id);
  // An attempt not yet ended is "interrupted" in the file until it ends; the one being made now says so.
  const reason: AttemptState | undefined =
    found && (await releaseRunning(deps, campaign.id)) ? "running" : found?.reason;
  const attempt = found && reason && { attempts: found.attempts, reason, nextAttemptAt: found.nextAttemptAt };
  const cells = release ? [] : await liveCells(db, campaign.id, now().getTime());
  const respondents = release ? release.respondents : cells.reduce((n, c) => n + c.n, 0);
  const codes = (await liveCodes(db, [campaign.id], now().getTime())).get(campaign.id) ?? { issued: 0, used: 0 };
  return {
    status: release ? "closed" : campaign.status,
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    released: release !== undefined,
    releasedOn: release?.releasedOn ?? null,
    releaseAttempt: attempt ? { ...attempt, advice: ATTEMPT_ADVICE[attempt.reason] } : null,
    k: campaign.k,
    respondents,
    responseRate: roundResponseRate(respondents, campaign, codes),
    units: scopedUnits(
      release ? releasedParticipation(release.plan, campaign.units) : await liveUnits(cells, campaign),
      await readerScope(db, user, campaign.organisationId),
    ),
  };
}

/**
 * Counts per unit, made once per live snapshot (the cells are the same array for its 30 s) and a
 * step at a time: a large structure's audit lets other requests in between its steps.
 */
const madeFor = new WeakMap<readonly CountedCell[], Promise<Participation["units"]>>();
function liveUnits(cells: readonly CountedCell[], campaign: Campaign): Promise<Participation["units"]> {
  let made = madeFor.get(cells);
  if (!made) madeFor.set(cells, (made = stepwise(unitParticipationSteps(cells, campaign.units, campaign.k), nextTurn)));
  return made;
}
