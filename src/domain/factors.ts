/**
 * Decision factors: what staff weigh when a customer needs an exception.
 * The "system" side is the coat rack the heart is hung on; the "heart" side moves with the customer.
 */
import type { Localised } from "./i18n.js";

type FactorSide = "system" | "heart";

export interface DecisionFactor {
  id: string;
  side: FactorSide;
  /**
   * The option in instrument v4's words (a test holds the two equal, in both languages). A round's
   * report names each option with its own instrument's choice text (services/reports.ts); this
   * label is for places that compare rounds across versions.
   */
  label: Localised;
}

export const DECISION_FACTORS = [
  { id: "policy", side: "system", label: { nl: "Het beleid van de organisatie", en: "The organisation's policy" } },
  {
    id: "process",
    side: "system",
    label: { nl: "Wat het werkproces voorschrijft", en: "What the work process prescribes" },
  },
  {
    id: "equal_treatment",
    side: "system",
    label: {
      nl: "Alleen als we dit voor elke klant zouden kunnen doen",
      en: "Only if we could do this for every customer",
    },
  },
  {
    id: "accountability_fear",
    side: "system",
    label: {
      nl: "Dat niemand me er achteraf op kan aanspreken",
      en: "That nobody can hold me to account for it afterwards",
    },
  },
  {
    id: "manager_approval",
    side: "system",
    label: { nl: "Wat mijn leidinggevende ervan vindt", en: "What my manager thinks of it" },
  },
  {
    id: "personal_fairness",
    side: "heart",
    label: { nl: "Mijn eigen gevoel voor wat eerlijk is", en: "My own sense of what is fair" },
  },
  {
    id: "customer_needs",
    side: "heart",
    label: { nl: "Wat de klant wil, nodig heeft of verwacht", en: "What the customer wants, needs or expects" },
  },
  {
    id: "customer_behaviour",
    side: "heart",
    label: { nl: "Hoe de klant zich gedraagt", en: "How the customer behaves" },
  },
  {
    id: "customer_context",
    side: "heart",
    label: {
      nl: "De situatie van de klant (lichamelijk, sociaal, emotioneel)",
      en: "The customer's situation (physical, social, emotional)",
    },
  },
  {
    id: "relationship_events",
    side: "heart",
    label: {
      nl: "Onze relatie met de klant (trouw, voorgeschiedenis)",
      en: "Our relationship with the customer (loyalty, history)",
    },
  },
] as const satisfies readonly DecisionFactor[];

export type FactorId = (typeof DECISION_FACTORS)[number]["id"];

export const FACTOR_IDS: readonly FactorId[] = DECISION_FACTORS.map((f) => f.id);

export function isFactorId(value: unknown): value is FactorId {
  return typeof value === "string" && (FACTOR_IDS as readonly string[]).includes(value);
}

/**
 * The chosen factors in the order of FACTOR_IDS, each once: what a submission stores and scores
 * keeps no trace of the order the options were shown in (a random order per respondent) or ticked in.
 */
export function inFactorOrder(chosen: readonly unknown[]): FactorId[] {
  return FACTOR_IDS.filter((id) => chosen.includes(id));
}

/**
 * Likert scales about the decision climate (not levels): room to deviate, fear of blame,
 * the belief that every exception must hold for everyone. Up to v3, fear and equal treatment were
 * scored as their items read (high = more fear); from v4 they are keyed like the levels (high =
 * more customer-centric) and carry names that say so: `blame_free` and `case_by_case` — one id never
 * means both directions.
 */
export const CLIMATE_SCALES = [
  "mandate",
  "accountability_fear",
  "equal_treatment",
  "blame_free",
  "case_by_case",
] as const;
export type ClimateScale = (typeof CLIMATE_SCALES)[number];

export function isClimateScale(value: unknown): value is ClimateScale {
  return typeof value === "string" && (CLIMATE_SCALES as readonly string[]).includes(value);
}

/** Named unions of factors whose "any of these" share the report needs (a respondent counts once). */
export const FACTOR_GROUPS = {
  system: DECISION_FACTORS.filter((f) => f.side === "system").map((f) => f.id),
  heart: DECISION_FACTORS.filter((f) => f.side === "heart").map((f) => f.id),
  rules: ["policy", "process"],
} as const satisfies Record<string, readonly FactorId[]>;

export type FactorGroup = keyof typeof FACTOR_GROUPS;

/** Per group: whether any of its factors was chosen, and whether the one that weighed most is in it. */
export function factorGroupHits(
  chosen: readonly string[],
  most: string | null,
): { group: FactorGroup; chosen: boolean; most: boolean }[] {
  return (Object.keys(FACTOR_GROUPS) as FactorGroup[]).map((group) => {
    const members: readonly string[] = FACTOR_GROUPS[group];
    return { group, chosen: chosen.some((f) => members.includes(f)), most: most !== null && members.includes(most) };
  });
}
