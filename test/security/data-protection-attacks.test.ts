/**
 * Attacks on the data-protection features (deleting rounds, organisations and accounts, retention,
 * the export), each over HTTP as the product lets its adversaries act. Every test here failed on
 * the code it was written against (an attacker helper's findings); they now guard the fixes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { applyRetention } from "../../src/services/data-protection.js";
import { grantOrganisation } from "../../src/storage/accounts.js";
import { accountCookie, createDemoApp, rivalConsultant, sender, tableRows } from "../helpers/fixtures.js";
import { loginCookie, type TestApp } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
let second: DemoResult;
let consultant = "";
let manager = "";

const send = (method: string, path: string, cookie?: string, body?: unknown) => sender(t)(method, path, cookie, body);

const tables = () => tableRows(t);
const tablesHolding = async (needle: string) =>
  [...(await tables())].filter(([, rows]) => rows.includes(needle)).map(([n]) => n);

interface Entry {
  organisationId: string;
  campaignId: string;
  scores: Record<string, number>;
}
const normEntries = async (): Promise<Entry[]> =>
  (await t.client.execute("select profiles from norm_sets")).rows.flatMap(
    (r) => JSON.parse(String(r.profiles)) as Entry[],
  );

beforeAll(async () => {
  ({ t, demo, consultant, manager } = await createDemoApp());
  // The demo seeded a second time into the same database: six clients, so the consultant publishes
  // a real norm set (README, "Benchmarks: frozen norm sets").
  second = await seedDemo(t.db, t.instruments, t.clock.now);
}, 240_000);
afterAll(() => t.close());

describe("deleting a round or letting retention delete it leaves its figures behind", () => {
  it("a deleted round's id, organisation and unrounded seven-level profile stay in the norm set", async () => {
    expect(second.normSet).not.toBeNull();
    const entries = await normEntries();
    const entry = entries.find((e) => e.organisationId === demo.organisationId);
    expect(entry, "the first organisation is in the published set").toBeTruthy();
    const round = entry!.campaignId;
    const done = await send("DELETE", `/api/campaigns/${round}`, consultant);
    expect(done.status).toBe(200);
    expect(done.body.deleted).toBe(true);
    expect((await send("GET", `/api/campaigns/${round}`, consultant)).status).toBe(404);
    // "Every row of one round" went, the answer says — but the norm set still ties the round's exact
    // profile to the organisation and the round, and the consultant's set detail still lists it.
    const detail = await send("GET", `/api/norm-sets/${second.normSet!.id}`, consultant);
    expect(detail.text, "the set detail still names the deleted round").not.toContain(round);
    // Only the audit log still names it: its record of who read the round and who deleted it.
    expect(await tablesHolding(round), "tables that still hold the deleted round's id").toEqual(["audit_log"]);
  });

  it("a deleted round's organisation stays named in the set, so the next set cannot count it as new again", async () => {
    // The first organisation has an older released round that qualifies too (2025 before 2026).
    const entries = await normEntries();
    const entry = entries.find((e) => e.organisationId === demo.organisationId);
    expect(entry, "the organisation is still in the set, under its own id").toBeTruthy();
    expect(entry!.campaignId).toMatch(/^removed-/);
    // Publishing now: the organisation's older round replaces the deleted one, which adds nobody —
    // were its id gone, it would count as new, and three such deletions would stand in for three
    // new organisations.
    const published = await send("POST", "/api/norm-sets", consultant, {});
    expect(published.status).toBe(409);
    expect(published.body.error.code).toBe("too_few_new_organisations");
  });

  it("retention deletes 'the whole round at N months', yet its profile stays in the norm set under its organisation", async () => {
    const entries = await normEntries();
    // A round of the second seed's organisations that the set holds, released, of an organisation we own.
    const candidates = second.rounds.map((r) => r.campaign).filter((c) => entries.some((e) => e.campaignId === c.id));
    const target = candidates[candidates.length - 1]!;
    const set = await send("PUT", `/api/organisations/${target.organisationId}/retention`, consultant, {
      retentionMonths: 12,
    });
    expect(set.status).toBe(200);
    const row = (set.body.rounds as { campaignId: string; roundOn: string }[]).find((r) => r.campaignId === target.id)!;
    await applyRetention({ db: t.db, instruments: t.instruments, now: () => new Date(`${row.roundOn}T12:00:00Z`) });
    expect((await send("GET", `/api/campaigns/${target.id}`, consultant)).status).toBe(404);
    const left = (await normEntries()).filter((e) => e.campaignId === target.id);
    expect(left, "norm-set entries still holding the retained-away round (org id + exact scores)").toEqual([]);
  });
});

describe("deleting an account reaches into another consultant's organisation", () => {
  it("consultant A's preview counts, and A's deletion erases, consultant B's pending invitation and rewrites B's audit log", async () => {
    const rival = await rivalConsultant(t, "b-tenant");
    const email = "shared-person@client.test";
    // M manages only A's organisation.
    const m = await accountCookie(t, email, "manager", demo.organisationId);
    // B, in B's own organisation, invites the same address (allowed: "invite any address to their own organisation").
    const invited = await send("POST", `/api/organisations/${rival.organisationId}/invitations`, rival.consultant, {
      email,
    });
    expect(invited.status).toBe(201);
    const bBefore = await send("GET", `/api/organisations/${rival.organisationId}/invitations`, rival.consultant);
    expect(bBefore.text).toContain(email);
    const bAuditBefore = await send(
      "GET",
      `/api/organisations/${rival.organisationId}/audit?limit=100`,
      rival.consultant,
    );
    expect(bAuditBefore.text).toContain(email);

    // A learns from the preview that someone else (B) invited A's manager: A has no invitation of its own.
    const preview = await send("GET", `/api/users/${m.id}/deletion`, consultant);
    expect(preview.status).toBe(200);
    expect(preview.body.removes.invitations, "A's preview counts B's invitation").toBe(0);

    // A deletes A's own manager — and B's pending invitation and B's audit entry change with it.
    expect((await send("DELETE", `/api/users/${m.id}`, consultant)).status).toBe(200);
    const bAfter = await send("GET", `/api/organisations/${rival.organisationId}/invitations`, rival.consultant);
    expect(bAfter.text, "B's pending invitation survives A's deletion").toContain(email);
    const bAuditAfter = await send(
      "GET",
      `/api/organisations/${rival.organisationId}/audit?limit=100`,
      rival.consultant,
    );
    expect(bAuditAfter.text, "B's audit log is unchanged by A").toBe(bAuditBefore.text);
  });
  it("a manager of A and of B deletes their account; A's audit log then tells A about the activity in B's organisation", async () => {
    const rival = await rivalConsultant(t, "c-tenant");
    const email = "two-clients@client.test";
    const m = await accountCookie(t, email, "manager", demo.organisationId);
    // M also manages B's client (B invited them; the fixture grants it directly) and works there.
    await grantOrganisation(t.db, m.id, rival.organisationId);
    // M logs in a few times: each login is an entry in the log of every organisation M reads.
    for (let i = 0; i < 3; i++) await loginCookie(t.app, email, "fixture-account-password-1");
    const aBefore = await send("GET", `/api/organisations/${demo.organisationId}/audit?limit=100`, consultant);
    const mine = (aBefore.body.entries as { actor: string }[]).filter((e) => e.actor === email).length;
    expect(mine).toBeGreaterThan(1);
    expect((await send("DELETE", `/api/users/${m.id}`, m.cookie)).status).toBe(200);
    const aAfter = await send("GET", `/api/organisations/${demo.organisationId}/audit?limit=100`, consultant);
    const entry = (aAfter.body.entries as { action: string; detail: { removed: Record<string, number> } }[]).find(
      (e) => e.action === "account_deleted",
    )!;
    // What A's organisation's log may say: M's grant here, M's entries here.
    expect(entry.detail.removed.grants, "A learns M held a grant elsewhere").toBe(1);
    expect(entry.detail.removed.auditEntries, "A learns how much M did outside A's organisation").toBe(mine);
  });
});

describe("a deleted account's id stays behind", () => {
  it("a manager whose access was revoked deletes their account; the revocation entry still holds their id", async () => {
    const email = "revoked-then-gone@client.test";
    const m = await accountCookie(t, email, "manager", demo.organisationId);
    expect(
      (await send("DELETE", `/api/organisations/${demo.organisationId}/managers/${m.id}`, consultant)).status,
    ).toBe(204);
    const cookie = await loginCookie(t.app, email, "fixture-account-password-1");
    const gone = await send("DELETE", `/api/users/${m.id}`, cookie);
    expect(gone.status).toBe(200);
    expect(await tablesHolding(email)).toEqual([]);
    expect(await tablesHolding(m.id), "tables that still hold the deleted account's id").toEqual([]);
  });
});

describe("the organisation export holds other organisations' data", () => {
  it("carries the consultant's benchmark over all clients (mean, breadth, date) that the organisation's managers may not see", async () => {
    const org = demo.organisationId;
    const exported = await send("GET", `/api/organisations/${org}/export`, consultant);
    expect(exported.status).toBe(200);
    const reports = (exported.body.rounds as { release: { reports: Record<string, { benchmark?: unknown }> } | null }[])
      .flatMap((r) => (r.release ? Object.values(r.release.reports) : []))
      .filter((r) => r !== null);
    expect(reports.length).toBeGreaterThan(0);
    // The organisation's own manager reads the same round's report: at most the mean of the OTHER
    // organisations, never the breadth or date (README: "that would tell them when it changes by how much").
    const released = (exported.body.rounds as { id: string; release: unknown }[]).find((r) => r.release)!;
    const managerReport = await send("GET", `/api/campaigns/${released.id}/report?dimension=department`, manager);
    expect(managerReport.status).toBe(200);
    expect(managerReport.body.benchmark?.organisations).toBeUndefined();
    // The export — "all of the organisation's data", the file handed to its works council or GDPR
    // officer — carries the mean of every other client of the consultant, with how many and when.
    // The export leaves the consultant's benchmark out altogether.
    for (const report of reports) expect(report.benchmark).toBeNull();
    // The consultant's own report does carry one here, so the check above is not vacuous.
    const consultantReport = await send("GET", `/api/campaigns/${released.id}/report?dimension=department`, consultant);
    expect(consultantReport.body.benchmark?.organisations).toBeGreaterThan(0);
  });
});
