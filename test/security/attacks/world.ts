/** Shared set-up for the attacks: a consultant, their organisations, managers, all through the HTTP API. */
import { hashPassword } from "../../../src/lib/password.js";
import { truncateLog } from "../../../src/node/open-database.js";
import { reduceReleased } from "../../../src/services/release.js";
import { createUser } from "../../../src/storage/accounts.js";
import { createTestApp, loginCookie, postJson, tokenOf, validAnswers } from "../../helpers/test-app.js";

const MANAGER_PASSWORD = "manager-pw-12-vlinder";

const ORIGIN = { origin: "http://localhost" };

export async function world() {
  const t = await createTestApp();
  const V3 = t.instruments.get("customer-centricity", 3)!;
  await createUser(t.db, "consultant@spy.test", await hashPassword("consultant-pw-1"), "consultant");
  const consultant = await loginCookie(t.app, "consultant@spy.test", "consultant-pw-1");
  const as = (cookie: string) => ({
    get: async (path: string) => {
      const res = await t.app.request(path, { headers: { cookie } });
      return {
        status: res.status,
        body: res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text(),
      };
    },
    post: async (path: string, body: unknown) => {
      const res = await postJson(t.app, path, body, { cookie, ...ORIGIN });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    patch: async (path: string, body: unknown) => {
      const res = await t.app.request(path, {
        method: "PATCH",
        headers: { cookie, "content-type": "application/json", ...ORIGIN },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
  });
  const c = as(consultant);
  async function organisation(name: string) {
    const r = await c.post("/api/organisations", { name });
    if (r.status !== 201) throw new Error(JSON.stringify(r));
    return r.body.id as string;
  }
  // The attacks were written against instrument v3's items (mission_3's "n.v.t." and others): its
  // rounds stay on v3 unless a test names another version, as v4's do.
  async function campaign(orgId: string, body: Record<string, unknown>) {
    const r = await c.post(`/api/organisations/${orgId}/campaigns`, {
      title: "Round",
      departments: ["Sales", "Service", "Legal"],
      status: "open",
      instrument: { id: V3.id, version: V3.version },
      ...body,
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r));
    return { ...r.body, token: String(r.body.surveyPath).slice(3) } as { id: string; token: string };
  }
  async function manager(orgId: string, email: string) {
    // By invitation, as the product does it (no mail configured: the answer carries the link).
    const r = await c.post(`/api/organisations/${orgId}/invitations`, { email });
    if (r.status !== 201) throw new Error(JSON.stringify(r));
    const accepted = await postJson(t.app, `/api/invitations/${tokenOf(r.body.link)}/accept`, {
      password: MANAGER_PASSWORD,
    });
    if (accepted.status !== 200) throw new Error(await accepted.text());
    return as(await loginCookie(t.app, email, MANAGER_PASSWORD));
  }
  async function codes(campaignId: string, count: number): Promise<string[]> {
    const r = await c.post(`/api/campaigns/${campaignId}/codes`, { count });
    if (r.status !== 201) throw new Error(JSON.stringify(r));
    return r.body.codes;
  }
  async function submit(token: string, answers: Record<string, unknown>, accessCode?: string) {
    const res = await postJson(t.app, `/api/s/${token}/responses`, {
      submissionId: crypto.randomUUID(),
      ...(accessCode ? { accessCode } : {}),
      answers,
    });
    return res.status;
  }
  const answers = (rating: number, extra: Record<string, unknown> = {}) => ({
    ...validAnswers(V3, rating),
    ...extra,
  });
  return { t, c, as, organisation, campaign, manager, codes, submit, answers };
}
export type World = Awaited<ReturnType<typeof world>>;

/**
 * A coded round of 20 back-office staff, 10 in Finance and 10 in HR, answered with `adjust` applied
 * to each respondent's answers (by index): the setting of the "not applicable" attacks.
 */
export async function backOfficeRound(w: World, adjust: (answers: Record<string, unknown>, i: number) => void) {
  const org = await w.organisation("Target");
  const round = await w.campaign(org, { requireCode: true, departments: ["Finance", "HR"] });
  const codes = await w.codes(round.id, 20);
  for (let i = 0; i < 20; i++) {
    const answers = w.answers(1 + ((i * 3) % 5), {
      department: i < 10 ? "Finance" : "HR",
      role: "back_office",
      tenure: "1to5",
    });
    adjust(answers, i);
    if ((await w.submit(round.token, answers, codes[i])) !== 201)
      throw new Error("a respondent's answers were refused");
  }
  return { org, round };
}

/** A cell of the "Bob" population: department, role, tenure and how many people sit in it. */
export type Cell = [department: string, role: string, tenure: string, n: number];

/**
 * 34 people in nine cells; Bob is the only one in Sales × management × gt10, a cell the plan hides,
 * while every group it publishes holds at least five: the setting of the attacks that intersect
 * published groups to reach one person.
 */
export const PEOPLE: readonly Cell[] = [
  ["Sales", "frontline", "lt1", 6],
  ["Sales", "frontline", "1to5", 5],
  ["Sales", "management", "gt10", 1], // Bob
  ["Service", "frontline", "1to5", 6],
  ["Service", "back_office", "lt1", 6],
  ["Service", "management", "1to5", 2],
  ["Service", "management", "lt1", 1],
  ["Legal", "back_office", "gt10", 5],
  ["Legal", "management", "lt1", 2],
];
/** Bob's cell in PEOPLE. */
export const BOB = 2;

/** The filter a plan group's key stands for, and whether a cell lies in it. */
export const parseKey = (key: string) => Object.fromEntries(new URLSearchParams(key)) as Record<string, string>;
export const inGroup = (c: Cell, f: Record<string, string>) =>
  (!f.department || c[0] === f.department) && (!f.role || c[1] === f.role) && (!f.tenure || c[2] === f.tenure);

/**
 * A coded round answered by PEOPLE, then closed and released, its raw responses swept and the log
 * truncated, as a file reader would find it. The j-th person of cell `cell` (the i-th overall) gives
 * every rating 1 + (7i + 3j) mod 5 in their units, through `rated` (the default instrument's
 * answers unless given), and `adjust` changes what the attack needs; `round` adds to the round.
 */
export async function peopleRound(
  w: World,
  org: string,
  adjust: (answers: Record<string, unknown>, cell: number, i: number, j: number) => void,
  {
    round: settings = {},
    rated = w.answers,
  }: { round?: Record<string, unknown>; rated?: (rating: number) => Record<string, unknown> } = {},
) {
  const round = await w.campaign(org, { requireCode: true, ...settings });
  const codes = await w.codes(
    round.id,
    PEOPLE.reduce((a, c) => a + c[3], 0),
  );
  let i = 0;
  for (const [cell, [department, role, tenure, n]] of PEOPLE.entries())
    for (let j = 0; j < n; j++) {
      const answers: Record<string, unknown> = { ...rated(1 + ((i * 7 + j * 3) % 5)), department, role, tenure };
      adjust(answers, cell, i, j);
      if ((await w.submit(round.token, answers, codes[i])) !== 201)
        throw new Error("a respondent's answers were refused");
      i += 1;
    }
  if ((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status !== 200)
    throw new Error("the round did not close");
  await reduceReleased(w.t);
  await truncateLog(w.t.client);
  return round;
}

/** What a file reader finds of a round's release: every stored group, its key, n and figures. */
export async function storedGroups(w: World, campaignId: string) {
  const { rows } = await w.t.client.execute({
    sql: "select key, n, stats from release_groups g join releases r on r.id = g.release_id where r.campaign_id = ?",
    args: [campaignId],
  });
  return rows.map((r) => ({ key: String(r.key), n: Number(r.n), stats: JSON.parse(String(r.stats)) }));
}

/**
 * The "n.v.t." attacks' round: PEOPLE with varied mission_2 answers, of whom only Bob answers
 * "weet niet / n.v.t." to mission_3; with a manager of the organisation who reads it.
 */
export async function bobSaysNaRound(w: World) {
  const org = await w.organisation("Target");
  const mgr = await w.manager(org, "director@target.test");
  const round = await peopleRound(w, org, (answers, cell, i) => {
    answers.mission_2 = 1 + ((i * 3) % 5);
    if (cell === BOB) answers.mission_3 = "na";
  });
  return { mgr, campaignId: round.id };
}
