/**
 * A round's life: opened, changed while it runs, closed for good. Closing releases the results,
 * and a round that is closed — by hand, or because its closing date has passed — is never opened,
 * re-dated or given codes again (a due one is released on the way). The routes and the CLI both
 * go through here; a trigger holds the same rule in the database for any writer that races them.
 */
import type { AppDeps } from "../app-env.js";
import { calendarDate, codesAfterResponses, resultsDue, type Campaign } from "../domain/campaign.js";
import { ApiError } from "../lib/api-error.js";
import { setCampaignStatus, updateCampaignSettings, type CampaignSettings } from "../storage/campaigns.js";
import type { AuditRecord } from "../storage/audit.js";
import { refusedBy } from "../storage/database.js";
import { liveRespondents, type StoredRelease } from "../storage/releases.js";
import { issueCodes } from "./access-codes.js";
import { release, type ReleaseDeps } from "./release.js";

export type LifecycleDeps = ReleaseDeps & Pick<Required<AppDeps>, "now">;

export const closedForGood = () => new ApiError(409, "campaign_closed", "This round is closed and its results are released; it cannot be opened or changed again.");

/** A write the database refused because the round closed meanwhile (another request, another process) is the same 409. */
async function unlessClosed<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (refusedBy(error, "campaign_closed")) throw closedForGood();
    throw error;
  }
}

/** Refuses a round that is closed or past its closing date; one that is due is released first. */
export async function assertRunning(deps: LifecycleDeps, campaign: Campaign): Promise<void> {
  if (campaign.status === "closed") throw closedForGood();
  if (resultsDue(campaign, calendarDate(deps.now()))) {
    await release(deps, campaign, deps.now());
    throw closedForGood();
  }
}

export async function openRound(deps: LifecycleDeps, campaign: Campaign): Promise<Campaign> {
  await assertRunning(deps, campaign);
  await unlessClosed(() => setCampaignStatus(deps.db, campaign.id, "open"));
  return { ...campaign, status: "open" };
}

/** Closes the round and makes its release before returning, so what follows reads final figures. */
export async function closeRound(deps: LifecycleDeps, campaign: Campaign): Promise<{ campaign: Campaign; release: StoredRelease }> {
  if (campaign.status === "draft") throw new ApiError(409, "campaign_draft", "A draft round has no responses to release; open it first, or leave it as a draft.");
  return { campaign: { ...campaign, status: "closed" }, release: await release(deps, campaign, deps.now()) };
}

/** Dates and the code requirement change only while the round runs; the headcount always may. */
export async function changeRound(deps: LifecycleDeps, campaign: Campaign, settings: CampaignSettings): Promise<Campaign> {
  if (settings.opensOn !== undefined || settings.closesOn !== undefined || settings.requireCode !== undefined) await assertRunning(deps, campaign);
  if (settings.requireCode !== undefined && codesAfterResponses(campaign, settings, (await liveRespondents(deps.db, [campaign.id])).get(campaign.id) ?? 0)) {
    throw new ApiError(
      409,
      "codes_after_responses",
      "This round has taken responses on its open link, so it cannot start requiring codes now: its results could never be broken down by unit (anyone could have answered more than once). Start a new round on codes instead.",
      [{ path: "requireCode", message: "responses without codes exist" }],
    );
  }
  await unlessClosed(() => updateCampaignSettings(deps.db, campaign.id, settings));
  return { ...campaign, ...settings };
}

/** Codes let people answer: only a running round gets them. */
/** `audit`: the entry that records it, written in the same batch as the codes. */
export async function issueRoundCodes(deps: LifecycleDeps, campaign: Campaign, count: number, audit?: AuditRecord): Promise<string[]> {
  await assertRunning(deps, campaign);
  return unlessClosed(() => issueCodes(deps.db, campaign, count, audit));
}
