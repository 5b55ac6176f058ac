/**
 * A release on Workers in steps (src/workers/release-object.ts): the round's Durable Object runs
 * one step per invocation and goes on at its next alarm. With RELEASE_STEP_MS=0 every turn of the
 * release ends a step, so a small round takes many invocations — as a 1,000,000-response round does
 * at the default. Readers meanwhile get 503 release_running, and the release that comes out
 * publishes the same figures as Node's from the same answers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { campaignDefaults } from "../../src/domain/campaign.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { type Db, schema } from "../../src/storage/database.js";
import { createTestApp, validAnswers } from "../helpers/test-app.js";
import { startWorkerd, type WorkerdTarget } from "../helpers/workerd.js";

const instrument = createInstrumentRegistry().latest(DEFAULT_INSTRUMENT_ID)!;
const PASSWORD = "steps-password-1";
const DEPARTMENTS = ["Sales", "Service", "Support"];
const ROLES = ["frontline", "back_office", "team_lead", "management"];
/** 3 departments of 12, 4 roles of 9: enough groups for a plan, a bootstrap and comments of their own. */
const RESPONDENTS = 36;

interface Target {
  request(path: string, init?: RequestInit): Promise<Response>;
  db: Db;
  close(): Promise<void>;
}

/** The same round, the same requests: seeded, answered on codes and closed (with `alongside` at the same time). Returns the consultant's cookie, the round's id and the close. */
async function closeARound(
  target: Target,
  alongside: (id: string) => Promise<unknown> = async () => undefined,
): Promise<{ cookie: string; id: string; closed: Response }> {
  const consultant = await createUser(target.db, "c@steps.test", await hashPassword(PASSWORD), "consultant");
  const organisation = await createOrganisation(target.db, "Steps", consultant.id);
  const round = await createCampaign(target.db, {
    ...campaignDefaults(instrument, DEPARTMENTS),
    organisationId: organisation.id,
    title: "Steps",
    requireCode: true,
  });
  const post = (path: string, body: unknown, cookie?: string) =>
    target.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const login = await post("/api/auth/login", { email: "c@steps.test", password: PASSWORD });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const { codes } = (await (await post(`/api/campaigns/${round.id}/codes`, { count: RESPONDENTS }, cookie)).json()) as {
    codes: string[];
  };
  for (let i = 0; i < RESPONDENTS; i++) {
    const res = await post(`/api/s/${round.token}/responses`, {
      submissionId: crypto.randomUUID(),
      accessCode: codes[i],
      answers: {
        ...validAnswers(instrument, 1 + ((i * 7) % 5)),
        department: DEPARTMENTS[i % 3],
        role: ROLES[i % 4],
        comment: `step ${i % 6}`,
      },
    });
    expect(res.status).toBe(201);
  }
  const [closed] = await Promise.all([post(`/api/campaigns/${round.id}/close`, {}, cookie), alongside(round.id)]);
  return { cookie, id: round.id, closed };
}

/** The report's figures, less what a release's own random seed decides (its bootstrap, said in the explanation) and the order of comments. */
function figures(report: Record<string, unknown>): unknown {
  return JSON.parse(
    JSON.stringify({ ...report, comments: [...(report.comments as string[])].sort() }, (key, value: unknown) =>
      key === "stability" || key === "explanation" ? undefined : value,
    ),
  );
}

describe("a release in steps on workerd (a Durable Object per round, one step per alarm)", () => {
  let workerd: WorkerdTarget;
  let node: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    workerd = await startWorkerd({ RELEASE_STEP_MS: "0" });
    node = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await workerd?.close();
    await node?.close();
  });

  it("closes the round at once, answers readers 503 release_running meanwhile, and publishes what Node publishes", async () => {
    // The schedule (or a reader) asks the object to start the same round at the same moment: one release is begun.
    let second = "";
    const edge = await closeARound(workerd, async (id) => (second = await workerd.releaseStart(id)));
    expect(["running", "done"]).toContain(second);
    expect(edge.closed.status).toBe(200);
    expect((await edge.closed.json()).status).toBe("closed");
    const read = (dimension: string) =>
      workerd.request(`/api/campaigns/${edge.id}/report?dimension=${dimension}`, { headers: { cookie: edge.cookie } });
    // Until the object's last step has run, a reader is told to come back; afterwards the report is there.
    const answers: number[] = [];
    let report: Response;
    for (const deadline = Date.now() + 90_000; ;) {
      const participation = await (
        await workerd.request(`/api/campaigns/${edge.id}/participation`, { headers: { cookie: edge.cookie } })
      ).json();
      report = await read("department");
      answers.push(report.status);
      if (report.status !== 503) break;
      // Still running after the participation was read, so running when it was read: it says so, not "interrupted".
      expect(participation.releaseAttempt.reason).toBe("running");
      const body = await report.json();
      expect(body.error.code).toBe("release_running");
      expect(Number(report.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(answers[0]).toBe(503);
    expect(answers.at(-1)).toBe(200);
    const status = await workerd.releaseStatus(edge.id);
    expect(status.running).toBe(false);
    // Past one invocation: each step was an alarm of its own.
    expect(status.steps).toBeGreaterThan(10);
    expect(status.begun).toBe(1);
    // One release, made by one attempt.
    const rows = await workerd.db.select().from(schema.releases).where(eq(schema.releases.campaignId, edge.id));
    expect(rows).toHaveLength(1);
    expect(await workerd.db.select().from(schema.releaseAttempts)).toEqual([]);

    const here = await closeARound({ ...node, request: async (path, init) => node.app.request(path, init) });
    expect(here.closed.status).toBe(200);
    for (const dimension of ["department", "role"]) {
      const onNode = await node.app.request(`/api/campaigns/${here.id}/report?dimension=${dimension}`, {
        headers: { cookie: here.cookie },
      });
      const onEdge = dimension === "department" ? report : await read(dimension);
      expect(onEdge.status).toBe(200);
      const [edgeReport, nodeReport] = [await onEdge.json(), await onNode.json()];
      expect(edgeReport.n).toBe(RESPONDENTS);
      expect(edgeReport.heatmap.rows.length).toBeGreaterThan(1);
      expect(figures({ ...edgeReport, campaign: null })).toEqual(figures({ ...nodeReport, campaign: null }));
    }
  }, 120_000);
});
