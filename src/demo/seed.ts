/**
 * The demo: a consultant with three client organisations. The first, a housing corporation, has
 * two rounds on single-use codes (so their releases break results down): its staff agree on the
 * mission but are divided on values, are weak on skills, and hang their heart on the coat rack
 * when a customer needs an exception. A care organisation (on open links: results for the round as
 * a whole only) and an insurer (on codes) are the other clients. Three clients are too few for a
 * benchmark (a norm set needs five), so the demo has none — until it is seeded a second time into
 * the same database, when the consultant publishes one.
 * Synthetic responses come from a seeded generator, so every run yields the same data, and go
 * through the same validation and storage as real submissions; closed rounds are released.
 */
import seedrandom from "seedrandom";
import { calendarDate, campaignDefaults, type Campaign } from "../domain/campaign.js";
import type { LevelId } from "../domain/levels.js";
import { NOT_APPLICABLE, OUTCOME_MAX, OUTCOME_MIN } from "../domain/scoring.js";
import { DEFAULT_TENURE } from "../domain/units.js";
import type { Instrument } from "../instruments/instrument.js";
import { DEFAULT_INSTRUMENT_ID, type InstrumentRegistry } from "../instruments/registry.js";
import { randomId, randomPassword } from "../lib/random.js";
import { release } from "../services/release.js";
import { openCampaignOf, submitResponse } from "../services/respondent.js";
import { hashPassword } from "../lib/password.js";
import { createUser, findUserByEmail, grantOrganisation } from "../storage/accounts.js";
import { issueCodes } from "../services/access-codes.js";
import { tryPublishNormSet } from "../services/norm-sets.js";
import { createCampaign, createOrganisation, setBenchmarkForManagers, setCampaignStatus, updateCampaignSettings } from "../storage/campaigns.js";
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

/** How a demo organisation answers: typical item answer per level (1–5, after reverse-coding) and its habits. */
interface DemoProfile {
  levels: Record<LevelId, number>;
  climate: Record<"mandate" | "accountability_fear" | "equal_treatment", number>;
  /** Whether staff split into two camps on values (the telephone example). */
  valuesSplit: boolean;
  /** Share of respondents naming policy or process (the coat rack). */
  system: number;
  /** Chance that policy or process, when named, is also what weighed most. */
  systemMost: number;
  /** A level whose items hang together poorly (Cronbach's alpha below 0.7), to show the warning. */
  incoherent?: LevelId;
  /** Chance to name personal fairness and the customer's needs. */
  heart: number;
  /** Typical answer to the desired-state items. */
  desired: number;
}

/** The housing corporation today: mission shared, values divided, skills weak, heart on the coat rack. */
const DE_LINDE_2026: DemoProfile = {
  levels: { mission: 4.0, identity: 3.8, values: 3.65, competencies: 3.7, skills: 2.55, behaviour: 3.55, context: 3.5 },
  climate: { mandate: 2.1, accountability_fear: 3.9, equal_treatment: 4.0 },
  valuesSplit: true,
  system: 0.86,
  systemMost: 0.85,
  heart: 0.1,
  desired: 4.5,
};

/** The same corporation a year earlier: a vaguer mission and poorer means; the values split was already there. */
const DE_LINDE_2025: DemoProfile = {
  ...DE_LINDE_2026,
  levels: { mission: 3.55, identity: 3.6, values: 3.6, competencies: 3.65, skills: 2.6, behaviour: 3.45, context: 3.0 },
};

/** A care organisation: values strongly shared, but competencies and skills lag; the heart is allowed in. */
const HET_BAKEN: DemoProfile = {
  levels: { mission: 4.2, identity: 4.1, values: 4.1, competencies: 3.05, skills: 3.1, behaviour: 3.7, context: 3.2 },
  climate: { mandate: 3.4, accountability_fear: 2.6, equal_treatment: 3.1 },
  valuesSplit: false,
  system: 0.55,
  systemMost: 0.4,
  heart: 0.45,
  desired: 4.4,
};

/** An insurer: nobody can say what the organisation is for; procedures rule. */
const POLIS_EN_CO: DemoProfile = {
  levels: { mission: 2.8, identity: 3.1, values: 3.3, competencies: 3.4, skills: 3.5, behaviour: 3.3, context: 3.7 },
  climate: { mandate: 1.9, accountability_fear: 4.1, equal_treatment: 4.2 },
  valuesSplit: false,
  system: 0.92,
  systemMost: 0.9,
  heart: 0.06,
  incoherent: "behaviour",
  desired: 4.3,
};

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

/**
 * One synthetic respondent. Desired-state items and the per-level leanings draw from a second
 * generator, so adding them left every other draw of the demo exactly as it was.
 */
function syntheticAnswers(rng: Rng, extraRng: Rng, naRng: Rng, profile: DemoProfile, instrument: Instrument, department: string): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const respondentOffset = normal(rng) * 0.3;
  // Each respondent leans up or down per level, so a level's items move together as real scales do.
  const leaning = new Map(instrument.key.items.flatMap((i) => (i.level ? [[i.level, i.level === profile.incoherent ? 0 : normal(extraRng) * 0.5]] : [])));
  // Two camps on values: "a call from us is important by definition" versus "ask the customer first".
  const valuesCamp = rng() < 0.55 ? 1.15 : -1.35;
  for (const item of instrument.key.items) {
    if (item.perspective === "desired") {
      answers[item.name] = clampLikert(profile.desired + normal(extraRng) * 0.5);
      continue;
    }
    let centre = item.level ? profile.levels[item.level] : profile.climate[item.scale!];
    if (item.level === "values" && profile.valuesSplit) centre += valuesCamp;
    if (item.level) centre += leaning.get(item.level)!;
    const value = clampLikert(centre + respondentOffset + normal(rng) * 0.6);
    answers[item.name] = item.reverse ? 6 - value : value;
  }
  const factors = new Set<string>();
  if (rng() < profile.system) factors.add(rng() < 0.75 ? "policy" : "process");
  // Scaled so that the first organisation's draws are exactly those of its original profile.
  if (rng() < 0.55 * (profile.system / 0.86)) factors.add("process");
  if (rng() < 0.4 * (profile.system / 0.86)) factors.add("policy");
  const optional: [string, number][] = [
    ["equal_treatment", 0.62],
    ["accountability_fear", 0.38],
    ["manager_approval", 0.33],
    ["personal_fairness", profile.heart],
    ["customer_needs", profile.heart * 1.8],
    ["customer_behaviour", 0.06],
    ["customer_context", profile.heart * 0.9],
    ["relationship_events", 0.05],
  ];
  for (const [factor, p] of optional) if (rng() < p) factors.add(factor);
  if (factors.size === 0) factors.add("customer_needs");
  const chosen = [...factors];
  answers.decision_factors = chosen;
  const systemFirst = chosen.filter((f) => f === "policy" || f === "process");
  answers.decision_most = systemFirst.length > 0 && rng() < profile.systemMost ? pick(rng, systemFirst) : pick(rng, chosen);
  answers.department = department;
  answers.role =
    department === "Directiesecretariaat" ? "management" : rng() < 0.55 ? "frontline" : rng() < 0.7 ? "back_office" : rng() < 0.75 ? "team_lead" : "management";
  answers.tenure = pick(rng, DEFAULT_TENURE).value;
  if (rng() < 0.22) answers.comment = pick(rng, COMMENTS);
  addOutcomeAndNotApplicable(naRng, instrument, answers);
  return answers;
}

/**
 * Version 3's outcome and "n/a", added without drawing from the other generators, so every
 * earlier draw of the demo stays as it was: the outcome (0–10) follows the respondent's own
 * current-state answers; "n/a" comes from a generator of its own, more often from staff who work
 * away from customers (the back office), and only on the items that offer it.
 */
function addOutcomeAndNotApplicable(naRng: Rng, instrument: Instrument, answers: Record<string, unknown>): void {
  const { outcomeQuestion, items } = instrument.key;
  if (outcomeQuestion) {
    const current = items.filter((i) => i.level && i.perspective !== "desired").map((i) => (i.reverse ? 6 - (answers[i.name] as number) : (answers[i.name] as number)));
    const mean = current.reduce((a, b) => a + b, 0) / current.length;
    answers[outcomeQuestion] = Math.min(OUTCOME_MAX, Math.max(OUTCOME_MIN, Math.round((mean - 1) * 2.5)));
  }
  const chance = answers.role === "back_office" ? 0.3 : answers.role === "management" ? 0.12 : 0.03;
  for (const item of items) if (item.na && naRng() < chance) answers[item.name] = NOT_APPLICABLE;
}

/**
 * The demo accounts' emails. Their passwords are random, made when the accounts are created and
 * returned by seedDemo to be printed once: a fixed demo password would be a public login to every
 * server that seeded it.
 */
export const DEMO_EMAILS = { consultant: "consultant@demo.local", manager: "manager@demo.local" } as const;

/** A demo login: the password only when this seed created the account (null when it existed already: its password was shown when it was made). */
export interface DemoLogin {
  email: string;
  password: string | null;
}

const daysBefore = (date: Date, days: number) => new Date(date.getTime() - days * 86_400_000);

export interface DemoResult {
  /** The first organisation (the one the demo manager sees) and its latest round, closed and released. */
  organisationId: string;
  campaign: Campaign;
  responses: number;
  /** Every seeded round, oldest organisation first. */
  rounds: { organisation: string; campaign: Campaign; responses: number }[];
  /** Codes of the insurer's round that no response has used yet, to try the code flow. */
  unusedCodes: string[];
  /** A round still running on an open link: its survey can be answered. */
  openRound: Campaign;
  /** The norm set the consultant published, when five or more organisations had released rounds. */
  normSet: { id: string; organisations: number } | null;
  /** The demo's logins, to be shown once: nothing else holds their passwords. */
  accounts: Record<keyof typeof DEMO_EMAILS, DemoLogin>;
}

/** Finds the demo account or creates it with a random password, which only the result holds. */
async function demoAccount(db: Db, role: keyof typeof DEMO_EMAILS): Promise<{ id: string; login: DemoLogin }> {
  const email = DEMO_EMAILS[role];
  const existing = await findUserByEmail(db, email);
  if (existing) return { id: existing.id, login: { email, password: null } };
  const password = randomPassword();
  const created = await createUser(db, email, await hashPassword(password), role);
  return { id: created.id, login: { email, password } };
}

interface DemoRound {
  title: string;
  profile: DemoProfile;
  departments: readonly [string, number][];
  seed: string;
  instrument: Instrument;
  window?: Partial<Pick<Campaign, "status" | "opensOn" | "closesOn">>;
  expectedHeadcount?: number;
  /** Issue this many codes and let every response use one. */
  codes?: number;
}

async function seedRound(db: Db, instruments: InstrumentRegistry, organisationId: string, round: DemoRound, now: Date): Promise<{ campaign: Campaign; responses: number; unusedCodes: string[] }> {
  const created = await createCampaign(db, {
    ...campaignDefaults(round.instrument, round.departments.map(([name]) => name)),
    organisationId,
    title: round.title,
    expectedHeadcount: round.expectedHeadcount ?? null,
    // Seeded as open, so the responses go in; the window is applied afterwards.
    status: "open",
    opensOn: null,
    closesOn: null,
  });
  const codes = round.codes ? await issueCodes(db, created, round.codes) : [];
  const campaign = { ...created, requireCode: codes.length > 0 };
  const rng = seedrandom(round.seed);
  const extraRng = seedrandom(`${round.seed}-extra`);
  const naRng = seedrandom(`${round.seed}-na`);
  const open = openCampaignOf(campaign, round.instrument);
  // Responses of a past round carry a date inside its window.
  const submittedAt = round.window?.opensOn ? new Date(`${round.window.opensOn}T12:00:00Z`) : now;
  let responses = 0;
  for (const [department, count] of round.departments) {
    for (let i = 0; i < count; i++) {
      const answers = syntheticAnswers(rng, extraRng, naRng, round.profile, round.instrument, department);
      await submitResponse(db, open, { submissionId: randomId(), answers, accessCode: codes[responses] }, submittedAt);
      responses++;
    }
  }
  if (round.window) {
    await updateCampaignSettings(db, campaign.id, { opensOn: round.window.opensOn ?? null, closesOn: round.window.closesOn ?? null });
    if (round.window.status) await setCampaignStatus(db, campaign.id, round.window.status);
    // A closed round is released, as closing it in the workspace would.
    if (round.window.status === "closed") await release({ db, instruments }, { ...campaign, ...round.window }, now);
  }
  return { campaign: { ...campaign, ...round.window }, responses, unusedCodes: codes.slice(responses) };
}

export async function seedDemo(db: Db, instruments: InstrumentRegistry, now = new Date()): Promise<DemoResult> {
  const current = instruments.latest(DEFAULT_INSTRUMENT_ID);
  const first = instruments.get(DEFAULT_INSTRUMENT_ID, 1);
  if (!current || !first) throw new Error("the default instrument is not installed");
  const consultant = await demoAccount(db, "consultant");
  const manager = await demoAccount(db, "manager");
  const deLinde = await createOrganisation(db, "Woonstichting De Linde", consultant.id);
  await grantOrganisation(db, manager.id, deLinde.id);
  // The demo manager may see the consultant's benchmark line next to their own scores.
  await setBenchmarkForManagers(db, deLinde.id, true);
  const baken = await createOrganisation(db, "Zorggroep Het Baken", consultant.id);
  const polis = await createOrganisation(db, "Verzekeraar Polis & Co", consultant.id);

  const plan: [{ id: string; name: string }, DemoRound][] = [
    [deLinde, {
      title: "Medewerkersonderzoek klantgerichtheid 2025",
      profile: DE_LINDE_2025,
      departments: DEMO_DEPARTMENTS.map(([name, n]) => [name, Math.round(n * 0.85)] as [string, number]),
      seed: "de-linde-2025",
      instrument: first,
      window: { status: "closed", opensOn: "2025-03-03", closesOn: "2025-03-28" },
      codes: 360,
    }],
    [deLinde, {
      title: "Medewerkersonderzoek klantgerichtheid 2026",
      profile: DE_LINDE_2026,
      departments: DEMO_DEPARTMENTS,
      seed: "de-linde-2026",
      instrument: current,
      // Closed yesterday and released: the dashboard has results to show.
      window: { status: "closed", opensOn: calendarDate(daysBefore(now, 28)), closesOn: calendarDate(daysBefore(now, 1)) },
      // On single-use codes: its release shows breakdowns by unit, heatmaps and department comments.
      codes: 420,
    }],
    // On an open link: its release shows the round as a whole only.
    [baken, {
      title: "Klantgerichtheid in de zorg 2026",
      profile: HET_BAKEN,
      departments: [["Wijkteams", 48], ["Intramurale zorg", 41], ["Cliëntservice", 22], ["Staf", 14]],
      seed: "het-baken-2026",
      instrument: current,
      window: { status: "closed", opensOn: "2026-02-02", closesOn: "2026-02-27" },
      expectedHeadcount: 160,
    }],
    [polis, {
      title: "Klantbeleving medewerkers 2025",
      profile: POLIS_EN_CO,
      departments: [["Schade", 33], ["Acceptatie", 24], ["Klantenservice", 27]],
      seed: "polis-2025",
      instrument: current,
      window: { status: "closed", opensOn: "2025-09-01", closesOn: "2025-09-26" },
      codes: 110,
    }],
    // Still running on an open link: the survey to try, and participation only until it closes.
    [baken, {
      title: "Klantgerichtheid in de zorg: vervolgmeting",
      profile: HET_BAKEN,
      departments: [["Wijkteams", 17], ["Intramurale zorg", 12], ["Cliëntservice", 6], ["Staf", 3]],
      seed: "het-baken-vervolg",
      instrument: current,
      window: { opensOn: calendarDate(daysBefore(now, 3)), closesOn: calendarDate(daysBefore(now, -18)) },
      expectedHeadcount: 160,
    }],
    // Still running, on single-use codes: participation only until it closes.
    [polis, {
      title: "Klantbeleving medewerkers 2026",
      profile: POLIS_EN_CO,
      departments: [["Schade", 36], ["Acceptatie", 27], ["Klantenservice", 30]],
      seed: "polis-2026",
      instrument: current,
      window: { opensOn: calendarDate(daysBefore(now, 5)), closesOn: calendarDate(daysBefore(now, -14)) },
      codes: 150,
    }],
  ];

  const rounds: DemoResult["rounds"] = [];
  let unusedCodes: string[] = [];
  for (const [organisation, round] of plan) {
    const seeded = await seedRound(db, instruments, organisation.id, round, now);
    rounds.push({ organisation: organisation.name, campaign: seeded.campaign, responses: seeded.responses });
    if (seeded.unusedCodes.length > 0) unusedCodes = seeded.unusedCodes;
  }
  const main = rounds[1]!;
  const openRound = rounds.find((r) => r.campaign.status === "open" && !r.campaign.requireCode)!.campaign;
  // The benchmark is a norm set the consultant publishes; with too few clients the rules refuse
  // it and the pages say there is no benchmark yet.
  const published = await tryPublishNormSet(db, consultant.id, calendarDate(now));
  const normSet = published.ok ? { id: published.set.id, organisations: published.set.organisations } : null;
  return {
    organisationId: deLinde.id,
    campaign: main.campaign,
    responses: main.responses,
    rounds,
    unusedCodes,
    openRound,
    normSet,
    accounts: { consultant: consultant.login, manager: manager.login },
  };
}
