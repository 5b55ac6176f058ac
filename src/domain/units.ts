/**
 * Grouping dimensions: the units a respondent belongs to. Their choices come from the campaign;
 * role and tenure have sensible defaults so a consultant only has to type department names.
 */
import type { Localised } from "./i18n.js";

export const DIMENSIONS = ["department", "role", "tenure"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Unit {
  /** Stored with the response and used in filters; stable across languages. */
  value: string;
  label: Localised;
}

export type CampaignUnits = Partial<Record<Dimension, Unit[]>>;

/**
 * Departments a round may name: a hospital or municipality has 100–300 units. The disclosure plan
 * handles 400 in about a second (its group sizes and members are lookups), giving up the finer
 * tables it cannot prove safe and saying so (disclosure-plan.ts `withheld`).
 */
export const MAX_DEPARTMENTS = 400;

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
  return names.map((name) => ({ value: name, label: { nl: name, en: name } }));
}

export function isDimension(value: unknown): value is Dimension {
  return typeof value === "string" && (DIMENSIONS as readonly string[]).includes(value);
}
