/**
 * The respondent's side of a campaign: finding an open campaign by its link, and turning a
 * submission into a stored, scored response. Composes the pure core with storage; kept lean,
 * because every respondent of a round may submit in the same few minutes.
 */
import { availability, calendarDate, type Campaign } from "../domain/campaign.js";
import { encodeAnswers } from "../domain/stored-score.js";
import { ASKED_DIMENSIONS } from "../domain/units.js";
import { answersCheck, answersSchema } from "../instruments/answers-schema.js";
import type { Instrument } from "../instruments/instrument.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { ApiError, issueDetails, notFound } from "../lib/api-error.js";
import { sha256Hex } from "../lib/random.js";
import { campaignWrites, findCampaignByToken, findOrganisation } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { type Cell, hasReceipt, storeResponse } from "../storage/responses.js";
import { codeRequired, codeUsed, invalidCode, submittedCodeHash } from "./access-codes.js";
import { resolveInstrument } from "./instruments.js";

export interface OpenCampaign {
  campaign: Campaign;
  instrument: Instrument;
  /** The strict answers schema of this campaign's instrument and units. */
  schema: ReturnType<typeof answersSchema>;
  /** The same rule as one plain function, run first (instruments/answers-schema.ts). */
  accepts: ReturnType<typeof answersCheck>;
}

export const openCampaignOf = (campaign: Campaign, instrument: Instrument): OpenCampaign => ({
  campaign,
  instrument,
  schema: answersSchema(instrument, campaign.units),
  accepts: answersCheck(instrument, campaign.units),
});

/**
 * Campaigns by link, for a few seconds: the submission path then reads nothing before its one
 * write (in a round on codes, only the code's state). Safe because what could go stale is
 * enforced again by the database in that write (open, dates, release, code required), units and
 * instrument never change after creation, and every campaign write in this process empties the
 * cache at once.
 */
const CACHE_MS = 5000;
const cache = new Map<string, { at: number; generation: number; value: OpenCampaign }>();

async function campaignByToken(
  db: Db,
  instruments: InstrumentRegistry,
  token: string,
): Promise<OpenCampaign | undefined> {
  const hit = cache.get(token);
  const now = Date.now();
  if (hit && hit.generation === campaignWrites() && now - hit.at < CACHE_MS) return hit.value;
  const campaign = await findCampaignByToken(db, token);
  let value: OpenCampaign | undefined;
  if (campaign) {
    const instrument = await resolveInstrument(db, instruments, campaign.instrumentId, campaign.instrumentVersion);
    if (!instrument)
      throw new Error(`instrument ${campaign.instrumentId} v${campaign.instrumentVersion} is not installed`);
    value = openCampaignOf(campaign, instrument);
  }
  if (cache.size >= 1000) cache.clear();
  // Unknown links are not cached: guessing tokens must not fill the cache.
  if (value) cache.set(token, { at: now, generation: campaignWrites(), value });
  return value;
}

/** The campaign behind a survey link, if it takes responses today; 404 or 410 otherwise. */
export async function findOpenCampaign(
  db: Db,
  instruments: InstrumentRegistry,
  token: string,
  now: Date,
): Promise<OpenCampaign> {
  const open = await findLinkedCampaign(db, instruments, token);
  assertTakingResponses(open.campaign, now);
  return open;
}

/** The campaign behind a survey link, whatever its state; 404 for an unknown link. */
export async function findLinkedCampaign(
  db: Db,
  instruments: InstrumentRegistry,
  token: string,
): Promise<OpenCampaign> {
  const open = await campaignByToken(db, instruments, token);
  if (!open) throw notFound("Survey");
  return open;
}

/** 410 unless the campaign takes responses on `now`'s date. */
function assertTakingResponses(campaign: Campaign, now: Date): void {
  const state = availability(campaign, calendarDate(now));
  if (state === "closed") throw closed();
  if (state === "not_yet_open") throw new ApiError(410, "campaign_not_open", "This survey is not open yet.");
}

const closed = () => new ApiError(410, "campaign_closed", "This survey is closed.");

export interface Submission {
  submissionId: string;
  answers: Record<string, unknown>;
  /** The single-use code, when the campaign requires one. */
  accessCode?: string | undefined;
}

export type Sha256 = (text: string) => string | Promise<string>;

const receiptKey = (campaign: Campaign, submissionId: string, sha256: Sha256) =>
  sha256(`${campaign.id}:${submissionId.toLowerCase()}`);

/** Whether this submissionId was stored in this round before (its receipt exists). */
export async function storedBefore(
  db: Db,
  campaign: Campaign,
  submissionId: string,
  sha256: Sha256 = sha256Hex,
): Promise<boolean> {
  return hasReceipt(db, campaign.id, await receiptKey(campaign, submissionId, sha256));
}

/**
 * A submission to the round behind a link: "stored" when the round takes responses; a
 * "duplicate" if this submissionId was stored before (a browser that lost the 201 retries with
 * the same id, also after the close); else a 4xx (410 once the round no longer takes responses).
 */
export async function receiveSubmission(
  db: Db,
  open: OpenCampaign,
  submission: Submission,
  today: Date,
  sha256: Sha256 = sha256Hex,
): Promise<"stored" | "duplicate"> {
  try {
    assertTakingResponses(open.campaign, today);
  } catch (refusal) {
    if (await storedBefore(db, open.campaign, submission.submissionId, sha256)) return "duplicate";
    throw refusal;
  }
  return submitResponse(db, open, submission, today, sha256);
}

/** The answers as the campaign's schema accepts them; 400 with the schema's issues otherwise. */
function validAnswers(open: OpenCampaign, answers: Record<string, unknown>): Record<string, unknown> {
  if (open.accepts(answers)) return answers;
  const parsed = open.schema.safeParse(answers);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    400,
    "invalid_answers",
    "Some answers are missing or not allowed.",
    issueDetails(parsed.error.issues, "answers"),
  );
}

export async function submitResponse(
  db: Db,
  open: OpenCampaign,
  submission: Submission,
  today: Date,
  sha256: Sha256 = sha256Hex,
): Promise<"stored" | "duplicate"> {
  const answers = validAnswers(open, submission.answers);
  const { campaign, instrument } = open;
  let comment: string | null = null;
  if (instrument.commentQuestion) {
    // Stored beside the scored form, which holds only what is scored (encodeAnswers).
    const text = answers[instrument.commentQuestion];
    if (typeof text === "string" && text.trim() !== "") comment = text.trim();
  }
  const cell = {} as Cell;
  for (const d of ASKED_DIMENSIONS) {
    const question = instrument.groupings[d];
    const value = question ? answers[question] : undefined;
    cell[d] = typeof value === "string" ? value : "";
  }

  const keyHash = await receiptKey(campaign, submission.submissionId, sha256);
  const accessCodeHash = campaign.requireCode ? submittedCodeHash(campaign, submission.accessCode) : undefined;
  const result = await storeResponse(db, {
    campaignId: campaign.id,
    instrumentVersion: instrument.version,
    keyHash,
    submittedOn: calendarDate(today),
    cell,
    scores: encodeAnswers(instrument.key, answers),
    comment,
    ...(accessCodeHash ? { accessCodeHash } : {}),
  });
  switch (result) {
    case "stored":
    case "duplicate":
      return result;
    case "code_used":
      throw codeUsed();
    case "closed": {
      // Refused by the database: closed since this link was read, or it started requiring codes.
      const current = await findCampaignByToken(db, campaign.token);
      if (current && !accessCodeHash && current.requireCode && availability(current, calendarDate(today)) === "open")
        throw codeRequired();
      throw closed();
    }
    case "code_unknown":
      throw invalidCode();
  }
}

/** The name of the organisation that asks staff to take part: the survey page says who is asking. */
export async function organisationName(db: Db, organisationId: string): Promise<string> {
  return (await findOrganisation(db, organisationId))?.name ?? "";
}
