/** Shared set-up for the attacks: a consultant, their organisations, managers, all through the HTTP API. */
import { hashPassword } from "../../../src/lib/password.js";
import { createUser } from "../../../src/storage/accounts.js";
import { createTestApp, loginCookie, postJson, tokenOf, validAnswers } from "../../helpers/test-app.js";

const MANAGER_PASSWORD = "manager-pw-12-vlinder";

const ORIGIN = { origin: "http://localhost" };

export async function world() {
  const t = await createTestApp();
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
  async function campaign(orgId: string, body: Record<string, unknown>) {
    const r = await c.post(`/api/organisations/${orgId}/campaigns`, {
      title: "Round",
      departments: ["Sales", "Service", "Legal"],
      status: "open",
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
    ...validAnswers(t.instrument, rating),
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
