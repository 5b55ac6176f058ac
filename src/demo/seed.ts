/**
 * The demo: a housing corporation whose staff agree on the mission but are divided on values,
 * are weak on skills, and hang their heart on the coat rack when a customer needs an exception.
 * Synthetic responses come from a seeded generator, so every run yields the same data, and go
 * through the same validation, scoring and aggregation as real submissions.
 */
import seedrandom from "seedrandom";
import { campaignDefaults, type Campaign } from "../domain/campaign.js";
import type { LevelId } from "../domain/levels.js";
import { DEFAULT_TENURE } from "../domain/units.js";
import type { Instrument } from "../instruments/instrument.js";
import { DEFAULT_INSTRUMENT_ID, type InstrumentRegistry } from "../instruments/registry.js";
import { randomId } from "../lib/random.js";
import { submitResponse } from "../services/respondent.js";
import { hashPassword } from "../lib/password.js";
import { createUser, findUserByEmail, grantOrganisation } from "../storage/accounts.js";
import { createCampaign, createOrganisation } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";

/** Departments and how many of their staff answer; the last is deliberately below k. */
export const DEMO_DEPARTMENTS: readonly [string, number][] = [
  ["Klantcontactcentrum", 82],
  ["Wonen & Verhuur", 68],
  ["Onderhoud", 58],
  ["Incasso", 44],
  ["Financiën", 34],
  ["HR & Facilitair", 28],
  ["Directiesecretariaat", 3],
];

/** Typical item answer per level (1–5, after reverse-coding). Values are split in two camps. */
const LEVEL_CENTRE: Record<LevelId, number> = {
  mission: 4.0,
  identity: 3.8,
  values: 3.65,
  competencies: 3.7,
  skills: 2.55,
  behaviour: 3.55,
  context: 3.5,
};
const CLIMATE_CENTRE = { mandate: 2.1, accountability_fear: 3.9, equal_treatment: 4.0 } as const;

const COMMENTS = [
  "Ik zou klanten vaker willen helpen, maar de regels laten het niet toe.",
  "We zeggen dat de klant centraal staat, maar in de praktijk staat het proces centraal.",
  "Goede training gehad over telefoneren, maar we zijn het onderling niet eens over wat de klant verdient.",
  "Als ik een uitzondering maak, moet ik dat achteraf altijd verantwoorden.",
  "Mijn leidinggevende steunt me als ik iets extra's doe voor een huurder.",
  "Het nieuwe klantsysteem helpt, maar lost de echte problemen niet op.",
  "I would like more room to decide for myself what a tenant needs.",
  "Iedereen kijkt naar elkaar als een klant echt in de knel zit.",
  "Ik weet eerlijk gezegd niet goed waar we als organisatie voor staan.",
  "Meer tijd per klant zou veel schelen.",
];

type Rng = () => number;

function normal(rng: Rng): number {
  // Box–Muller: two uniforms give one standard normal.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const clampLikert = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

function syntheticAnswers(rng: Rng, instrument: Instrument, department: string): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const respondentOffset = normal(rng) * 0.3;
  // Two camps on values: "a call from us is important by definition" versus "ask the customer first".
  const valuesCamp = rng() < 0.55 ? 1.15 : -1.35;
  for (const item of instrument.key.items) {
    let centre = item.level ? LEVEL_CENTRE[item.level] : CLIMATE_CENTRE[item.scale!];
    if (item.level === "values") centre += valuesCamp;
    const value = clampLikert(centre + respondentOffset + normal(rng) * 0.6);
    answers[item.name] = item.reverse ? 6 - value : value;
  }
  const factors = new Set<string>();
  if (rng() < 0.86) factors.add(rng() < 0.75 ? "policy" : "process");
  if (rng() < 0.55) factors.add("process");
  if (rng() < 0.4) factors.add("policy");
  const optional: [string, number][] = [
    ["equal_treatment", 0.62],
    ["accountability_fear", 0.38],
    ["manager_approval", 0.33],
    ["personal_fairness", 0.1],
    ["customer_needs", 0.18],
    ["customer_behaviour", 0.06],
    ["customer_context", 0.09],
    ["relationship_events", 0.05],
  ];
  for (const [factor, p] of optional) if (rng() < p) factors.add(factor);
  if (factors.size === 0) factors.add("customer_needs");
  const chosen = [...factors];
  answers.decision_factors = chosen;
  const systemFirst = chosen.filter((f) => f === "policy" || f === "process");
  answers.decision_most = systemFirst.length > 0 && rng() < 0.85 ? pick(rng, systemFirst) : pick(rng, chosen);
  answers.department = department;
  answers.role =
    department === "Directiesecretariaat" ? "management" : rng() < 0.55 ? "frontline" : rng() < 0.7 ? "back_office" : rng() < 0.75 ? "team_lead" : "management";
  answers.tenure = pick(rng, DEFAULT_TENURE).value;
  if (rng() < 0.22) answers.comment = pick(rng, COMMENTS);
  return answers;
}

/** Demo accounts; printed at start so a new user can log in straight away. */
export const DEMO_ACCOUNTS = {
  consultant: { email: "consultant@demo.local", password: "demo-consultant" },
  manager: { email: "manager@demo.local", password: "demo-manager" },
} as const;

export interface DemoResult {
  organisationId: string;
  campaign: Campaign;
  responses: number;
}

export async function seedDemo(db: Db, instruments: InstrumentRegistry, now = new Date()): Promise<DemoResult> {
  const instrument = instruments.latest(DEFAULT_INSTRUMENT_ID);
  if (!instrument) throw new Error("the default instrument is not installed");
  const consultant =
    (await findUserByEmail(db, DEMO_ACCOUNTS.consultant.email)) ??
    (await createUser(db, DEMO_ACCOUNTS.consultant.email, await hashPassword(DEMO_ACCOUNTS.consultant.password), "consultant"));
  const manager =
    (await findUserByEmail(db, DEMO_ACCOUNTS.manager.email)) ??
    (await createUser(db, DEMO_ACCOUNTS.manager.email, await hashPassword(DEMO_ACCOUNTS.manager.password), "manager"));
  const organisation = await createOrganisation(db, "Woonstichting De Linde", consultant.id);
  await grantOrganisation(db, manager.id, organisation.id);
  const campaign = await createCampaign(db, {
    ...campaignDefaults(instrument, DEMO_DEPARTMENTS.map(([name]) => name)),
    organisationId: organisation.id,
    title: "Medewerkersonderzoek klantgerichtheid 2026",
  });
  const rng = seedrandom("de-linde-2026");
  const open = { campaign, instrument };
  let responses = 0;
  for (const [department, count] of DEMO_DEPARTMENTS) {
    for (let i = 0; i < count; i++) {
      await submitResponse(db, open, { submissionId: randomId(), answers: syntheticAnswers(rng, instrument, department) }, now);
      responses++;
    }
  }
  return { organisationId: organisation.id, campaign, responses };
}
