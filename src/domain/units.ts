/**
 * Grouping dimensions: the units a respondent belongs to. Their choices come from the campaign;
 * role and tenure have sensible defaults so a consultant only has to type department names, and
 * each may be the client's own (a hospital's dozen roles, its own bands), each unit with the
 * number of staff in it where the client gives one.
 */
import type { Localised } from "./i18n.js";

export const DIMENSIONS = ["department", "role", "tenure"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Unit {
  /** Stored with the response and used in filters; stable across languages. */
  value: string;
  label: Localised;
  /** Staff in the unit, where the client gave it: the basis of the unit's response rate. */
  headcount?: number;
}

/** A unit as a consultant names it: a plain name, or a name with its headcount. */
export type UnitEntry = string | { name: string; headcount?: number | null | undefined };

export type CampaignUnits = Partial<Record<Dimension, Unit[]>>;

/**
 * Departments a round may name: a hospital or municipality has 100–300 units. The disclosure plan
 * handles 400 in about a second (its group sizes and members are lookups), giving up the finer
 * tables it cannot prove safe and saying so (disclosure-plan.ts `withheld`).
 */
export const MAX_DEPARTMENTS = 400;
/** Roles a round may name: a hospital has about a dozen. */
export const MAX_ROLES = 20;
/** Tenure bands (or the client's own third grouping) a round may name. */
export const MAX_TENURE_BANDS = 10;
/** The longest unit name: it is a choice on a phone and a row label in every table. */
export const MAX_UNIT_NAME = 80;
/** The most staff a unit (or a round) may count: a headcount past it is a typing error, not a client. */
export const MAX_HEADCOUNT = 1_000_000;

export const DEFAULT_ROLES: Unit[] = [
  { value: "frontline", label: { nl: "Klantcontact (frontoffice)", en: "Frontline (customer contact)" } },
  { value: "back_office", label: { nl: "Backoffice / ondersteuning", en: "Back office / support" } },
  { value: "team_lead", label: { nl: "Teamleider / coördinator", en: "Team lead / coordinator" } },
  { value: "management", label: { nl: "Management / directie", en: "Management" } },
];

export const DEFAULT_TENURE: Unit[] = [
  { value: "lt1", label: { nl: "Korter dan 1 jaar", en: "Less than 1 year" } },
  { value: "1to5", label: { nl: "1 tot 5 jaar", en: "1 to 5 years" } },
  { value: "5to10", label: { nl: "5 tot 10 jaar", en: "5 to 10 years" } },
  { value: "gt10", label: { nl: "10 jaar of langer", en: "10 years or more" } },
];

/** Turns plain department names into units; the name is both the value and the label. */
export function unitsFromNames(names: readonly string[]): Unit[] {
  return unitsFromEntries(names);
}

/** Units from names, each with its headcount where one is given; the name is both the value and the label. */
export function unitsFromEntries(entries: readonly UnitEntry[]): Unit[] {
  return entries.map((entry) => {
    const { name, headcount } = typeof entry === "string" ? { name: entry, headcount: null } : entry;
    return { value: name, label: { nl: name, en: name }, ...(headcount ? { headcount } : {}) };
  });
}

/** A unit as the round form shows it: its name, with its headcount where there is one. */
function entryOf(unit: Unit): UnitEntry {
  return unit.headcount ? { name: unit.value, headcount: unit.headcount } : unit.value;
}

/** Whether a dimension's units are the standard ones (a round that kept the defaults). */
export function isDefault(units: readonly Unit[] | undefined, defaults: readonly Unit[]): boolean {
  return (
    units !== undefined &&
    units.length === defaults.length &&
    units.every((u, i) => u.value === defaults[i]?.value && u.headcount === undefined)
  );
}

/**
 * The staff the round is for, from its units: the sum of the departments' headcounts when every
 * department has one (a partial list would understate it), else null.
 */
export function headcountOfUnits(units: CampaignUnits): number | null {
  const departments = units.department ?? [];
  if (departments.length === 0 || departments.some((u) => !u.headcount)) return null;
  return departments.reduce((sum, u) => sum + (u.headcount ?? 0), 0);
}

export function isDimension(value: unknown): value is Dimension {
  return typeof value === "string" && (DIMENSIONS as readonly string[]).includes(value);
}

/** A unit as one line of the round form: "Klantcontact; 42" with its headcount, else the name alone. */
export function entryLine(entry: UnitEntry): string {
  return typeof entry === "string" ? entry : entry.headcount ? `${entry.name}; ${entry.headcount}` : entry.name;
}

export const unitLine = (unit: Unit): string => entryLine(entryOf(unit));

/** What ends a line of the round form that carries a headcount: "; 42", or a tab and a number. A unit's name may not end so. */
export const TRAILING_HEADCOUNT = /[;\t]\s*\d+\s*$/;

/** A line of the round form as a unit: a trailing "; 42" (or a tab and a number) is its headcount. */
export function entryFromLine(line: string): UnitEntry {
  const match = /^(.*?)\s*[;\t]\s*(\d{1,7})\s*$/.exec(line.trim());
  return match?.[1] ? { name: match[1], headcount: Number(match[2]) || null } : line.trim();
}

/** The lines of a textarea as units: empty lines skipped. */
export const entriesFromText = (text: string): UnitEntry[] =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(entryFromLine);
