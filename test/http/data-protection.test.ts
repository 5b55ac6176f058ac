/**
 * Data protection over HTTP, on a database of its own (the demo): deleting a round (preview, dry
 * run, a running round only with confirm), an organisation (afterwards no table holds a row of it —
 * every table is searched for its ids), an account (its audit entries keep a placeholder actor),
 * the retention period and its sweep, and the export. Other consultants get 404, managers 403, bad
 * input a 4xx that writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DemoResult } from "../../src/demo/seed.js";
import type { Campaign } from "../../src/domain/campaign.js";
import { hashPassword } from "../../src/lib/password.js";
import { applyRetention } from "../../src/services/data-protection.js";
import { createUser, grantOrganisation } from "../../src/storage/accounts.js";
import { schema } from "../../src/storage/database.js";
import { createDemoApp, rivalConsultant, sender, tableRows } from "../helpers/fixtures.js";
import { demoLogin, loginCookie, postJson, type TestApp } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
const cookies = { consultant: "", manager: "", other: "", otherManager: "" };
const PASSWORD = "data-protection-test-pw-1";

const send = (method: string, path: string, cookie?: string, body?: unknown) => sender(t)(method, path, cookie, body);

const tables = () => tableRows(t);
const snapshot = async () => JSON.stringify([...(await tables())]);
const auditOf = async (organisationId: string) =>
  (await send("GET", `/api/organisations/${organisationId}/audit?limit=100`, cookies.consultant)).body.entries as {
    action: string;
    actor: string;
    detail: Record<string, unknown>;
  }[];

beforeAll(async () => {
  ({ t, demo, manager: cookies.manager, consultant: cookies.consultant } = await createDemoApp());
  ({ consultant: cookies.other, manager: cookies.otherManager } = await rivalConsultant(t, "other"));
}, 120_000);
afterAll(() => t.close());

describe("deleting a round", () => {
  it("previews by count, refuses managers (403) and other consultants (404), and a dry run deletes nothing", async () => {
    const round = demo.campaign;
    const preview = await send("GET", `/api/campaigns/${round.id}/deletion`, cookies.consultant);
    expect(preview.status).toBe(200);
    expect(preview.body.deleted).toBe(false);
    expect(preview.body.removes.releases).toBe(1);
    expect(preview.body.removes.groups).toBeGreaterThan(0);
    expect(preview.body.needsConfirm).toBe(false);
    expect((await send("GET", `/api/campaigns/${round.id}/deletion`, cookies.manager)).status).toBe(403);
    expect((await send("DELETE", `/api/campaigns/${round.id}`, cookies.manager)).status).toBe(403);
    expect((await send("GET", `/api/campaigns/${round.id}/deletion`, cookies.other)).status).toBe(404);
    const before = await snapshot();
    expect((await send("DELETE", `/api/campaigns/${round.id}`, cookies.other)).status).toBe(404);
    expect((await send("DELETE", `/api/campaigns/${round.id}?dryRun=1`, cookies.consultant)).body.deleted).toBe(false);
    expect((await send("DELETE", `/api/campaigns/${round.id}?dryRun=maybe`, cookies.consultant)).status).toBe(400);
    expect((await send("DELETE", `/api/campaigns/${round.id}`)).status).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it("deletes a running round only with confirm=1, its raw responses with it", async () => {
    const round = demo.openRound;
    // The demo's running round has taken answers already.
    expect(demo.rounds.find((r) => r.campaign.id === round.id)!.responses).toBeGreaterThan(0);
    const refused = await send("DELETE", `/api/campaigns/${round.id}`, cookies.consultant);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("round_running");
    const preview = (await send("GET", `/api/campaigns/${round.id}/deletion`, cookies.consultant)).body;
    expect(preview.needsConfirm).toBe(true);
    expect(preview.removes.responses).toBeGreaterThan(0);
    const done = await send("DELETE", `/api/campaigns/${round.id}?confirm=1`, cookies.consultant);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ deleted: true, removes: { responses: preview.removes.responses } });
    expect((await send("GET", `/api/campaigns/${round.id}`, cookies.consultant)).status).toBe(404);
    const all = await snapshot();
    expect(all).not.toContain(round.token);
    // The survey link is dead.
    expect((await t.app.request(`/api/s/${round.token}`)).status).toBe(404);
    const entry = (await auditOf(round.organisationId)).find((e) => e.action === "round_deleted");
    expect(entry?.detail).toMatchObject({ title: round.title, removed: { responses: preview.removes.responses } });
  });
});

describe("retention", () => {
  it("refuses bad input without writing, managers (403) and others (404)", async () => {
    const org = demo.organisationId;
    const before = await snapshot();
    for (const body of [
      { retentionMonths: 6 },
      { retentionMonths: 121 },
      { retentionMonths: "12" },
      { retentionMonths: 12.5 },
      { months: 12 },
      "{",
    ]) {
      expect((await send("PUT", `/api/organisations/${org}/retention`, cookies.consultant, body)).status).toBe(400);
    }
    expect(
      (await send("PUT", `/api/organisations/${org}/retention`, cookies.manager, { retentionMonths: 12 })).status,
    ).toBe(403);
    expect(
      (await send("PUT", `/api/organisations/${org}/retention`, cookies.other, { retentionMonths: 12 })).status,
    ).toBe(404);
    expect((await send("GET", `/api/organisations/${org}/retention`, cookies.other)).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it("shows when each released round goes, and the sweep deletes comments half-way and the round at the end", async () => {
    // The third organisation: a round of its own, released, with comments.
    const released = demo.rounds.filter(
      (r) => r.campaign.organisationId !== demo.organisationId && r.campaign.status === "closed",
    );
    const target = released[released.length - 1]!.campaign;
    const org = target.organisationId;
    const set = await send("PUT", `/api/organisations/${org}/retention`, cookies.consultant, { retentionMonths: 24 });
    expect(set.status).toBe(200);
    const row = (
      set.body.rounds as { campaignId: string; releasedOn: string; commentsOn: string; roundOn: string }[]
    ).find((r) => r.campaignId === target.id)!;
    expect(row.roundOn > row.commentsOn).toBe(true);
    expect((await auditOf(org)).some((e) => e.action === "retention_set" && e.detail.months === 24)).toBe(true);
    const deps = { db: t.db, instruments: t.instruments, now: () => new Date(`${row.commentsOn}T12:00:00Z`) };
    const commentsBefore = (
      await t.client.execute({
        sql: "select count(*) n from release_comments where campaign_id = ?",
        args: [target.id],
      })
    ).rows[0]!.n;
    await applyRetention(deps);
    expect(
      (
        await t.client.execute({
          sql: "select count(*) n from release_comments where campaign_id = ?",
          args: [target.id],
        })
      ).rows[0]!.n,
    ).toBe(0);
    expect(
      (await t.client.execute({ sql: "select count(*) n from releases where campaign_id = ?", args: [target.id] }))
        .rows[0]!.n,
    ).toBe(1);
    if (Number(commentsBefore) > 0)
      expect((await auditOf(org)).some((e) => e.action === "retention_applied" && e.detail.stage === "comments")).toBe(
        true,
      );
    await applyRetention({ ...deps, now: () => new Date(`${row.roundOn}T12:00:00Z`) });
    expect((await send("GET", `/api/campaigns/${target.id}`, cookies.consultant)).status).toBe(404);
    expect(
      (await auditOf(org)).some(
        (e) => e.action === "retention_applied" && e.detail.stage === "round" && e.detail.title === target.title,
      ),
    ).toBe(true);
    // Back to "until deleted": nothing is scheduled.
    const off = await send("PUT", `/api/organisations/${org}/retention`, cookies.consultant, { retentionMonths: null });
    expect(off.body.retentionMonths).toBeNull();
    expect((off.body.rounds as { roundOn: string | null }[]).every((r) => r.roundOn === null)).toBe(true);
  });
});

describe("retention that deletes at once", () => {
  it("needs confirm=1 when the period has already passed for a released round, and changes nothing without it", async () => {
    const org = demo.organisationId;
    const round = demo.rounds.find(
      (r) => r.campaign.organisationId === org && r.campaign.status === "closed",
    )!.campaign;
    const releasedOn = async () =>
      String(
        (await t.client.execute({ sql: "select released_on d from releases where campaign_id = ?", args: [round.id] }))
          .rows[0]?.d,
      );
    const original = await releasedOn();
    const before = await send("GET", `/api/organisations/${org}/retention`, cookies.consultant);
    const setsBefore = (await auditOf(org)).filter((e) => e.action === "retention_set").length;
    try {
      // As if the round had been released three years ago.
      await t.client.execute({
        sql: "update releases set released_on = date(?, '-3 years') where campaign_id = ?",
        args: [original, round.id],
      });
      const refused = await send("PUT", `/api/organisations/${org}/retention`, cookies.consultant, {
        retentionMonths: 12,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("retention_deletes_now");
      expect(refused.body.error.details).toContainEqual({ path: "rounds", message: "1" });
      const unchanged = await send("GET", `/api/organisations/${org}/retention`, cookies.consultant);
      expect(unchanged.body.retentionMonths).toBe(before.body.retentionMonths);
      expect((await auditOf(org)).filter((e) => e.action === "retention_set").length).toBe(setsBefore);
      // Ten years keeps it: no confirmation needed.
      const long = await send("PUT", `/api/organisations/${org}/retention`, cookies.consultant, {
        retentionMonths: 120,
      });
      expect(long.status).toBe(200);
      expect(
        (
          await send("PUT", `/api/organisations/${org}/retention?confirm=yes`, cookies.consultant, {
            retentionMonths: 12,
          })
        ).status,
      ).toBe(400);
      const confirmed = await send("PUT", `/api/organisations/${org}/retention?confirm=1`, cookies.consultant, {
        retentionMonths: 12,
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.retentionMonths).toBe(12);
      // The period in force, saved again, asks nothing: the sweep deletes what it makes due anyway.
      expect(
        (await send("PUT", `/api/organisations/${org}/retention`, cookies.consultant, { retentionMonths: 12 })).status,
      ).toBe(200);
    } finally {
      await send("PUT", `/api/organisations/${org}/retention?confirm=1`, cookies.consultant, {
        retentionMonths: before.body.retentionMonths,
      });
      await t.client.execute({
        sql: "update releases set released_on = ? where campaign_id = ?",
        args: [original, round.id],
      });
    }
    expect(await releasedOn()).toBe(original);
  });
});

describe("export", () => {
  it("is one versioned JSON download named by organisation and date, without codes, tokens or password hashes", async () => {
    const res = await send("GET", `/api/organisations/${demo.organisationId}/export`, cookies.consultant);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="[a-z0-9-]+_export_2026-03-10\.json"/);
    const data = res.body;
    expect(data).toMatchObject({
      schema: "klantgericht.organisation-export",
      schemaVersion: 1,
      organisation: { id: demo.organisationId },
    });
    const round = (data.rounds as { id: string; release: { reports: Record<string, unknown> } | null }[]).find(
      (r) => r.id === demo.campaign.id,
    )!;
    expect(round.release?.reports.department).toBeTruthy();
    expect(data.managers).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: demoLogin(demo, "manager").email })]),
    );
    expect(data.audit.length).toBeGreaterThan(0);
    expect(res.text).not.toMatch(/pbkdf2|password|token_?hash|code_?hash|sealed/i);
    for (const code of demo.unusedCodes) expect(res.text).not.toContain(code);
    expect(res.text).not.toContain(demo.campaign.token);
    expect((await auditOf(demo.organisationId)).some((e) => e.action === "organisation_exported")).toBe(true);
    expect((await send("GET", `/api/organisations/${demo.organisationId}/export`, cookies.manager)).status).toBe(403);
    expect((await send("GET", `/api/organisations/${demo.organisationId}/export`, cookies.other)).status).toBe(404);
  });
});

describe("deleting an account", () => {
  it("a consultant deletes a manager of their own organisations; the manager's entries keep a placeholder actor", async () => {
    const hash = await hashPassword(PASSWORD);
    const gone = await createUser(t.db, "leaving@demo.test", hash, "manager");
    await grantOrganisation(t.db, gone.id, demo.organisationId);
    const cookie = await loginCookie(t.app, "leaving@demo.test", PASSWORD);
    expect((await send("GET", `/api/campaigns/${demo.campaign.id}/report`, cookie)).status).toBe(200);
    expect((await send("GET", `/api/users/${gone.id}/deletion`, cookies.other)).status).toBe(404);
    expect((await send("DELETE", `/api/users/${gone.id}`, cookies.manager)).status).toBe(404);
    const preview = await send("GET", `/api/users/${gone.id}/deletion`, cookies.consultant);
    expect(preview.body.removes).toMatchObject({ sessions: 1, grants: 1 });
    expect(preview.body.removes.auditEntries).toBeGreaterThan(0);
    const done = await send("DELETE", `/api/users/${gone.id}`, cookies.consultant);
    expect(done.status).toBe(200);
    expect((await send("GET", `/api/organisations`, cookie)).status).toBe(401);
    expect((await postJson(t.app, "/api/auth/login", { email: "leaving@demo.test", password: PASSWORD })).status).toBe(
      401,
    );
    const all = await snapshot();
    expect(all).not.toContain(gone.id);
    expect(all).not.toContain("leaving@demo.test");
    const entries = await auditOf(demo.organisationId);
    expect(entries.some((e) => e.action === "report_read" && e.actor === "(deleted account)")).toBe(true);
    expect(entries.some((e) => e.action === "account_deleted" && e.actor === demoLogin(demo, "consultant").email)).toBe(
      true,
    );
  });

  it("refuses a manager who also reads another consultant's organisation, and a consultant who still runs organisations", async () => {
    const hash = await hashPassword(PASSWORD);
    const shared = await createUser(t.db, "shared@demo.test", hash, "manager");
    await grantOrganisation(t.db, shared.id, demo.organisationId);
    const [otherOrg] = (await send("GET", "/api/organisations", cookies.other)).body as { id: string }[];
    await grantOrganisation(t.db, shared.id, otherOrg!.id);
    expect((await send("DELETE", `/api/users/${shared.id}`, cookies.consultant)).body.error.code).toBe(
      "manager_elsewhere",
    );
    const me = (
      await t.client.execute({
        sql: "select id from users where email = ?",
        args: [demoLogin(demo, "consultant").email],
      })
    ).rows[0]!.id as string;
    const self = await send("DELETE", `/api/users/${me}`, cookies.consultant);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("owns_organisations");
  });

  it("a consultant who runs no organisation deletes their own account, and a manager theirs", async () => {
    const hash = await hashPassword(PASSWORD);
    for (const [email, role] of [
      ["solo@consult.test", "consultant"],
      ["self@manager.test", "manager"],
    ] as const) {
      const user = await createUser(t.db, email, hash, role);
      const cookie = await loginCookie(t.app, email, PASSWORD);
      const done = await send("DELETE", `/api/users/${user.id}`, cookie);
      expect(done.status).toBe(200);
      expect(done.body.removes.sessions).toBe(1);
      expect((await postJson(t.app, "/api/auth/login", { email, password: PASSWORD })).status).toBe(401);
      expect(await snapshot()).not.toContain(user.id);
    }
  });
});

describe("deleting an organisation", () => {
  it("removes every row that belongs to it, keeps norm sets' figures without its name, and is 404 for others", async () => {
    const org = demo.organisationId;
    const rounds = demo.rounds.filter((r) => r.campaign.organisationId === org).map((r) => r.campaign as Campaign);
    // A pending invitation, a plan action and a norm set that holds the organisation.
    expect(
      (await send("POST", `/api/organisations/${org}/invitations`, cookies.consultant, { email: "new@demo.test" }))
        .status,
    ).toBe(201);
    const consultantId = (
      await t.client.execute({ sql: "select consultant_id from organisations where id = ?", args: [org] })
    ).rows[0]!.consultant_id as string;
    await t.db.insert(schema.normSets).values({
      id: "set-1",
      consultantId,
      seq: 99,
      madeOn: "2026-01-01",
      profiles: JSON.stringify([
        { organisationId: org, campaignId: demo.campaign.id, scores: { mission: 60 } },
        { organisationId: "elsewhere", campaignId: "c2", scores: { mission: 70 } },
      ]),
    });
    expect((await send("DELETE", `/api/organisations/${org}`, cookies.other)).status).toBe(404);
    expect((await send("DELETE", `/api/organisations/${org}`, cookies.manager)).status).toBe(403);
    const preview = await send("GET", `/api/organisations/${org}/deletion`, cookies.consultant);
    expect(preview.body.removes).toMatchObject({ rounds: rounds.length, invitations: 1, normSets: 1 });
    expect(preview.body.removes.managers).toBeGreaterThan(0);
    const done = await send("DELETE", `/api/organisations/${org}`, cookies.consultant);
    expect(done.status).toBe(200);
    expect(done.body.deleted).toBe(true);
    const ids = [org, ...rounds.map((r) => r.id), ...rounds.map((r) => r.token)];
    for (const [table, rows] of await tables())
      for (const id of ids) expect(rows.includes(id), `${table} still holds ${id}`).toBe(false);
    // The manager lost the organisation but not their account.
    expect((await send("GET", "/api/organisations", cookies.manager)).body).toEqual([]);
    const set = (await t.client.execute("select profiles from norm_sets where id = 'set-1'")).rows[0]!;
    const entries = JSON.parse(String(set.profiles)) as { organisationId: string; scores: { mission: number } }[];
    expect(entries.map((e) => e.scores.mission)).toEqual([60, 70]);
    expect(entries[0]!.organisationId).toMatch(/^removed-/);
    expect((await send("GET", `/api/organisations/${org}/export`, cookies.consultant)).status).toBe(404);
  });
});
