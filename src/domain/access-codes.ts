/**
 * Single-use access codes: short, typable, unambiguous (Crockford's base32: no I, L, O or U),
 * 50 random bits each. Only their hash is stored; a code is marked used, never linked to the
 * response it unlocked.
 */
import { round } from "./statistics.js";
import { type CampaignUnits, headcountOfUnits } from "./units.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;
export const MAX_CODES_PER_REQUEST = 5000;

/** One code from CODE_LENGTH random bytes: 256 is a multiple of 32, so every symbol is equally likely. */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError(`a code needs ${CODE_LENGTH} random bytes`);
  let code = "";
  for (const byte of bytes.subarray(0, CODE_LENGTH)) code += ALPHABET.charAt(byte & 31);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What people type, read back as the canonical code: case, spaces, dashes and look-alikes forgiven. Null if it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (plain.length !== CODE_LENGTH || [...plain].some((ch) => !ALPHABET.includes(ch))) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/**
 * The most codes a round may issue: one per member of staff it says it has, so nobody can mint
 * codes to pad a group with invented respondents beyond the people in it. Its headcount and its
 * departments' together, the smaller where it states both; null with neither (nothing to hold them
 * to; README, threat model).
 */
export function codeLimit(campaign: { expectedHeadcount: number | null; units: CampaignUnits }): number | null {
  const stated = [campaign.expectedHeadcount, headcountOfUnits(campaign.units)].filter((n): n is number => n !== null);
  return stated.length > 0 ? Math.min(...stated) : null;
}

/** How many more codes a round may issue, beside the `issued` it has (codeLimit); null without a limit. */
export function codesLeft(
  campaign: { expectedHeadcount: number | null; units: CampaignUnits },
  issued: number,
): number | null {
  const limit = codeLimit(campaign);
  return limit === null ? null : Math.max(0, limit - issued);
}

export interface CodeCounts {
  issued: number;
  used: number;
}

export type ResponseRate = { pct: number; basis: "codes" | "headcount"; of: number } | null;

/**
 * The response rate and its basis. The headcount the consultant entered (staff invited) is the
 * basis whenever there is one: it is what they said the rate is for, and codes may be issued to
 * fewer people than were invited, or with spares. Without a headcount, issued codes stand in for the
 * staff invited (one code per person). Never one silently for the other: the basis travels along.
 */
export function responseRate(respondents: number, expectedHeadcount: number | null, codes: CodeCounts): ResponseRate {
  if (expectedHeadcount && expectedHeadcount > 0)
    return { pct: (respondents / expectedHeadcount) * 100, basis: "headcount", of: expectedHeadcount };
  if (codes.issued > 0) return { pct: (codes.used / codes.issued) * 100, basis: "codes", of: codes.issued };
  return null;
}

/**
 * A round's response rate as shown (one decimal): codes count only when the round requires them.
 * Without a headcount for the round, the departments' headcounts add up to one when each has its own.
 */
export function roundResponseRate(
  respondents: number,
  campaign: { expectedHeadcount: number | null; requireCode: boolean; units: CampaignUnits },
  codes: CodeCounts,
): ResponseRate {
  const rate = responseRate(
    respondents,
    campaign.expectedHeadcount ?? headcountOfUnits(campaign.units),
    campaign.requireCode ? codes : { issued: 0, used: 0 },
  );
  return rate && { ...rate, pct: round(rate.pct) };
}
