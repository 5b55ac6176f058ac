/**
 * Issuing and checking single-use access codes. The plain codes exist only in the answer to the
 * consultant who issues them; the database keeps SHA-256(campaign id : code) and a used flag.
 */
import { CODE_LENGTH, codeFromBytes, normaliseCode } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import { ApiError } from "../lib/api-error.js";
import { sha256Hex } from "../lib/random.js";
import { codeState, insertCodes } from "../storage/access-codes.js";
import type { AuditRecord } from "../storage/audit.js";
import type { Db } from "../storage/database.js";

/** How a code of a round is stored: only this hash, never the code (staff invitations keep the same hash to ask whether it was used). */
export const codeHash = (campaignId: string, code: string) => sha256Hex(`${campaignId}:${code}`);

/** Issues `count` new codes and makes the campaign require one: codes that are optional would say nothing about response rate. */
export async function issueCodes(db: Db, campaign: Campaign, count: number, audit?: AuditRecord): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(codeFromBytes(crypto.getRandomValues(new Uint8Array(CODE_LENGTH))));
  const list = [...codes];
  await insertCodes(
    db,
    campaign.id,
    list.map((code) => codeHash(campaign.id, code)),
    audit,
  );
  return list;
}

/**
 * The hash of a code as given to this campaign, or a 4xx: missing (400), not shaped like a code
 * (403). Whether the campaign issued it, and whether it is still unused, is for the store to decide,
 * atomically, in the statement that stores the response (its trigger refuses an unknown code, the
 * table's check a used one; a retry of a stored submission is a duplicate): a submission reads nothing first.
 */
export function submittedCodeHash(campaign: Campaign, input: string | undefined): string {
  if (input === undefined || input.trim() === "") throw codeRequired();
  const code = normaliseCode(input);
  if (!code) throw invalidCode();
  return codeHash(campaign.id, code);
}

/** The hash of a code this campaign issued and whether it is used, or a 4xx: missing (400), not a code of this campaign (403). */
async function knownCodeHash(
  db: Db,
  campaign: Campaign,
  input: string | undefined,
): Promise<{ hash: string; used: boolean }> {
  const hash = submittedCodeHash(campaign, input);
  const state = await codeState(db, campaign.id, hash);
  if (state === "unknown") throw invalidCode();
  return { hash, used: state === "used" };
}

/** For the check before answering: a known code that is also still unused, else 400, 403 or 409. */
export async function assertUsableCode(db: Db, campaign: Campaign, input: string | undefined): Promise<void> {
  if ((await knownCodeHash(db, campaign, input)).used) throw codeUsed();
}

export const codeUsed = () =>
  new ApiError(409, "code_used", "This access code has already been used.", [{ path: "accessCode", message: "used" }]);
export const codeRequired = () =>
  new ApiError(400, "code_required", "This survey needs the personal access code you received.", [
    { path: "accessCode", message: "required" },
  ]);
export const invalidCode = () =>
  new ApiError(403, "invalid_code", "This access code is not valid for this survey.", [
    { path: "accessCode", message: "unknown code" },
  ]);
