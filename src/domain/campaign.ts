/**
 * Campaign rules that do not need storage: when a campaign takes responses, and the limits on
 * the minimum reporting group.
 */
import type { Localised } from "./i18n.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "./level-bars.js";
import {
  type CampaignUnits,
  DEFAULT_ROLES,
  DEFAULT_TENURE,
  type UnitEntry,
  unitsFromEntries,
  withLocations,
} from "./units.js";

type CampaignStatus = "draft" | "open" | "closed";

/** The minimum reporting group: default 5, never below 3 (DOMAIN.md §4). */
export const DEFAULT_K = 5;
export const MIN_K = 3;
/** Free-text comments need a larger group. */
export const DEFAULT_K_COMMENTS = 10;
/**
 * Results below the whole round (units, department × role) need k of at least 5; a round that
 * publishes only its whole (an open link) may go down to MIN_K.
 */
const MIN_K_BREAKDOWNS = 5;

/** Comments from max(k, 10) unless the consultant lowers it explicitly (never below k). */
export const defaultKComments = (k: number) => Math.max(k, DEFAULT_K_COMMENTS);

/**
 * Whether a round's release may break its results down: only when k counts people nobody could
 * have invented — every response used a single-use code the consultant minted — and k is at least
 * 5. A round requires codes from its first response on or not at all (codeRequirementFixed), so a
 * round that requires them now took every response with one. An open link publishes the round as a
 * whole only: anyone can answer there as often as they like, padding a small unit.
 */
export function publishesBreakdowns(campaign: Pick<Campaign, "requireCode" | "k">): boolean {
  return campaign.requireCode && campaign.k >= MIN_K_BREAKDOWNS;
}

/** Why a round refuses a setting: each refusal detail carries its key as `code` (which the workspace translates) and this as its message. */
const ROUND_REFUSALS = {
  commentsBelowK: "kComments may not be below k",
  codesNeedK: `a round on single-use codes publishes breakdowns, which need k of at least ${MIN_K_BREAKDOWNS}`,
  datesOutOfOrder: "closesOn is before opensOn",
  fixedOnceOpen: "fixed once the round is open",
  alreadyOpened: "the round has opened already",
  closesInPast: "in the past: close the round by hand instead",
} as const;
export type RoundRefusal = keyof typeof ROUND_REFUSALS;

/** A rule a round's settings break, on the field to correct: `code` for machines, `message` for people reading the API. */
export interface RoundRuleProblem {
  path: "kComments" | "k" | "closesOn";
  code: RoundRefusal;
  message: string;
}

const refusal = <P extends string>(path: P, code: RoundRefusal) => ({ path, code, message: ROUND_REFUSALS[code] });

/**
 * The rules a round's settings obey together, at creation and after every change: comments need
 * at least k, a round on codes publishes breakdowns and so needs MIN_K_BREAKDOWNS, and it closes on
 * or after the day it opens.
 */
export function roundRuleProblems(
  round: Pick<Campaign, "k" | "kComments" | "requireCode" | "opensOn" | "closesOn">,
): RoundRuleProblem[] {
  const problems: RoundRuleProblem[] = [];
  if (round.kComments < round.k) problems.push(refusal("kComments", "commentsBelowK"));
  if (round.requireCode && round.k < MIN_K_BREAKDOWNS) problems.push(refusal("k", "codesNeedK"));
  if (!datesInOrder(round)) problems.push(refusal("closesOn", "datesOutOfOrder"));
  return problems;
}

/** What a change may touch: everything while a draft; once open only what staff were not promised. */
export const DRAFT_ONLY_FIELDS = [
  "title",
  "departments",
  "roles",
  "tenure",
  "thirdGrouping",
  "instrument",
  "k",
  "kComments",
] as const;
export type RoundField =
  (typeof DRAFT_ONLY_FIELDS)[number] | "opensOn" | "closesOn" | "contact" | "expectedHeadcount" | "requireCode";

/**
 * The fields of a change a round refuses in its state (closed rounds are refused as a whole, by
 * the lifecycle). Once a round is open, what staff saw and were promised — its title, units,
 * questions and minimum group sizes — stays as it was; its opening date may move only while it has
 * not opened yet, and a closing date may not lie in the past (closing early is "close and release",
 * which asks first). A draft may change anything, but not close before today either.
 */
export function refusedChanges(
  round: CampaignWindow,
  fields: readonly RoundField[],
  change: { closesOn?: string | null | undefined },
  today: string,
): { path: RoundField; code: RoundRefusal; message: string }[] {
  const refused: { path: RoundField; code: RoundRefusal; message: string }[] = [];
  if (round.status !== "draft") {
    for (const f of fields)
      if ((DRAFT_ONLY_FIELDS as readonly string[]).includes(f)) refused.push(refusal(f, "fixedOnceOpen"));
    if (fields.includes("opensOn") && availability(round, today) === "open")
      refused.push(refusal("opensOn", "alreadyOpened"));
  }
  if (change.closesOn && change.closesOn < today) refused.push(refusal("closesOn", "closesInPast"));
  return refused;
}

/**
 * Comments' minimum after a change of k: a round that kept the default for its k (max(k, 10))
 * follows the default for the new k; one the consultant set stays as set (and must still be ≥ k).
 */
export function kCommentsAfter(
  round: Pick<Campaign, "k" | "kComments">,
  change: { k?: number | undefined; kComments?: number | undefined },
): number {
  if (change.kComments !== undefined) return change.kComments;
  if (change.k !== undefined && round.kComments === defaultKComments(round.k)) return defaultKComments(change.k);
  return round.kComments;
}

/**
 * Whether a change of the code requirement comes too late: once a round has taken responses it
 * stays as it was. Codes after open-link answers would let the release break down units padded on
 * the link; dropping codes after coded answers breaks what staff were told when they answered.
 */
export function codeRequirementFixed(
  campaign: Pick<Campaign, "requireCode">,
  settings: { requireCode?: boolean | undefined },
  respondents: number,
): boolean {
  return settings.requireCode !== undefined && settings.requireCode !== campaign.requireCode && respondents > 0;
}

export interface CampaignWindow {
  status: CampaignStatus;
  opensOn: string | null;
  closesOn: string | null;
}

export type Availability = "open" | "not_yet_open" | "closed";

/** Whether a campaign takes responses on `today` (YYYY-MM-DD); bounds are inclusive. */
export function availability(window: CampaignWindow, today: string): Availability {
  if (window.status === "closed") return "closed";
  if (window.status === "draft") return "not_yet_open";
  if (window.opensOn && today < window.opensOn) return "not_yet_open";
  if (window.closesOn && today > window.closesOn) return "closed";
  return "open";
}

/**
 * Whether a round's results are due: it was closed by hand, or its closing date has passed (the
 * day after it, in UTC). A draft never is: it is not yet open, whatever its dates.
 */
export function resultsDue(window: CampaignWindow, today: string): boolean {
  return availability(window, today) === "closed";
}

/** A window closes on or after the day it opens; an open end is always in order. */
export function datesInOrder(window: Pick<CampaignWindow, "opensOn" | "closesOn">): boolean {
  return !window.opensOn || !window.closesOn || window.opensOn <= window.closesOn;
}

/** The calendar date in UTC: the finest time a response is allowed to carry. */
export function calendarDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A third grouping the client names (where tenure bands say little: a location, a shift, a
 * team type): what reports call it ("Locatie") and the question staff answer it by ("Op welke
 * locatie werk je?"), in both languages. Its units are the round's third units as ever.
 */
export interface ThirdGrouping {
  label: Localised;
  question: Localised;
}

export interface Campaign extends CampaignWindow {
  id: string;
  organisationId: string;
  title: string;
  instrumentId: string;
  instrumentVersion: number;
  token: string;
  k: number;
  kComments: number;
  units: CampaignUnits;
  /** Thresholds of the start-here rule for this campaign. */
  thresholds: Thresholds;
  /** Staff invited, for a response rate when no access codes were issued. */
  expectedHeadcount: number | null;
  /** Responses need an unused single-use access code. */
  requireCode: boolean;
  /** Whom staff can ask about the round (a name, an address, a phone number), shown on the survey page. */
  contact: string | null;
  /** The client's own third grouping in place of tenure (a location, a shift): its name and the question staff are asked; null = tenure. */
  thirdGrouping: ThirdGrouping | null;
  /** When the campaign was created (UTC, "YYYY-MM-DD HH:MM:SS"): orders rounds without a start date. */
  createdAt: string;
}

/**
 * A new open campaign with the method's defaults: k = 5, comments from 10, the standard roles
 * and tenure bands, and the given department names.
 */
export function campaignDefaults(
  instrument: { id: string; version: number },
  departments: readonly UnitEntry[],
): Omit<Campaign, "id" | "token" | "organisationId" | "title" | "createdAt"> {
  return {
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    status: "open",
    opensOn: null,
    closesOn: null,
    k: DEFAULT_K,
    kComments: DEFAULT_K_COMMENTS,
    units: roundUnits({ departments }),
    thresholds: DEFAULT_THRESHOLDS,
    expectedHeadcount: null,
    requireCode: false,
    contact: null,
    thirdGrouping: null,
  };
}

/** A round's structure as a consultant names it: departments, and the client's own roles and bands or null for the standard ones. */
export interface RoundStructure {
  departments: readonly UnitEntry[];
  roles?: readonly UnitEntry[] | null | undefined;
  tenure?: readonly UnitEntry[] | null | undefined;
}

/** The units of a round from its structure: the standard roles and tenure bands where the client names none, the locations its departments name. */
export function roundUnits({ departments, roles, tenure }: RoundStructure): CampaignUnits {
  return withLocations({
    department: unitsFromEntries(departments),
    role: roles ? unitsFromEntries(roles) : DEFAULT_ROLES,
    tenure: tenure ? unitsFromEntries(tenure) : DEFAULT_TENURE,
  });
}

/** The date a round is placed on in a trend: its opening date, else the day it was created. */
export function roundDate(campaign: Pick<Campaign, "opensOn" | "createdAt">): string {
  return campaign.opensOn ?? campaign.createdAt.slice(0, 10);
}
