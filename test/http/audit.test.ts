/**
 * The audit log over HTTP: every staff action writes exactly one entry with its actor and
 * organisation, refused or failed actions write none, respondents never appear, and the log is
 * the organisation's consultant's alone, paged newest first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AUDIT_RETENTION_DAYS, auditMinute } from "../../src/domain/audit.js";
import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { hashPassword } from "../../src/lib/password.js";
import { sha256Hex } from "../../src/lib/random.js";
import { pruneAudit } from "../../src/services/audit.js";
import { makeResetLink } from "../../src/services/password-reset.js";
import { createUser, findUserByEmail, grantOrganisation, type User } from "../../src/storage/accounts.js";
import { recordAudit } from "../../src/storage/audit.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, tokenOf, validAnswers } from "../helpers/test-app.js";

const PASSWORD = "audit-test-password-1";
const NEW_PASSWORD = "Zeven lange bomen in de polder";
const same = { origin: "http://localhost" };

let t: TestApp;
let consultantA: User;
let consultantB: User;
let manager: User;
let orgA: { id: string };
let orgB: { id: string };
const cookies = { a: "", b: "", manager: "" };
/** The round opened, coded, answered and closed below, whose report is then read. */
let reportRound: Campaign;

interface Row {
  organisationId: string | null;
  actorId: string;
  action: string;
  detail: Record<string, unknown>;
}

/** Every entry in insertion order, as stored. */
async function allEntries(): Promise<Row[]> {
  const rows = (
    await t.client.execute("select organisation_id, actor_id, action, detail from audit_log order by rowid")
  ).rows;
  return rows.map((r) => ({
    organisationId: r.organisation_id as string | null,
    actorId: r.actor_id as string,
    action: r.action as string,
    detail: JSON.parse(r.detail as string),
  }));
}

/** Runs `act` and returns the entries it added. */
async function added(act: () => unknown): Promise<Row[]> {
  const before = (await allEntries()).length;
  await act();
  return (await allEntries()).slice(before);
}

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: { cookie, ...same, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const get = (path: string, cookie: string) => t.app.request(path, { headers: { cookie } });
const auditOf = (orgId: string, cookie: string, query = "") => get(`/api/organisations/${orgId}/audit${query}`, cookie);

beforeAll(async () => {
  t = await createTestApp();
  const hash = await hashPassword(PASSWORD);
  consultantA = await createUser(t.db, "a@consult.test", hash, "consultant");
  consultantB = await createUser(t.db, "b@consult.test", hash, "consultant");
  manager = await createUser(t.db, "director@alfa.test", hash, "manager");
  orgA = await createOrganisation(t.db, "Woonstichting Alfa", consultantA.id);
  orgB = await createOrganisation(t.db, "Zorggroep Beta", consultantB.id);
  await grantOrganisation(t.db, manager.id, orgA.id);
});
afterAll(() => t.close());

describe("recording", () => {
  it("records a login as an account event: under each organisation its user is granted, else without one", async () => {
    expect(await added(async () => (cookies.a = await loginCookie(t.app, "a@consult.test", PASSWORD)))).toEqual([
      { organisationId: null, actorId: consultantA.id, action: "login", detail: {} },
    ]);
    cookies.b = await loginCookie(t.app, "b@consult.test", PASSWORD);
    expect(
      await added(async () => (cookies.manager = await loginCookie(t.app, "director@alfa.test", PASSWORD))),
    ).toEqual([{ organisationId: orgA.id, actorId: manager.id, action: "login", detail: {} }]);
  });

  it("counts failed logins per account in one entry, without password or address; an unknown address leaves none", async () => {
    const wrong = (email: string) => postJson(t.app, "/api/auth/login", { email, password: "not-the-password" });
    const rows = await added(async () => {
      expect((await wrong("director@alfa.test")).status).toBe(401);
      expect((await wrong("Director@Alfa.test")).status).toBe(401);
      expect((await wrong("nobody@alfa.test")).status).toBe(401);
    });
    // Two failures at the account (its address in any case), one entry; the unknown address none.
    expect(rows).toEqual([
      { organisationId: orgA.id, actorId: manager.id, action: "login_failed", detail: { count: 2 } },
    ]);
    const dump = JSON.stringify((await t.client.execute("select * from audit_log")).rows);
    expect(dump).not.toContain("not-the-password");
    expect(dump).not.toContain("nobody@alfa.test");
    // A window is an hour from its first failure; then the count starts again in a new entry.
    // (Consultant B's account, which logs in no more: the login limits would hold a clock moved back.)
    const start = t.clock.now;
    try {
      expect(await added(() => wrong("b@consult.test"))).toEqual([
        { organisationId: null, actorId: consultantB.id, action: "login_failed", detail: { count: 1 } },
      ]);
      t.clock.now = new Date(start.getTime() + 59 * 60 * 1000);
      expect(await added(() => wrong("b@consult.test"))).toEqual([]);
      t.clock.now = new Date(start.getTime() + 60 * 60 * 1000);
      expect(await added(() => wrong("b@consult.test"))).toEqual([
        { organisationId: null, actorId: consultantB.id, action: "login_failed", detail: { count: 1 } },
      ]);
      expect(
        (await allEntries())
          .filter((e) => e.actorId === consultantB.id && e.action === "login_failed")
          .map((e) => e.detail),
      ).toEqual([{ count: 2 }, { count: 1 }]);
    } finally {
      t.clock.now = start;
    }
  });

  it("records inviting, resending, withdrawing, accepting and revoking, each once, with the consultant or the new manager as actor", async () => {
    let invitation = { id: "", email: "" };
    let link = "";
    expect(
      await added(async () => {
        const res = await send("POST", `/api/organisations/${orgA.id}/invitations`, cookies.a, {
          email: "New@Alfa.test",
          units: { department: ["Sales"] },
        });
        expect(res.status).toBe(201);
        ({ invitation, link } = await res.json());
      }),
    ).toEqual([
      {
        organisationId: orgA.id,
        actorId: consultantA.id,
        action: "invitation_sent",
        detail: { invitationId: invitation.id, email: "new@alfa.test", departments: ["Sales"] },
      },
    ]);
    expect(
      await added(async () => {
        const res = await send("POST", `/api/organisations/${orgA.id}/invitations/${invitation.id}/resend`, cookies.a);
        expect(res.status).toBe(200);
        link = (await res.json()).link;
      }),
    ).toEqual([
      {
        organisationId: orgA.id,
        actorId: consultantA.id,
        action: "invitation_resent",
        detail: { invitationId: invitation.id, email: "new@alfa.test" },
      },
    ]);
    expect(
      await added(async () =>
        expect(
          (await send("DELETE", `/api/organisations/${orgA.id}/invitations/${invitation.id}`, cookies.a)).status,
        ).toBe(204),
      ),
    ).toEqual([
      {
        organisationId: orgA.id,
        actorId: consultantA.id,
        action: "invitation_withdrawn",
        detail: { invitationId: invitation.id, email: "new@alfa.test" },
      },
    ]);
    // Withdrawing again, another consultant, an accepted link that was withdrawn: refused, no entry.
    expect(
      await added(async () => {
        expect(
          (await send("DELETE", `/api/organisations/${orgA.id}/invitations/${invitation.id}`, cookies.a)).status,
        ).toBe(404);
        expect(
          (await send("DELETE", `/api/organisations/${orgA.id}/invitations/${invitation.id}`, cookies.b)).status,
        ).toBe(404);
        expect(
          (await postJson(t.app, `/api/invitations/${tokenOf(link)}/accept`, { password: NEW_PASSWORD }, same)).status,
        ).toBe(404);
      }),
    ).toEqual([]);

    link = (
      await (
        await send("POST", `/api/organisations/${orgA.id}/invitations`, cookies.a, { email: "new@alfa.test" })
      ).json()
    ).link;
    const accepted = await added(async () =>
      expect(
        (await postJson(t.app, `/api/invitations/${tokenOf(link)}/accept`, { password: NEW_PASSWORD }, same)).status,
      ).toBe(200),
    );
    const newcomer = (await findUserByEmail(t.db, "new@alfa.test"))!;
    expect(accepted).toEqual([
      { organisationId: orgA.id, actorId: newcomer.id, action: "invitation_accepted", detail: {} },
    ]);
    expect(
      await added(() => postJson(t.app, `/api/invitations/${tokenOf(link)}/accept`, { password: NEW_PASSWORD }, same)),
    ).toEqual([]);

    expect(
      await added(async () =>
        expect((await send("DELETE", `/api/organisations/${orgA.id}/managers/${newcomer.id}`, cookies.a)).status).toBe(
          204,
        ),
      ),
    ).toEqual([
      {
        organisationId: orgA.id,
        actorId: consultantA.id,
        action: "manager_revoked",
        detail: { userId: newcomer.id, email: "new@alfa.test" },
      },
    ]);
    expect(
      await added(async () =>
        expect((await send("DELETE", `/api/organisations/${orgA.id}/managers/${newcomer.id}`, cookies.a)).status).toBe(
          404,
        ),
      ),
    ).toEqual([]);
  });

  it("records a round's changed settings by name, never their values, and nothing for a refused change", async () => {
    const draft = await createCampaign(t.db, {
      ...campaignDefaults(t.instrument, ["Sales", "Service"]),
      organisationId: orgA.id,
      title: "Najaar 2026",
      status: "draft",
    });
    expect(
      await added(async () =>
        expect(
          (
            await send("PATCH", `/api/campaigns/${draft.id}`, cookies.a, {
              title: "Najaar 2026 (herzien)",
              contact: "hr@alfa.test",
            })
          ).status,
        ).toBe(200),
      ),
    ).toEqual([
      {
        organisationId: orgA.id,
        actorId: consultantA.id,
        action: "round_changed",
        detail: { campaignId: draft.id, title: "Najaar 2026", fields: ["title", "contact"] },
      },
    ]);
    expect(
      await added(async () =>
        expect((await send("PATCH", `/api/campaigns/${draft.id}`, cookies.a, { k: 1 })).status).toBe(400),
      ),
    ).toEqual([]);
    expect(
      await added(async () =>
        expect((await send("PATCH", `/api/campaigns/${draft.id}`, cookies.b, { title: "B's" })).status).toBe(404),
      ),
    ).toEqual([]);
  });

  it("records opening, codes (their count only) and closing; respondents' submissions leave no entry", async () => {
    const draft = await createCampaign(t.db, {
      ...campaignDefaults(t.instrument, ["Sales", "Service"]),
      organisationId: orgA.id,
      title: "Voorjaar 2026",
      status: "draft",
    });
    const round = { campaignId: draft.id, title: "Voorjaar 2026" };
    expect(
      await added(async () =>
        expect((await send("POST", `/api/campaigns/${draft.id}/open`, cookies.a)).status).toBe(200),
      ),
    ).toEqual([{ organisationId: orgA.id, actorId: consultantA.id, action: "round_opened", detail: round }]);
    // Opening an open round changes nothing: no entry.
    expect(await added(() => send("POST", `/api/campaigns/${draft.id}/open`, cookies.a))).toEqual([]);
    let codes: string[] = [];
    expect(
      await added(async () => {
        const res = await send("POST", `/api/campaigns/${draft.id}/codes`, cookies.a, { count: 12 });
        expect(res.status).toBe(201);
        codes = (await res.json()).codes;
      }),
    ).toEqual([
      { organisationId: orgA.id, actorId: consultantA.id, action: "codes_issued", detail: { ...round, count: 12 } },
    ]);
    const dumpBefore = JSON.stringify((await t.client.execute("select * from audit_log")).rows);
    expect(dumpBefore).not.toContain(codes[0]);

    const submissions = await added(async () => {
      for (const [i, code] of codes.entries()) {
        const answers = {
          ...validAnswers(t.instrument, 2 + (i % 3)),
          department: i % 2 ? "Sales" : "Service",
          comment: `opmerking ${i} over de afdeling`,
        };
        expect(
          (
            await postJson(t.app, `/api/s/${draft.token}/responses`, {
              submissionId: crypto.randomUUID(),
              accessCode: code,
              answers,
            })
          ).status,
        ).toBe(201);
      }
      expect((await postJson(t.app, `/api/s/${draft.token}/access-code`, { accessCode: "ZZZZZZZZZZ" })).status).toBe(
        403,
      );
    });
    expect(submissions).toEqual([]);

    expect(
      await added(async () =>
        expect((await send("POST", `/api/campaigns/${draft.id}/close`, cookies.a)).status).toBe(200),
      ),
    ).toEqual([{ organisationId: orgA.id, actorId: consultantA.id, action: "round_closed", detail: round }]);
    expect(await added(() => send("POST", `/api/campaigns/${draft.id}/close`, cookies.a))).toEqual([]);
    const dump = JSON.stringify((await t.client.execute("select * from audit_log")).rows);
    expect(dump).not.toContain("opmerking");
    reportRound = draft;
  });

  it("records report reads and exports with what was asked — never the figures — and not refused ones", async () => {
    const base = `/api/campaigns/${reportRound.id}`;
    const round = { campaignId: reportRound.id, title: "Voorjaar 2026" };
    expect(
      await added(async () => {
        const res = await get(`${base}/report?filter[department]=Sales&dimension=role`, cookies.manager);
        expect(res.status).toBe(200);
        expect((await res.json()).n).toBe(6);
      }),
    ).toEqual([
      {
        organisationId: orgA.id,
        actorId: manager.id,
        action: "report_read",
        detail: { ...round, dimension: "role", filters: { department: "Sales" } },
      },
    ]);
    expect(await added(async () => expect((await get(`${base}/report`, cookies.a)).status).toBe(200))).toEqual([
      {
        organisationId: orgA.id,
        actorId: consultantA.id,
        action: "report_read",
        detail: { ...round, dimension: null, filters: {} },
      },
    ]);
    expect(
      await added(async () => expect((await get(`${base}/report.csv`, cookies.manager)).status).toBe(200)),
    ).toEqual([
      {
        organisationId: orgA.id,
        actorId: manager.id,
        action: "report_exported",
        detail: { ...round, dimension: "department", filters: {} },
      },
    ]);
    // Refused: an unknown unit, another consultant, no session.
    expect(
      await added(async () => {
        expect((await get(`${base}/report?filter[department]=Nergens`, cookies.manager)).status).toBe(400);
        expect((await get(`${base}/report`, cookies.b)).status).toBe(404);
        expect((await t.app.request(`${base}/report`)).status).toBe(401);
      }),
    ).toEqual([]);
    // No figure in any entry: the stored details are exactly the request's names.
    for (const entry of (await allEntries()).filter((e) => e.action.startsWith("report_")))
      expect(Object.keys(entry.detail).sort()).toEqual(["campaignId", "dimension", "filters", "title"]);
  });

  it("records a completed password reset and logging out everywhere as account events", async () => {
    const made = (await makeResetLink(
      { db: t.db, now: () => t.clock.now, sha256: sha256Hex },
      "director@alfa.test",
      "http://localhost",
    ))!;
    // Asking for a link is no entry; completing it is.
    const reset = await added(async () =>
      expect(
        (await postJson(t.app, `/api/auth/password-reset/${tokenOf(made.link)}`, { password: NEW_PASSWORD }, same))
          .status,
      ).toBe(204),
    );
    expect(reset).toEqual([{ organisationId: orgA.id, actorId: manager.id, action: "password_reset", detail: {} }]);
    expect(
      await added(() =>
        postJson(t.app, `/api/auth/password-reset/${tokenOf(made.link)}`, { password: NEW_PASSWORD }, same),
      ),
    ).toEqual([]);
    cookies.manager = await loginCookie(t.app, "director@alfa.test", NEW_PASSWORD);
    expect(
      await added(async () =>
        expect((await send("POST", "/api/auth/logout-everywhere", cookies.manager)).status).toBe(204),
      ),
    ).toEqual([{ organisationId: orgA.id, actorId: manager.id, action: "logout_everywhere", detail: {} }]);
    cookies.manager = await loginCookie(t.app, "director@alfa.test", NEW_PASSWORD);
  });
});

describe("reading the log", () => {
  it("shows the consultant their organisation's entries and its managers' account events, newest first; nothing of others", async () => {
    const res = await auditOf(orgA.id, cookies.a);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const { entries, next } = await res.json();
    expect(next).toBeNull();
    const actions = entries.map((e: { action: string }) => e.action);
    // Newest first: the manager's last login is on top, the consultant's own login is not there
    // (the consultant is nobody's manager), and the revoked newcomer's account events neither.
    expect(actions.slice(0, 4)).toEqual(["login", "logout_everywhere", "login", "password_reset"]);
    expect(actions).toContain("invitation_accepted");
    expect(actions.filter((a: string) => a === "login")).toHaveLength(3);
    expect(entries[0]).toEqual({
      id: expect.any(String),
      at: auditMinute(t.clock.now),
      action: "login",
      actor: "director@alfa.test",
      detail: {},
    });
    const read = entries.find(
      (e: { action: string; actor: string }) => e.action === "report_read" && e.actor === "director@alfa.test",
    );
    expect(read.detail).toEqual({
      campaignId: reportRound.id,
      title: "Voorjaar 2026",
      dimension: "role",
      filters: { department: "Sales" },
    });
    expect(entries.every((e: { actor: string }) => e.actor !== "b@consult.test")).toBe(true);
    expect((await allEntries()).length).toBeGreaterThan(entries.length);
  });

  it("is the owning consultant's only: 404 for another consultant, 403 for a manager, 401 without a session", async () => {
    expect((await auditOf(orgA.id, cookies.b)).status).toBe(404);
    expect((await auditOf(orgB.id, cookies.a)).status).toBe(404);
    expect((await auditOf("no-such-organisation", cookies.a)).status).toBe(404);
    expect((await auditOf(orgA.id, cookies.manager)).status).toBe(403);
    expect((await t.app.request(`/api/organisations/${orgA.id}/audit`)).status).toBe(401);
    const empty = await (await auditOf(orgB.id, cookies.b)).json();
    expect(empty).toEqual({ entries: [], next: null });
  });

  it("pages by cursor without gaps or repeats, and refuses a bad limit or cursor", async () => {
    const total = (await (await auditOf(orgA.id, cookies.a, "?limit=100")).json()).entries.length;
    // 110 more entries over several minutes, most in the same minute as each other.
    for (let i = 0; i < 110; i++) {
      await recordAudit(t.db, {
        organisationId: orgA.id,
        actorId: consultantA.id,
        action: "codes_issued",
        detail: { campaignId: reportRound.id, title: `batch ${i}`, count: i + 1 },
        at: auditMinute(new Date(t.clock.now.getTime() + Math.floor(i / 40) * 60_000)),
      });
    }
    const seen: { id: string; at: string; detail: { title?: string } }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await auditOf(orgA.id, cookies.a, cursor ? `?before=${cursor}` : "");
      expect(res.status).toBe(200);
      const page: { entries: typeof seen; next: string | null } = await res.json();
      expect(page.entries.length).toBe(page.next ? 50 : total + 110 - 50 * pages);
      seen.push(...page.entries);
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil((total + 110) / 50));
    expect(new Set(seen.map((e) => e.id)).size).toBe(total + 110);
    // Newest first, and within a minute the later entry first.
    expect(seen.slice(0, 3).map((e) => e.detail.title)).toEqual(["batch 109", "batch 108", "batch 107"]);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
    expect(seen[109]!.detail.title).toBe("batch 0");

    for (const query of ["?limit=0", "?limit=101", "?limit=abc", "?before=not-an-entry"]) {
      const res = await auditOf(orgA.id, cookies.a, query);
      expect(res.status, query).toBe(400);
    }
    expect((await (await auditOf(orgA.id, cookies.a, "?before=not-an-entry")).json()).error.code).toBe(
      "invalid_cursor",
    );
  });

  it("deletes entries older than the retention period, and only those", async () => {
    const now = t.clock.now;
    const at = (days: number) => auditMinute(new Date(now.getTime() - days * 24 * 60 * 60 * 1000));
    await recordAudit(t.db, {
      organisationId: orgB.id,
      actorId: consultantB.id,
      action: "round_opened",
      detail: { campaignId: "x", title: "old" },
      at: at(AUDIT_RETENTION_DAYS + 1),
    });
    await recordAudit(t.db, {
      organisationId: orgB.id,
      actorId: consultantB.id,
      action: "round_opened",
      detail: { campaignId: "x", title: "kept" },
      at: at(AUDIT_RETENTION_DAYS - 1),
    });
    expect(await pruneAudit(t.db, now)).toBe(1);
    const left = (await (await auditOf(orgB.id, cookies.b)).json()).entries.map(
      (e: { detail: { title: string } }) => e.detail.title,
    );
    expect(left).toEqual(["kept"]);
    expect(await pruneAudit(t.db, now)).toBe(0);
  });
});
