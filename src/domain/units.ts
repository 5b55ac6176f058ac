/**
 * Grouping dimensions: the units a respondent belongs to. Their choices come from the campaign;
 * role and tenure have sensible defaults so a consultant only has to type department names, and
 * each may be the client's own (a hospital's dozen roles, its own bands), each unit with the
 * number of staff in it where the client gives one. Departments may be nested one level in
 * locations (a hospital's sites, a municipality's offices): staff choose their department only,
 * and its location follows from it — a fourth dimension reports group by, never one asked.
 */
import type { Localised } from "./i18n.js";

/** The dimensions a respondent answers, stored with the response. */
export const ASKED_DIMENSIONS = ["department", "role", "tenure"] as const;
export type AskedDimension = (typeof ASKED_DIMENSIONS)[number];

/** The dimensions reports group by: the asked ones, and the location each department lies in. */
export const DIMENSIONS = [...ASKED_DIMENSIONS, "location"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Unit {
  /** Stored with the response and used in filters; stable across languages. */
  value: string;
  label: Localised;
  /** Staff in the unit, where the client gave it: the basis of the unit's response rate. */
  headcount?: number;
  /** A department's location (the value of a location unit), where the round nests departments in locations. */
  location?: string;
}

/** A unit as a consultant names it: a plain name, or a name with its headcount and (a department) its location. */
export type UnitEntry =
  string | { name: string; headcount?: number | null | undefined; location?: string | null | undefined };

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
/** Locations a round may nest its departments in: a hospital's sites, a municipality's offices. */
export const MAX_LOCATIONS = 50;
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

/** Units from names, each with its headcount (and location) where one is given; the name is both the value and the label. */
export function unitsFromEntries(entries: readonly UnitEntry[]): Unit[] {
  return entries.map((entry) => {
    const { name, headcount, location } = typeof entry === "string" ? { name: entry } : entry;
    return {
      value: name,
      label: { nl: name, en: name },
      ...(headcount ? { headcount } : {}),
      ...(location ? { location } : {}),
    };
  });
}

/**
 * The locations the departments name, in the order they first appear: each a unit whose headcount
 * is its departments' sum when every one of them has one. Empty when no department has a location.
 */
function locationsOf(departments: readonly Unit[]): Unit[] {
  const byName = new Map<string, Unit[]>();
  for (const department of departments) {
    if (!department.location) continue;
    const members = byName.get(department.location);
    if (members) members.push(department);
    else byName.set(department.location, [department]);
  }
  return [...byName].map(([name, members]) => {
    const headcount = summedHeadcount(members);
    return { value: name, label: { nl: name, en: name }, ...(headcount ? { headcount } : {}) };
  });
}

/** The units' headcounts summed when every one has one (a partial list would understate it), else null. */
function summedHeadcount(units: readonly Unit[]): number | null {
  if (units.length === 0 || units.some((u) => !u.headcount)) return null;
  return units.reduce((sum, u) => sum + (u.headcount ?? 0), 0);
}

/** Each department's location, looked up: undefined for a department without one (or no department). */
export function departmentLocation(units: CampaignUnits): (department: string) => string | undefined {
  const locations = new Map((units.department ?? []).flatMap((u) => (u.location ? [[u.value, u.location]] : [])));
  return (department) => locations.get(department);
}

/** The units with their locations made from the departments' (none where no department names one). */
export function withLocations(units: CampaignUnits): CampaignUnits {
  const { location: _before, ...rest } = units;
  const locations = locationsOf(units.department ?? []);
  return locations.length > 0 ? { ...rest, location: locations } : rest;
}

/** A unit as the round form shows it: its name, with its headcount and location where there are. */
function entryOf(unit: Unit): UnitEntry {
  return unit.headcount || unit.location
    ? {
        name: unit.value,
        ...(unit.headcount ? { headcount: unit.headcount } : {}),
        ...(unit.location ? { location: unit.location } : {}),
      }
    : unit.value;
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
  return summedHeadcount(units.department ?? []);
}

export function isAskedDimension(value: unknown): value is AskedDimension {
  return typeof value === "string" && (ASKED_DIMENSIONS as readonly string[]).includes(value);
}

/** What stands between a location and its department on a line of the round form: "Utrecht > Klantcontact". */
export const LOCATION_SEPARATOR = " > ";

/** A unit as one line of the round form: "Utrecht > Klantcontact; 42" with its location and headcount, else the name alone. */
export function entryLine(entry: UnitEntry): string {
  if (typeof entry === "string") return entry;
  const name = entry.location ? `${entry.location}${LOCATION_SEPARATOR}${entry.name}` : entry.name;
  return entry.headcount ? `${name}; ${entry.headcount}` : name;
}

export const unitLine = (unit: Unit): string => entryLine(entryOf(unit));

/** What ends a line of the round form that carries a headcount: "; 42", or a tab and a number. A unit's name may not end so. */
export const TRAILING_HEADCOUNT = /[;\t]\s*\d+\s*$/;

/**
 * A line of the round form as a unit: a trailing "; 42" (or a tab and a number) is its headcount,
 * and on a department's line (`nested`) what stands before a " > " its location.
 */
export function entryFromLine(line: string, nested = false): UnitEntry {
  const match = /^(.*?)\s*[;\t]\s*(\d{1,7})\s*$/.exec(line.trim());
  const [text, headcount] = match?.[1] ? [match[1], Number(match[2]) || null] : [line.trim(), null];
  const at = nested ? text.indexOf(LOCATION_SEPARATOR.trim()) : -1;
  const location = at > 0 ? text.slice(0, at).trim() : "";
  const name = location ? text.slice(at + 1).trim() : text;
  return headcount || location
    ? { name, ...(headcount ? { headcount } : {}), ...(location ? { location } : {}) }
    : name;
}

/** The lines of a textarea as units, empty lines skipped; `nested` for departments, which may name their location. */
export const entriesFromText = (text: string, nested = false): UnitEntry[] =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => entryFromLine(line, nested));
