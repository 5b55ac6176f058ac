/**
 * A round's life: opened, changed while it runs, closed for good. Closing releases the results,
 * and a round that is closed — by hand, or because its closing date has passed — is never opened,
 * re-dated or given codes again (a due one is released on the way). The routes and the CLI both
 * go through here; a trigger holds the same rule in the database for any writer that races them.
 */
import type { AppDeps } from "../app-env.js";
import { codeLimit, codesLeft } from "../domain/access-codes.js";
import {
  calendarDate,
  type Campaign,
  codeRequirementFixed,
  DRAFT_ONLY_FIELDS,
  kCommentsAfter,
  refusedChanges,
  resultsDue,
  type RoundField,
  roundRuleProblems,
  type ThirdGrouping,
} from "../domain/campaign.js";
import {
  type CampaignUnits,
  DEFAULT_ROLES,
  DEFAULT_TENURE,
  type UnitEntry,
  unitsFromEntries,
  withLocations,
} from "../domain/units.js";
import { ApiError } from "../lib/api-error.js";
import { codeCounts } from "../storage/access-codes.js";
import type { AuditRecord } from "../storage/audit.js";
import { changeCampaign, findCampaignById, setCampaignStatus } from "../storage/campaigns.js";
import { refusedBy } from "../storage/database.js";
import { liveRespondents, type StoredRelease } from "../storage/releases.js";
import { issueCodes } from "./access-codes.js";
import { instrumentForCampaign } from "./instruments.js";
import { type ReleaseDeps, releaseOrExplain, underWay } from "./release.js";

export type LifecycleDeps = ReleaseDeps & Pick<Required<AppDeps>, "now">;

const closedForGood = () =>
  new ApiError(
    409,
    "campaign_closed",
    "This round is closed and its results are released; it cannot be opened or changed again.",
  );

const codesTooLate = () =>
  new ApiError(
    409,
    "codes_after_responses",
    "Whether this round requires codes is fixed once it has taken responses. Codes after answers on the open link could never make its results safe to break down by unit (anyone could have answered more than once); dropping codes after coded answers breaks what staff were told. Start a new round instead.",
    [{ path: "requireCode", message: "the round has responses" }],
  );

const issuedCodes = async (deps: LifecycleDeps, campaign: Campaign) =>
  (await codeCounts(deps.db, [campaign.id])).get(campaign.id)?.issued ?? 0;

/** Refuses `count` more codes beyond the round's headcount (domain/access-codes.ts codeLimit). */
export async function assertCodesWithinHeadcount(
  deps: LifecycleDeps,
  campaign: Campaign,
  count: number,
): Promise<void> {
  const left = codesLeft(campaign, await issuedCodes(deps, campaign));
  if (left !== null && count > left)
    throw new ApiError(
      409,
      "codes_beyond_headcount",
      `This round may issue ${left} more codes: one for each member of staff it says it has. Raise the round's headcount first.`,
      [{ path: "count", message: `at most ${left}` }],
    );
}

/**
 * Code issues of one round, one after the other in this process: the check against the headcount
 * and the codes' write would otherwise interleave, and three requests at once each passed the check.
 * (Processes sharing a database each keep their own queue: README, threat model.)
 */
const issuing = new Map<string, Promise<unknown>>();
function oneAtATime<T>(campaignId: string, run: () => Promise<T>): Promise<T> {
  const before = issuing.get(campaignId) ?? Promise.resolve();
  const mine = before.then(run, run);
  const settled = mine.catch(() => undefined);
  issuing.set(campaignId, settled);
  void settled.then(() => {
    if (issuing.get(campaignId) === settled) issuing.delete(campaignId);
  });
  return mine;
}

/**
 * A write the database refused because the round closed meanwhile (another request, another
 * process), or because the round took responses before its code requirement changed (migration
 * 0014), is the same 409 as the
 * check before it would have given.
 */
async function unlessClosed<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (refusedBy(error, "campaign_closed")) throw closedForGood();
    if (refusedBy(error, "codes_after_responses")) throw codesTooLate();
    throw error;
  }
}

/** Refuses a round that is closed or past its closing date; one that is due is released first. */
export async function assertRunning(deps: LifecycleDeps, campaign: Campaign): Promise<void> {
  if (campaign.status === "closed") throw closedForGood();
  if (resultsDue(campaign, calendarDate(deps.now()))) {
    // Being released elsewhere is closed all the same.
    await releaseOrExplain(deps, campaign, deps.now()).catch((error: unknown) => {
      if (!underWay(error)) throw error;
    });
    throw closedForGood();
  }
}

export async function openRound(deps: LifecycleDeps, campaign: Campaign): Promise<Campaign> {
  await assertRunning(deps, campaign);
  await unlessClosed(() => setCampaignStatus(deps.db, campaign.id, "open"));
  return { ...campaign, status: "open" };
}

/**
 * Closes the round and makes its release before returning, so what follows reads final figures;
 * `release` is null when a runner goes on with it in steps (Workers, a large round).
 */
export async function closeRound(
  deps: LifecycleDeps,
  campaign: Campaign,
): Promise<{ campaign: Campaign; release: StoredRelease | null }> {
  if (campaign.status === "draft")
    throw new ApiError(
      409,
      "campaign_draft",
      "A draft round has no responses to release; open it first, or leave it as a draft.",
    );
  // Closing a closed round again is the consultant's retry: it starts at once, whatever the back-off
  // (a release under way elsewhere is not started twice: the runner answers that it runs).
  const release = await releaseOrExplain(deps, campaign, deps.now()).catch((error: unknown) => {
    if (underWay(error)) return null;
    throw error;
  });
  return { campaign: { ...campaign, status: "closed" }, release };
}

/** What a consultant may ask to change of a round: what creation sets, less the organisation. */
export interface RoundEdit {
  title?: string | undefined;
  departments?: UnitEntry[] | undefined;
  roles?: UnitEntry[] | null | undefined;
  tenure?: UnitEntry[] | null | undefined;
  /** The client's own name and question for the third grouping; null: tenure again. */
  thirdGrouping?: ThirdGrouping | null | undefined;
  instrument?: { id: string; version?: number | undefined } | undefined;
  k?: number | undefined;
  kComments?: number | undefined;
  contact?: string | null | undefined;
  expectedHeadcount?: number | null | undefined;
  requireCode?: boolean | undefined;
  opensOn?: string | null | undefined;
  closesOn?: string | null | undefined;
}

/** A round's units after a change of its structure: what the change names, the rest as it was (null: the standard units). */
function unitsAfter(units: CampaignUnits, edit: RoundEdit): CampaignUnits {
  const named = (
    entries: UnitEntry[] | null | undefined,
    standard: CampaignUnits["role"],
    now: CampaignUnits["role"],
  ) => (entries === undefined ? now : entries === null ? standard : unitsFromEntries(entries));
  return withLocations({
    ...units,
    department: named(edit.departments, units.department, units.department),
    role: named(edit.roles, DEFAULT_ROLES, units.role),
    tenure: named(edit.tenure, DEFAULT_TENURE, units.tenure),
  });
}

const refused = (details: { path: string; code: string; message: string }[]) =>
  new ApiError(
    400,
    "invalid_request",
    `This round cannot take that change: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}.`,
    details,
  );

/**
 * Changes a round. A draft may change everything creation sets; an open round only its dates
 * (the opening date until it opens), contact, headcount and code requirement; a closed one nothing
 * (409 campaign_closed). The settings after the change must obey the round rules together. The
 * write is one statement that holds only while the round is still in the state checked here.
 */
export async function changeRound(
  deps: LifecycleDeps,
  campaign: Campaign,
  edit: RoundEdit,
  ownerId: string,
): Promise<Campaign> {
  const fields = (Object.keys(edit) as RoundField[]).filter((f) => edit[f] !== undefined);
  if (fields.length === 0) return campaign;
  await assertRunning(deps, campaign);
  const today = calendarDate(deps.now());
  const contact = edit.contact === undefined ? campaign.contact : edit.contact || null;
  const structureChanged = edit.departments !== undefined || edit.roles !== undefined || edit.tenure !== undefined;
  const next: Campaign = {
    ...campaign,
    ...(edit.title !== undefined ? { title: edit.title } : {}),
    ...(structureChanged ? { units: unitsAfter(campaign.units, edit) } : {}),
    ...(edit.k !== undefined ? { k: edit.k } : {}),
    kComments: kCommentsAfter(campaign, edit),
    contact,
    ...(edit.thirdGrouping !== undefined ? { thirdGrouping: edit.thirdGrouping } : {}),
    ...(edit.expectedHeadcount !== undefined ? { expectedHeadcount: edit.expectedHeadcount } : {}),
    ...(edit.requireCode !== undefined ? { requireCode: edit.requireCode } : {}),
    ...(edit.opensOn !== undefined ? { opensOn: edit.opensOn } : {}),
    ...(edit.closesOn !== undefined ? { closesOn: edit.closesOn } : {}),
  };
  // Every reason at once: what the round's state refuses, and what would not fit together after the change.
  const problems = [...refusedChanges(campaign, fields, edit, today), ...roundRuleProblems(next)];
  if (problems.length > 0) throw refused(problems);
  const instrument =
    edit.instrument && (await instrumentForCampaign(deps.db, deps.instruments, ownerId, edit.instrument));
  if (instrument) Object.assign(next, { instrumentId: instrument.id, instrumentVersion: instrument.version });
  if (
    edit.requireCode !== undefined &&
    codeRequirementFixed(campaign, edit, (await liveRespondents(deps.db, [campaign.id])).get(campaign.id) ?? 0)
  )
    throw codesTooLate();
  // A headcount that holds the round's codes (codeLimit) may grow, never drop below the codes it issued.
  if (edit.expectedHeadcount !== undefined || structureChanged) {
    const issued = await issuedCodes(deps, campaign);
    const limit = codeLimit(next);
    if (issued > 0 && (limit === null || limit < issued))
      throw new ApiError(
        409,
        "codes_beyond_headcount",
        `This round has issued ${issued} codes: its headcount cannot be cleared or set below that.`,
        [{ path: "expectedHeadcount", message: `at least ${issued}` }],
      );
  }
  const draftOnly = fields.some((f) => (DRAFT_ONLY_FIELDS as readonly string[]).includes(f));
  const written = await unlessClosed(() =>
    changeCampaign(
      deps.db,
      campaign.id,
      {
        ...(edit.title !== undefined ? { title: next.title } : {}),
        ...(structureChanged ? { units: next.units } : {}),
        ...(instrument ? { instrumentId: next.instrumentId, instrumentVersion: next.instrumentVersion } : {}),
        ...(next.k !== campaign.k ? { k: next.k } : {}),
        ...(next.kComments !== campaign.kComments ? { kComments: next.kComments } : {}),
        ...(edit.contact !== undefined || edit.thirdGrouping !== undefined
          ? { settings: { thresholds: next.thresholds, contact: next.contact, thirdGrouping: next.thirdGrouping } }
          : {}),
        ...(edit.expectedHeadcount !== undefined ? { expectedHeadcount: next.expectedHeadcount } : {}),
        ...(edit.requireCode !== undefined ? { requireCode: next.requireCode } : {}),
        ...(edit.opensOn !== undefined ? { opensOn: next.opensOn } : {}),
        ...(edit.closesOn !== undefined ? { closesOn: next.closesOn } : {}),
      },
      draftOnly ? ["draft"] : ["draft", "open"],
    ),
  );
  if (!written) {
    // Opened or closed by another request since it was read: say which, as if it had come first.
    const now = await findCampaignById(deps.db, campaign.id);
    if (!now || now.status === "closed") throw closedForGood();
    const notAnyMore = refusedChanges(now, fields, edit, today);
    throw notAnyMore.length > 0 ? refused(notAnyMore) : closedForGood();
  }
  return next;
}

/**
 * Codes let people answer: only a running round gets them, and only one that has taken no answers
 * without them. `audit`: the entry that records it, written in the same batch as the codes.
 */
export async function issueRoundCodes(
  deps: LifecycleDeps,
  campaign: Campaign,
  count: number,
  audit?: AuditRecord,
): Promise<string[]> {
  return oneAtATime(campaign.id, async () => {
    await assertRunning(deps, campaign);
    // Issuing makes the round require codes: not once it has answers without them (the trigger holds it in the write too).
    if (
      codeRequirementFixed(
        campaign,
        { requireCode: true },
        (await liveRespondents(deps.db, [campaign.id])).get(campaign.id) ?? 0,
      )
    )
      throw codesTooLate();
    await assertCodesWithinHeadcount(deps, campaign, count);
    return unlessClosed(() => issueCodes(deps.db, campaign, count, audit));
  });
}
