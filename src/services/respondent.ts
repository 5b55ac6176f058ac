/**
 * The respondent's side of a campaign: finding an open campaign by its link, and turning a
 * submission into a stored, scored, aggregated response. Composes the pure core with storage.
 */
import { availability, calendarDate, type Campaign } from "../domain/campaign.js";
import { scoreResponse } from "../domain/scoring.js";
import { DIMENSIONS } from "../domain/units.js";
import { ApiError, issueDetails, notFound } from "../lib/api-error.js";
import { sha256Hex } from "../lib/random.js";
import { answersSchema } from "../instruments/answers-schema.js";
import type { Instrument } from "../instruments/instrument.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { resolveInstrument } from "./instruments.js";
import { findCampaignByToken } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { storeResponse, type Cell, type StoreResult } from "../storage/responses.js";
import { codeUsed, knownCodeHash } from "./access-codes.js";

export interface OpenCampaign {
  campaign: Campaign;
  instrument: Instrument;
}

/** The campaign behind a survey link, if it takes responses today; 404 or 410 otherwise. */
export async function findOpenCampaign(db: Db, instruments: InstrumentRegistry, token: string, now: Date): Promise<OpenCampaign> {
  const campaign = await findCampaignByToken(db, token);
  if (!campaign) throw notFound("Survey");
  const state = availability(campaign, calendarDate(now));
  if (state === "closed") throw new ApiError(410, "campaign_closed", "This survey is closed.");
  if (state === "not_yet_open") throw new ApiError(410, "campaign_not_open", "This survey is not open yet.");
  const instrument = await resolveInstrument(db, instruments, campaign.instrumentId, campaign.instrumentVersion);
  if (!instrument) throw new Error(`instrument ${campaign.instrumentId} v${campaign.instrumentVersion} is not installed`);
  return { campaign, instrument };
}

// Building a zod schema per request is wasteful; campaigns are few and their units rarely change.
const schemaCache = new Map<string, ReturnType<typeof answersSchema>>();

function schemaFor({ campaign, instrument }: OpenCampaign) {
  const key = `${campaign.id}|${instrument.id}@${instrument.version}|${JSON.stringify(campaign.units)}`;
  let schema = schemaCache.get(key);
  if (!schema) {
    if (schemaCache.size >= 500) schemaCache.clear();
    schema = answersSchema(instrument, campaign.units);
    schemaCache.set(key, schema);
  }
  return schema;
}

export interface Submission {
  submissionId: string;
  answers: Record<string, unknown>;
  /** The single-use code, when the campaign requires one. */
  accessCode?: string | undefined;
}

export async function submitResponse(db: Db, open: OpenCampaign, submission: Submission, now: Date): Promise<Exclude<StoreResult, "code_used">> {
  const parsed = schemaFor(open).safeParse(submission.answers);
  if (!parsed.success) {
    throw new ApiError(400, "invalid_answers", "Some answers are missing or not allowed.", issueDetails(parsed.error.issues, "answers"));
  }
  const { campaign, instrument } = open;
  const answers: Record<string, unknown> = { ...parsed.data };
  let comment: string | null = null;
  if (instrument.commentQuestion) {
    const text = answers[instrument.commentQuestion];
    delete answers[instrument.commentQuestion];
    if (typeof text === "string" && text.trim() !== "") comment = text.trim();
  }
  const cell = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const question = instrument.groupings[d];
      const value = question ? answers[question] : undefined;
      return [d, typeof value === "string" ? value : ""];
    }),
  ) as unknown as Cell;

  const keyHash = await sha256Hex(`${campaign.id}:${submission.submissionId.toLowerCase()}`);
  const accessCodeHash = campaign.requireCode ? (await knownCodeHash(db, campaign, submission.accessCode)).hash : undefined;
  const result = await storeResponse(db, {
    campaignId: campaign.id,
    instrumentVersion: instrument.version,
    keyHash,
    submittedOn: calendarDate(now),
    cell,
    answers,
    comment,
    score: scoreResponse(instrument.key, answers),
    ...(accessCodeHash ? { accessCodeHash } : {}),
  });
  if (result === "code_used") throw codeUsed();
  return result;
}
