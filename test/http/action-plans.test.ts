/**
 * After the results, over HTTP on a database of its own (the demo): a released round's action plan
 * (start-here preselected, focus levels, actions with owner, date and status, each change in the
 * audit log), who may change it, the earlier round's plan beside this round's trend, and the staff
 * summary shared by a link that is stored only as a hash, replaced, revoked and rate-limited —
 * publishing the round as a whole and nothing else. Bad input, other organisations and running
 * rounds change nothing.
 */
import { createHash } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DemoResult } from "../../src/demo/seed.js";
import type { Campaign } from "../../src/domain/campaign.js";
import { release } from "../../src/services/release.js";
import { updateCampaignSettings } from "../../src/storage/campaigns.js";
import { accountCookie, createDemoApp, rivalConsultant, sender } from "../helpers/fixtures.js";
import { postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

/** Reads a summary as its page does: the token in a JSON body, never in the URL. */
const readSummary = (token: string) => postJson(t.app, "/api/summaries/read", { token });
import { sha256Hex } from "../../src/lib/random.js";
import { MAX_LINK_MISSES, revokeSummary, shareSummary } from "../../src/services/staff-summary.js";
import { findUserByEmail } from "../../src/storage/accounts.js";
import { deleteActionStatement, insertActionStatement } from "../../src/storage/action-plans.js";

let t: TestApp;
let demo: DemoResult;
let address = "192.0.2.10";
const cookies = { consultant: "", manager: "", scoped: "", otherConsultant: "", otherManager: "" };
let round: Campaign;
let earlier: Campaign;
let small: Campaign;

beforeAll(async () => {
  ({
    t,
    demo,
    manager: cookies.manager,
    consultant: cookies.consultant,
  } = await createDemoApp({
    deps: { clientAddress: () => address },
  }));
  round = demo.campaign;
  earlier = demo.rounds.find(
    (r) => r.organisation === demo.rounds[1]!.organisation && r.campaign.id !== round.id,
  )!.campaign;
  cookies.scoped = (
    await accountCookie(t, "head@sales.test", "manager", demo.organisationId, { department: ["Incasso"] })
  ).cookie;
  ({ consultant: cookies.otherConsultant, manager: cookies.otherManager } = await rivalConsultant(t));
  // A pilot of the same organisation that closed with two answers: released, below k.
  small = await t.addCampaign({ organisationId: demo.organisationId, title: "Kleine ronde 2024", status: "open" });
  for (let i = 0; i < 2; i++)
    expect(
      (
        await postJson(t.app, `/api/s/${small.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(201);
  await updateCampaignSettings(t.db, small.id, { opensOn: "2024-01-08", closesOn: "2024-01-31" });
  small = { ...small, opensOn: "2024-01-08", closesOn: "2024-01-31" };
  await release({ db: t.db, instruments: t.instruments }, small, t.clock.now);
});
afterAll(() => t.close());

const send = (method: string, path: string, cookie?: string, body?: unknown) => sender(t)(method, path, cookie, body);
const plan = (campaign: Campaign, cookie: string) => send("GET", `/api/campaigns/${campaign.id}/action-plan`, cookie);
const auditActions = async () => {
  const page = (await send("GET", `/api/organisations/${demo.organisationId}/audit?limit=100`, cookies.consultant))
    .body as { entries: { action: string; detail: Record<string, unknown> }[] };
  return page.entries.filter((e) => e.action.startsWith("plan_") || e.action.startsWith("summary_"));
};
async function snapshot(): Promise<string> {
  const tables = ["action_plans", "plan_actions", "summary_links", "audit_log"];
  return JSON.stringify(
    await Promise.all(tables.map(async (table) => (await t.client.execute(`select * from ${table} order by 1`)).rows)),
  );
}

describe("a released round's action plan", () => {
  it("starts with the release's start-here level preselected, nothing saved and no actions", async () => {
    const report = (await send("GET", `/api/campaigns/${round.id}/report`, cookies.manager)).body;
    const res = await plan(round, cookies.manager);
    expect(res.status).toBe(200);
    expect(report.startHere.level).toBe("values");
    expect(res.body).toMatchObject({
      campaign: { id: round.id, title: round.title },
      editable: true,
      startHere: report.startHere.level,
      saved: false,
      focusLevels: [report.startHere.level],
      actions: [],
      previous: null,
      summaryLink: null,
    });
  });

  it("lets a manager choose focus levels, add two actions, change one's status and remove another, each in the audit log", async () => {
    const focus = await send("PUT", `/api/campaigns/${round.id}/action-plan`, cookies.manager, {
      focusLevels: ["skills", "values"],
    });
    expect(focus.status).toBe(200);
    expect(focus.body).toMatchObject({ saved: true, focusLevels: ["values", "skills"] });

    const first = await send("POST", `/api/campaigns/${round.id}/action-plan/actions`, cookies.manager, {
      level: "values",
      title: "  Teamgesprek over klantwaarden  ",
      owner: "Teamleiders",
      dueOn: "2026-06-30",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      level: "values",
      title: "Teamgesprek over klantwaarden",
      owner: "Teamleiders",
      dueOn: "2026-06-30",
      status: "planned",
    });
    const second = await send("POST", `/api/campaigns/${round.id}/action-plan/actions`, cookies.consultant, {
      level: "skills",
      title: "Intervisie op uitzonderingen",
      owner: "HR-adviseur",
      status: "in_progress",
    });
    expect(second.status).toBe(201);
    expect(second.body.dueOn).toBeNull();
    const third = await send("POST", `/api/campaigns/${round.id}/action-plan/actions`, cookies.manager, {
      level: "context",
      title: "Weg te halen",
      owner: "Directie",
    });

    const changed = await send(
      "PATCH",
      `/api/campaigns/${round.id}/action-plan/actions/${first.body.id}`,
      cookies.manager,
      { status: "done", owner: "Teamleiders" },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ...first.body, status: "done" });
    // Changing nothing writes nothing.
    const entries = (await auditActions()).length;
    expect(
      (
        await send("PATCH", `/api/campaigns/${round.id}/action-plan/actions/${first.body.id}`, cookies.manager, {
          status: "done",
        })
      ).status,
    ).toBe(200);
    expect((await auditActions()).length).toBe(entries);

    expect(
      (await send("DELETE", `/api/campaigns/${round.id}/action-plan/actions/${third.body.id}`, cookies.manager)).status,
    ).toBe(204);
    expect(
      (await send("DELETE", `/api/campaigns/${round.id}/action-plan/actions/${third.body.id}`, cookies.manager)).status,
    ).toBe(404);

    const read = (await plan(round, cookies.manager)).body;
    expect(read.actions).toEqual([{ ...first.body, status: "done" }, second.body]);
    expect(read.focusLevels).toEqual(["values", "skills"]);

    const log = (await auditActions()).reverse();
    expect(log.map((e) => e.action)).toEqual([
      "plan_focus_set",
      "plan_action_added",
      "plan_action_added",
      "plan_action_added",
      "plan_action_changed",
      "plan_action_removed",
    ]);
    expect(log[0]!.detail).toMatchObject({ campaignId: round.id, levels: ["values", "skills"] });
    expect(log[4]!.detail).toMatchObject({
      actionId: first.body.id,
      action: "Teamgesprek over klantwaarden",
      fields: ["status"],
    });
    expect(log[5]!.detail).toMatchObject({ actionId: third.body.id, action: "Weg te halen" });
  });

  it("refuses bad input with a clear 4xx and writes nothing", async () => {
    const [action] = (await plan(round, cookies.manager)).body.actions;
    const before = await snapshot();
    const actions = `/api/campaigns/${round.id}/action-plan/actions`;
    const valid = { level: "values", title: "Iets", owner: "Iemand" };
    const cases: [string, string, unknown, number][] = [
      ["PUT", `/api/campaigns/${round.id}/action-plan`, { focusLevels: ["values", "values"] }, 400],
      ["PUT", `/api/campaigns/${round.id}/action-plan`, { focusLevels: ["heart"] }, 400],
      ["PUT", `/api/campaigns/${round.id}/action-plan`, { focusLevels: ["values"], extra: 1 }, 400],
      ["POST", actions, { ...valid, level: "culture" }, 400],
      ["POST", actions, { ...valid, title: "   " }, 400],
      ["POST", actions, { ...valid, title: "x".repeat(201) }, 400],
      // Stored text is what every page shows: no NUL with a hidden tail, no direction override.
      ["POST", actions, { ...valid, title: "Zichtbaar\u0000verborgen staart" }, 400],
      ["POST", actions, { ...valid, owner: "MT\u202Eegnaro" }, 400],
      ["POST", actions, { level: "values", title: "Iets" }, 400],
      ["POST", actions, { ...valid, dueOn: "2026-02-30" }, 400],
      ["POST", actions, { ...valid, status: "finished" }, 400],
      ["POST", actions, { ...valid, respondent: "r1" }, 400],
      ["POST", actions, "{not json", 400],
      ["PATCH", `${actions}/${action.id}`, {}, 400],
      ["PATCH", `${actions}/${action.id}`, { owner: "" }, 400],
      ["PATCH", `${actions}/unknown-action`, { status: "done" }, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await send(method, path, cookies.manager, body);
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.error.code, JSON.stringify(body)).toBe(
        status === 404 ? "not_found" : body === "{not json" ? "bad_request" : "invalid_request",
      );
    }
    const plain = await t.app.request(actions, {
      method: "POST",
      headers: { origin: "http://localhost", cookie: cookies.manager, "content-type": "text/plain" },
      body: JSON.stringify(valid),
    });
    expect(plain.status).toBe(415);
    expect(await snapshot()).toBe(before);
  });

  it("lets a manager scoped to departments read the plan but change nothing (403)", async () => {
    const read = await plan(round, cookies.scoped);
    expect(read.status).toBe(200);
    expect(read.body.editable).toBe(false);
    expect(read.body.actions).toEqual((await plan(round, cookies.manager)).body.actions);
    const [action] = read.body.actions;
    const before = await snapshot();
    for (const [method, path, body] of [
      ["PUT", `/api/campaigns/${round.id}/action-plan`, { focusLevels: ["mission"] }],
      ["POST", `/api/campaigns/${round.id}/action-plan/actions`, { level: "values", title: "Iets", owner: "Iemand" }],
      ["PATCH", `/api/campaigns/${round.id}/action-plan/actions/${action.id}`, { status: "planned" }],
      ["DELETE", `/api/campaigns/${round.id}/action-plan/actions/${action.id}`, undefined],
      ["POST", `/api/campaigns/${round.id}/summary-link`, undefined],
      ["DELETE", `/api/campaigns/${round.id}/summary-link`, undefined],
    ] as const) {
      const res = await send(method, path, cookies.scoped, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses the scoped manager in the summary link's services themselves, not only in their routes", async () => {
    const scoped = (await findUserByEmail(t.db, "head@sales.test"))!;
    const deps = { db: t.db, instruments: t.instruments, now: () => t.clock.now, sha256: sha256Hex };
    const before = await snapshot();
    for (const call of [() => shareSummary(deps, round, scoped), () => revokeSummary(deps, round, scoped)]) {
      await expect(call()).rejects.toMatchObject({ status: 403, code: "forbidden" });
    }
    expect(await snapshot()).toBe(before);
  });

  it("stores an added action's every field in its own column, at the end of the plan", async () => {
    const action = {
      id: crypto.randomUUID(),
      level: "skills",
      title: "Training",
      owner: "HR",
      dueOn: "2026-06-30",
      status: "in_progress",
    } as const;
    await insertActionStatement(t.db, earlier.id, action, "2026-03-10T09:30Z", 40);
    const rows = (
      await t.client.execute({
        sql: "select * from plan_actions where campaign_id = ? order by position",
        args: [earlier.id],
      })
    ).rows;
    expect({ ...rows.at(-1) }).toEqual({
      id: action.id,
      campaign_id: earlier.id,
      level: "skills",
      title: "Training",
      owner: "HR",
      due_on: "2026-06-30",
      status: "in_progress",
      position: rows.length,
      updated_at: "2026-03-10T09:30Z",
    });
    await deleteActionStatement(t.db, earlier.id, action.id);
  });

  it("answers another organisation's consultant and manager 404 on every plan route, and changes nothing", async () => {
    const [action] = (await plan(round, cookies.manager)).body.actions;
    const before = await snapshot();
    for (const cookie of [cookies.otherConsultant, cookies.otherManager]) {
      for (const [method, path, body] of [
        ["GET", `/api/campaigns/${round.id}/action-plan`, undefined],
        ["PUT", `/api/campaigns/${round.id}/action-plan`, { focusLevels: ["mission"] }],
        ["POST", `/api/campaigns/${round.id}/action-plan/actions`, { level: "values", title: "Iets", owner: "Iemand" }],
        ["PATCH", `/api/campaigns/${round.id}/action-plan/actions/${action.id}`, { status: "planned" }],
        ["DELETE", `/api/campaigns/${round.id}/action-plan/actions/${action.id}`, undefined],
        ["POST", `/api/campaigns/${round.id}/summary-link`, undefined],
        ["DELETE", `/api/campaigns/${round.id}/summary-link`, undefined],
      ] as const) {
        const res = await send(method, path, cookie, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.error.code).toBe("not_found");
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("has no plan and no summary while a round runs (409 results_not_released), and writes nothing", async () => {
    const running = demo.openRound;
    const before = await snapshot();
    for (const [method, path, body] of [
      ["GET", `/api/campaigns/${running.id}/action-plan`, undefined],
      ["PUT", `/api/campaigns/${running.id}/action-plan`, { focusLevels: ["mission"] }],
      ["POST", `/api/campaigns/${running.id}/action-plan/actions`, { level: "values", title: "Iets", owner: "Iemand" }],
      ["POST", `/api/campaigns/${running.id}/summary-link`, undefined],
    ] as const) {
      const res = await send(method, path, cookies.consultant, body);
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body.error.code).toBe("results_not_released");
    }
    expect(await snapshot()).toBe(before);
  });

  it("shows the earlier round's plan beside the trend of its levels up to this round", async () => {
    expect(
      (
        await send("POST", `/api/campaigns/${earlier.id}/action-plan/actions`, cookies.manager, {
          level: "values",
          title: "Waardensessies 2025",
          owner: "Directie",
          status: "done",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send("PUT", `/api/campaigns/${earlier.id}/action-plan`, cookies.manager, {
          focusLevels: ["identity", "values"],
        })
      ).status,
    ).toBe(200);
    const read = (await plan(round, cookies.scoped)).body;
    const trends = (await send("GET", `/api/organisations/${demo.organisationId}/trends`, cookies.manager)).body;
    expect(read.previous.campaignId).toBe(earlier.id);
    expect(read.previous.actions.map((a: { title: string }) => a.title)).toEqual(["Waardensessies 2025"]);
    expect(read.previous.moves.map((m: { level: string }) => m.level)).toEqual(["identity", "values"]);
    for (const move of read.previous.moves) {
      const trend = trends.levels.find((l: { level: string }) => l.level === move.level);
      const step = trend.steps.find((s: { from: string; to: string }) => s.from === earlier.id && s.to === round.id);
      expect(move.before).toBe(trend.points.find((p: { campaignId: string }) => p.campaignId === earlier.id).score);
      expect(move.after).toBe(trend.points.find((p: { campaignId: string }) => p.campaignId === round.id).score);
      expect([move.change, move.label]).toEqual([step.change, step.label]);
    }
    // The earlier round itself is read against nothing before it.
    expect((await plan(earlier, cookies.manager)).body.previous).toBeNull();
  });
});

describe("the results summary for staff", () => {
  let token = "";

  it("is shared by a link whose token is stored only as its SHA-256, and read without logging in", async () => {
    const shared = await send("POST", `/api/campaigns/${round.id}/summary-link`, cookies.manager);
    expect(shared.status).toBe(201);
    expect(shared.body.link).toMatch(/^http:\/\/localhost\/summary#[A-Za-z0-9_-]{43}$/);
    token = shared.body.link.split("#")[1];
    const stored = (await t.client.execute("select * from summary_links")).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await plan(round, cookies.manager)).body.summaryLink).toEqual({ createdAt: shared.body.createdAt });

    const res = await readSummary(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const summary = await res.json();
    const report = (await send("GET", `/api/campaigns/${round.id}/report`, cookies.manager)).body;
    const planNow = (await plan(round, cookies.manager)).body;
    // The round as a whole, exactly as the dashboard shows it without a filter.
    expect(summary.round).toEqual({
      organisation: "Woonstichting De Linde",
      title: round.title,
      releasedOn: report.campaign.releasedOn,
      respondents: report.n,
      k: round.k,
    });
    expect(summary.levels).toEqual(
      report.levels.map((l: Record<string, unknown>) => ({
        id: l.id,
        name: l.name,
        score: l.score,
        weak: l.weak,
        possiblyWeak: l.possiblyWeak,
        divided: l.divided,
        note: l.note,
      })),
    );
    expect(summary.startHere.explanation).toEqual(report.startHere.explanation);
    expect(summary.decisions.headline).toEqual(report.decisionFactors.headline);
    expect(summary.plan).toEqual({
      focusLevels: planNow.focusLevels,
      actions: planNow.actions.map(({ id: _id, ...a }: { id: string }) => a),
    });
  });

  it("takes the token in a JSON body only, never in the path that proxies, CDNs and the platform log", async () => {
    const doc = await (await t.app.request("/api/openapi.json")).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/api/summaries"))).toEqual(["/api/summaries/read"]);
    expect(Object.keys(doc.paths["/api/summaries/read"])).toEqual(["post"]);
    const inPath = await t.app.request(`/api/summaries/${token}`);
    expect(inPath.status).toBe(404);
    expect(await inPath.text()).not.toContain("Woonstichting");
    // A cross-site form cannot read it for someone else's browser; a same-site JSON read can.
    const form = await t.app.request("/api/summaries/read", {
      method: "POST",
      headers: { origin: "https://elsewhere.example", "content-type": "application/x-www-form-urlencoded" },
      body: `token=${token}`,
    });
    expect(form.status).toBe(403);
    expect((await postJson(t.app, "/api/summaries/read", { token }, { origin: "http://localhost" })).status).toBe(200);
    expect((await postJson(t.app, "/api/summaries/read", { token, extra: 1 })).status).toBe(400);
  });

  it("publishes nothing else: no ids, no other round, no unit, no comment", async () => {
    const text = await (await readSummary(token)).text();
    const report = (await send("GET", `/api/campaigns/${round.id}/report?dimension=department`, cookies.manager)).body;
    for (const secret of [
      demo.organisationId,
      round.id,
      earlier.id,
      earlier.title,
      "Waardensessies 2025",
      ...report.comments.slice(0, 5),
      ...report.heatmap.rows.map((r: { value: string }) => `"${r.value}"`),
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    for (const key of ["heatmap", "comments", "items", "managementGap", "campaignId", "organisationId"])
      expect(text).not.toContain(`"${key}"`);
  });

  it("is replaced by sharing again and ends when revoked, each recorded once", async () => {
    const again = await send("POST", `/api/campaigns/${round.id}/summary-link`, cookies.consultant);
    const fresh = again.body.link.split("#")[1];
    expect(fresh).not.toBe(token);
    expect((await readSummary(token)).status).toBe(404);
    expect((await readSummary(fresh)).status).toBe(200);
    expect((await send("DELETE", `/api/campaigns/${round.id}/summary-link`, cookies.manager)).status).toBe(204);
    const gone = await readSummary(fresh);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe("not_found");
    expect((await send("DELETE", `/api/campaigns/${round.id}/summary-link`, cookies.manager)).status).toBe(204);
    const log = (await auditActions()).filter((e) => e.action.startsWith("summary_")).map((e) => e.action);
    expect(log).toEqual(["summary_revoked", "summary_shared", "summary_shared"]);
    expect((await plan(round, cookies.manager)).body.summaryLink).toBeNull();
  });

  it("cannot be shared for a round below k, whose release publishes nothing", async () => {
    expect((await plan(small, cookies.manager)).body).toMatchObject({ startHere: null, focusLevels: [] });
    const before = await snapshot();
    const res = await send("POST", `/api/campaigns/${small.id}/summary-link`, cookies.manager);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("too_small");
    expect(await snapshot()).toBe(before);
  });

  it("refuses a network that tries too many unknown links (429), while found links cost nothing", async () => {
    address = "198.51.100.7";
    const link = (await send("POST", `/api/campaigns/${round.id}/summary-link`, cookies.manager)).body.link as string;
    for (let i = 0; i < MAX_LINK_MISSES + 5; i++) expect((await readSummary(link.split("#")[1]!)).status).toBe(200);
    for (let i = 0; i < MAX_LINK_MISSES; i++) expect((await readSummary(`guess-${i}`)).status).toBe(404);
    const refused = await readSummary("guess-last");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await readSummary("x".repeat(300))).status).toBe(400);
    address = "203.0.113.9";
    expect((await readSummary(link.split("#")[1]!)).status).toBe(200);
  });

  it("serves the summary page to anyone, with the pages' headers", async () => {
    const res = await t.app.request("/summary");
    expect(res.status).toBe(200);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await res.text()).toContain("summary-page");
  });
});
