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

import { calendarDate, type Campaign, campaignDefaults } from "../domain/campaign.js";
import type { Instrument } from "../instruments/instrument.js";
import { DEFAULT_INSTRUMENT_ID, type InstrumentRegistry } from "../instruments/registry.js";
import { at, defined } from "../lib/invariant.js";
import { hashPassword } from "../lib/password.js";
import { randomId, randomPassword } from "../lib/random.js";
import { issueCodes } from "../services/access-codes.js";
import { tryPublishNormSet } from "../services/norm-sets.js";
import { release } from "../services/release.js";
import { openCampaignOf, submitResponse } from "../services/respondent.js";
import { createUser, findUserByEmail, grantOrganisation } from "../storage/accounts.js";
import {
  createCampaign,
  createOrganisation,
  setBenchmarkForManagers,
  setCampaignStatus,
  updateCampaignSettings,
} from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { demoAnswers, type DemoProfile, type RoleMix } from "./respondents.js";

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

/** Roles per department: who works where (frontline staff in the contact centre, the back office in finance). */
const DE_LINDE_ROLES: Record<string, RoleMix> = {
  Klantcontactcentrum: [
    ["frontline", 0.88],
    ["team_lead", 0.12],
  ],
  "Wonen & Verhuur": [
    ["frontline", 0.6],
    ["back_office", 0.3],
    ["team_lead", 0.09],
    ["management", 0.01],
  ],
  Onderhoud: [
    ["frontline", 0.85],
    ["team_lead", 0.15],
  ],
  Incasso: [
    ["back_office", 0.6],
    ["frontline", 0.3],
    ["team_lead", 0.1],
  ],
  Financiën: [
    ["back_office", 0.94],
    ["management", 0.06],
  ],
  "HR & Facilitair": [
    ["back_office", 0.92],
    ["management", 0.08],
  ],
  Directiesecretariaat: [["management", 1]],
};

const BAKEN_ROLES: Record<string, RoleMix> = {
  Wijkteams: [
    ["frontline", 0.88],
    ["team_lead", 0.12],
  ],
  "Intramurale zorg": [
    ["frontline", 0.85],
    ["team_lead", 0.12],
    ["management", 0.03],
  ],
  Cliëntservice: [
    ["frontline", 0.6],
    ["back_office", 0.4],
  ],
  Staf: [
    ["back_office", 0.65],
    ["management", 0.35],
  ],
};

const POLIS_ROLES: Record<string, RoleMix> = {
  Schade: [
    ["back_office", 0.6],
    ["frontline", 0.3],
    ["team_lead", 0.1],
  ],
  Acceptatie: [
    ["back_office", 0.85],
    ["team_lead", 0.1],
    ["management", 0.05],
  ],
  Klantenservice: [
    ["frontline", 0.85],
    ["team_lead", 0.1],
    ["management", 0.05],
  ],
};

/**
 * The housing corporation today: mission and identity shared, staff split into two camps on
 * whether to ask a customer if a call is convenient (values: divided), skills weak, and the heart
 * on the coat rack — so change starts at values, not at the telephone training.
 */
const DE_LINDE_2026: DemoProfile = {
  model: {
    means: {
      mission: 4.05,
      identity: 3.9,
      values: 3.85,
      competencies: 3.7,
      skills: 2.75,
      behaviour: 3.5,
      context: 3.55,
    },
  },
  beliefSplit: 0.7,
  climate: { mandate: 2.1, accountability_fear: 3.9, equal_treatment: 4.0 },
  desiredGap: 0.6,
  desiredGaps: { values: 0.9, skills: 1.2 },
  outcome: { values: 0.35, mission: 0.2, behaviour: 0.25, context: 0.2 },
  system: 0.9,
  systemMost: 0.9,
  heart: 0.08,
  notApplicable: 0.3,
};

/** The same corporation a year earlier: a vaguer mission and poorer context; the values split was already there. */
const DE_LINDE_2025: DemoProfile = {
  ...DE_LINDE_2026,
  model: {
    means: {
      mission: 3.7,
      identity: 3.75,
      values: 3.8,
      competencies: 3.65,
      skills: 2.8,
      behaviour: 3.4,
      context: 3.05,
    },
  },
};

/** A care organisation: mission and values strongly shared, competencies lag; the heart is allowed in. */
const HET_BAKEN: DemoProfile = {
  model: {
    means: { mission: 4.2, identity: 4.1, values: 4.1, competencies: 2.9, skills: 3.3, behaviour: 3.8, context: 3.3 },
  },
  climate: { mandate: 3.4, accountability_fear: 2.6, equal_treatment: 3.1 },
  desiredGap: 0.5,
  desiredGaps: { competencies: 1.1 },
  outcome: { competencies: 0.35, values: 0.25, behaviour: 0.25, context: 0.15 },
  system: 0.45,
  systemMost: 0.35,
  heart: 0.55,
  notApplicable: 0.2,
};

/** An insurer: nobody can say what the organisation is for; procedures rule. */
const POLIS_EN_CO: DemoProfile = {
  model: {
    means: { mission: 2.8, identity: 3.2, values: 3.4, competencies: 3.5, skills: 3.6, behaviour: 3.3, context: 3.8 },
  },
  climate: { mandate: 1.9, accountability_fear: 4.1, equal_treatment: 4.2 },
  desiredGap: 0.7,
  desiredGaps: { mission: 1.3 },
  outcome: { mission: 0.4, identity: 0.2, behaviour: 0.2, context: 0.2 },
  system: 0.95,
  systemMost: 0.92,
  heart: 0.05,
  notApplicable: 0.25,
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

/**
 * The demo accounts' emails. Their passwords are random, made when the accounts are created and
 * returned by seedDemo to be printed once: a fixed demo password would be a public login to every
 * server that seeded it.
 */
const DEMO_EMAILS = { consultant: "consultant@demo.local", manager: "manager@demo.local" } as const;

/** A demo login: the password only when this seed created the account (null when it existed already: its password was shown when it was made). */
interface DemoLogin {
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
  /** Who works where: the roles of each department. */
  roles: Record<string, RoleMix>;
  departments: readonly [string, number][];
  seed: string;
  instrument: Instrument;
  window?: Partial<Pick<Campaign, "status" | "opensOn" | "closesOn">>;
  expectedHeadcount?: number;
  /** Issue this many codes and let every response use one. */
  codes?: number;
}

async function seedRound(
  db: Db,
  instruments: InstrumentRegistry,
  organisationId: string,
  round: DemoRound,
  now: Date,
): Promise<{ campaign: Campaign; responses: number; unusedCodes: string[] }> {
  const created = await createCampaign(db, {
    ...campaignDefaults(
      round.instrument,
      round.departments.map(([name]) => name),
    ),
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
  const random = seedrandom(round.seed);
  const open = openCampaignOf(campaign, round.instrument);
  // Responses of a past round carry a date inside its window.
  const submittedAt = round.window?.opensOn ? new Date(`${round.window.opensOn}T12:00:00Z`) : now;
  let responses = 0;
  for (const [department, count] of round.departments) {
    for (let i = 0; i < count; i++) {
      const answers = demoAnswers(
        round.instrument,
        round.profile,
        department,
        round.roles[department] ?? [["frontline", 1]],
        COMMENTS,
        random,
      );
      await submitResponse(db, open, { submissionId: randomId(), answers, accessCode: codes[responses] }, submittedAt);
      responses++;
    }
  }
  if (round.window) {
    await updateCampaignSettings(db, campaign.id, {
      opensOn: round.window.opensOn ?? null,
      closesOn: round.window.closesOn ?? null,
    });
    if (round.window.status) await setCampaignStatus(db, campaign.id, round.window.status);
    // A closed round is released, as closing it in the workspace would.
    if (round.window.status === "closed") await release({ db, instruments }, { ...campaign, ...round.window }, now);
  }
  return { campaign: { ...campaign, ...round.window }, responses, unusedCodes: codes.slice(responses) };
}

export async function seedDemo(db: Db, instruments: InstrumentRegistry, now = new Date()): Promise<DemoResult> {
  const current = instruments.latest(DEFAULT_INSTRUMENT_ID);
  if (!current) throw new Error("the default instrument is not installed");
  const consultant = await demoAccount(db, "consultant");
  const manager = await demoAccount(db, "manager");
  const deLinde = await createOrganisation(db, "Woonstichting De Linde", consultant.id);
  await grantOrganisation(db, manager.id, deLinde.id);
  // The demo manager may see the consultant's benchmark line next to their own scores.
  await setBenchmarkForManagers(db, deLinde.id, true);
  const baken = await createOrganisation(db, "Zorggroep Het Baken", consultant.id);
  const polis = await createOrganisation(db, "Verzekeraar Polis & Co", consultant.id);

  const plan: [{ id: string; name: string }, DemoRound][] = [
    [
      deLinde,
      {
        title: "Medewerkersonderzoek klantgerichtheid 2025",
        profile: DE_LINDE_2025,
        roles: DE_LINDE_ROLES,
        departments: DEMO_DEPARTMENTS.map(([name, n]) => [name, Math.round(n * 0.85)] as [string, number]),
        seed: "de-linde-2025",
        instrument: current,
        window: { status: "closed", opensOn: "2025-03-03", closesOn: "2025-03-28" },
        codes: 360,
      },
    ],
    [
      deLinde,
      {
        title: "Medewerkersonderzoek klantgerichtheid 2026",
        profile: DE_LINDE_2026,
        roles: DE_LINDE_ROLES,
        departments: DEMO_DEPARTMENTS,
        seed: "de-linde-2026",
        instrument: current,
        // Closed yesterday and released: the dashboard has results to show.
        window: {
          status: "closed",
          opensOn: calendarDate(daysBefore(now, 28)),
          closesOn: calendarDate(daysBefore(now, 1)),
        },
        // On single-use codes: its release shows breakdowns by unit, heatmaps and department comments.
        codes: 420,
      },
    ],
    // On an open link: its release shows the round as a whole only.
    [
      baken,
      {
        title: "Klantgerichtheid in de zorg 2026",
        profile: HET_BAKEN,
        roles: BAKEN_ROLES,
        departments: [
          ["Wijkteams", 48],
          ["Intramurale zorg", 41],
          ["Cliëntservice", 22],
          ["Staf", 14],
        ],
        seed: "het-baken-2026",
        instrument: current,
        window: { status: "closed", opensOn: "2026-02-02", closesOn: "2026-02-27" },
        expectedHeadcount: 160,
      },
    ],
    [
      polis,
      {
        title: "Klantbeleving medewerkers 2025",
        profile: POLIS_EN_CO,
        roles: POLIS_ROLES,
        departments: [
          ["Schade", 33],
          ["Acceptatie", 24],
          ["Klantenservice", 27],
        ],
        seed: "polis-2025",
        instrument: current,
        window: { status: "closed", opensOn: "2025-09-01", closesOn: "2025-09-26" },
        codes: 110,
      },
    ],
    // Still running on an open link: the survey to try, and participation only until it closes.
    [
      baken,
      {
        title: "Klantgerichtheid in de zorg: vervolgmeting",
        profile: HET_BAKEN,
        roles: BAKEN_ROLES,
        departments: [
          ["Wijkteams", 17],
          ["Intramurale zorg", 12],
          ["Cliëntservice", 6],
          ["Staf", 3],
        ],
        seed: "het-baken-vervolg",
        instrument: current,
        window: { opensOn: calendarDate(daysBefore(now, 3)), closesOn: calendarDate(daysBefore(now, -18)) },
        expectedHeadcount: 160,
      },
    ],
    // Still running, on single-use codes: participation only until it closes.
    [
      polis,
      {
        title: "Klantbeleving medewerkers 2026",
        profile: POLIS_EN_CO,
        roles: POLIS_ROLES,
        departments: [
          ["Schade", 36],
          ["Acceptatie", 27],
          ["Klantenservice", 30],
        ],
        seed: "polis-2026",
        instrument: current,
        window: { opensOn: calendarDate(daysBefore(now, 5)), closesOn: calendarDate(daysBefore(now, -14)) },
        codes: 150,
      },
    ],
  ];

  const rounds: DemoResult["rounds"] = [];
  let unusedCodes: string[] = [];
  for (const [organisation, round] of plan) {
    const seeded = await seedRound(db, instruments, organisation.id, round, now);
    rounds.push({ organisation: organisation.name, campaign: seeded.campaign, responses: seeded.responses });
    if (seeded.unusedCodes.length > 0) unusedCodes = seeded.unusedCodes;
  }
  const main = at(rounds, 1, "the demo's rounds");
  const openRound = defined(
    rounds.find((r) => r.campaign.status === "open" && !r.campaign.requireCode),
    "the demo has a round open to anyone",
  ).campaign;
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
