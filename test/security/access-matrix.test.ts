/**
 * Every staff route, read from the app's own OpenAPI document so a new route cannot be left
 * out, against every kind of caller: nobody (401), a consultant and a manager of organisation A
 * against organisation B's resources (404, or 403 where the role alone refuses), and a manager
 * on consultant-only routes of their own organisation (403). Nothing changes on a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser, grantOrganisation } from "../../src/storage/accounts.js";
import { insertActionStatement } from "../../src/storage/action-plans.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { upsertInvitation } from "../../src/storage/invitations.js";
import { insertNormSet } from "../../src/storage/norm-sets.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let own: Campaign;
let theirs: Campaign;
/** Each consultant's norm set, stored directly: this file is about who may read it, not the rules that make one. */
const normSets = { own: "", theirs: "" };
const managers = { own: "", theirs: "" };
const invitations = { own: "", theirs: "" };
const cookies: Record<"consultantA" | "managerA" | "scopedA" | "consultantB", string> = {
  consultantA: "",
  managerA: "",
  scopedA: "",
  consultantB: "",
};

/** A request body that would be valid for each route, so a refusal is about access, not input. */
const BODIES: Record<string, unknown> = {
  "POST /api/auth/logout": undefined,
  "POST /api/organisations": { name: "New client" },
  "PATCH /api/organisations/{id}": { benchmarkForManagers: true },
  "PUT /api/organisations/{id}/retention": { retentionMonths: 12 },
  "POST /api/organisations/{id}/campaigns": { title: "Round", departments: ["A"] },
  "POST /api/organisations/{id}/invitations": { email: "new.manager@client.test" },
  "PATCH /api/campaigns/{id}": { expectedHeadcount: 10 },
  "POST /api/campaigns/{id}/codes": { count: 1 },
  "POST /api/campaigns/{id}/staff-invitations": { mode: "reminders", list: "staff.member@client.test" },
  "POST /api/campaigns/{id}/staff-reminders": { list: "staff.member@client.test" },
  "POST /api/campaigns/{id}/open": undefined,
  "POST /api/campaigns/{id}/close": undefined,
  "POST /api/norm-sets": undefined,
  "PUT /api/campaigns/{id}/action-plan": { focusLevels: ["values"] },
  "POST /api/campaigns/{id}/action-plan/actions": { level: "values", title: "Teamgesprek", owner: "Teamleider" },
  "PATCH /api/campaigns/{id}/action-plan/actions/{actionId}": { status: "done" },
  "POST /api/instruments": {
    instrumentId: "b-scan",
    pages: [
      {
        name: "p",
        elements: [1, 2].map((i) => ({
          type: "rating",
          name: `q${i}`,
          level: "mission",
          title: "Q",
          rateMin: 1,
          rateMax: 5,
        })),
      },
    ],
  },
};

/** Routes nobody needs a session for, and what they are. */
const PUBLIC = [
  "GET /api/s/{token}",
  "POST /api/s/{token}/responses",
  "POST /api/s/{token}/access-code",
  "POST /api/auth/login",
  // The link's token is the credential (tested in http/invitations.test.ts and http/password-reset.test.ts).
  "GET /api/invitations/{token}",
  "POST /api/invitations/{token}/accept",
  "POST /api/auth/password-reset",
  "POST /api/auth/password-reset/{token}",
  // The staff summary's link is its credential, sent in the body (tested in http/action-plans.test.ts).
  "POST /api/summaries/read",
  // For monitors: whether the database answers and its migrations are current, nothing about any data (tested in http/health.test.ts).
  "GET /healthz",
];
/** Routes about the caller only: every session may use them, on its own data. */
const SELF = ["GET /api/me", "POST /api/auth/logout", "POST /api/auth/logout-everywhere", "GET /api/organisations"];
/** Consultant-only routes: a manager is refused by role (403) before anything is looked up. */
const CONSULTANT_ONLY = [
  "POST /api/organisations",
  "PATCH /api/organisations/{id}",
  "POST /api/organisations/{id}/campaigns",
  "GET /api/organisations/{id}/invitations",
  "GET /api/organisations/{id}/audit",
  "POST /api/organisations/{id}/invitations",
  "POST /api/organisations/{id}/invitations/{invitationId}/resend",
  "DELETE /api/organisations/{id}/invitations/{invitationId}",
  "DELETE /api/organisations/{id}/managers/{userId}",
  "PATCH /api/campaigns/{id}",
  "POST /api/campaigns/{id}/codes",
  "GET /api/campaigns/{id}/staff-invitations",
  "POST /api/campaigns/{id}/staff-invitations",
  "POST /api/campaigns/{id}/staff-reminders",
  "GET /api/campaigns/{id}/quality",
  "POST /api/campaigns/{id}/open",
  "POST /api/campaigns/{id}/close",
  "GET /api/compare",
  "GET /api/instruments",
  "POST /api/instruments",
  "GET /api/instruments/{id}/{version}",
  "POST /api/norm-sets",
  "GET /api/norm-sets",
  "GET /api/norm-sets/{id}",
  "GET /api/campaigns/{id}/deletion",
  "DELETE /api/campaigns/{id}",
  "GET /api/organisations/{id}/deletion",
  "DELETE /api/organisations/{id}",
  "GET /api/organisations/{id}/retention",
  "PUT /api/organisations/{id}/retention",
  "GET /api/organisations/{id}/export",
];
/**
 * Deleting an account: any session may ask about its own (a manager deletes themselves), a
 * consultant about managers of only their own organisations; everyone else's account is 404.
 */
const ACCOUNTS = ["GET /api/users/{id}/deletion", "DELETE /api/users/{id}"];

/** Routes every reader of an organisation's rounds may call, but only consultants and unscoped managers may write: a manager scoped to departments is refused (403). */
const PLAN_WRITES = [
  "PUT /api/campaigns/{id}/action-plan",
  "POST /api/campaigns/{id}/action-plan/actions",
  "PATCH /api/campaigns/{id}/action-plan/actions/{actionId}",
  "DELETE /api/campaigns/{id}/action-plan/actions/{actionId}",
  "POST /api/campaigns/{id}/summary-link",
  "DELETE /api/campaigns/{id}/summary-link",
];
const actions = { own: "", theirs: "" };

let routes: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const hash = await hashPassword("matrix-password-1");
  const a = await createUser(t.db, "a@consult.test", hash, "consultant");
  const b = await createUser(t.db, "b@consult.test", hash, "consultant");
  const m = await createUser(t.db, "m@a-client.test", hash, "manager");
  const orgA = await createOrganisation(t.db, "Client A", a.id);
  const orgB = await createOrganisation(t.db, "Client B", b.id);
  await grantOrganisation(t.db, m.id, orgA.id);
  // A manager of A scoped to one department: never more than an unscoped manager of A.
  const scoped = await createUser(t.db, "s@a-client.test", hash, "manager");
  await grantOrganisation(t.db, scoped.id, orgA.id, JSON.stringify({ department: ["Sales"] }));
  // B's organisation has a manager and a pending invitation that A must not reach; A's too.
  const mb = await createUser(t.db, "m@b-client.test", hash, "manager");
  await grantOrganisation(t.db, mb.id, orgB.id);
  managers.own = m.id;
  managers.theirs = mb.id;
  for (const [key, org] of [
    ["own", orgA],
    ["theirs", orgB],
  ] as const) {
    invitations[key] = (
      await upsertInvitation(t.db, {
        id: crypto.randomUUID(),
        organisationId: org.id,
        email: `invited@${key}.test`,
        scope: null,
        invitedBy: null,
        tokenHash: `hash-${key}`,
        expiresAt: 4_000_000_000,
      })
    ).id;
  }
  own = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId: orgA.id,
    title: "A",
  });
  theirs = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId: orgB.id,
    title: "B",
  });
  for (let i = 0; i < 6; i++)
    await postJson(t.app, `/api/s/${theirs.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: { ...validAnswers(t.instrument), department: "Sales" },
    });
  cookies.consultantA = await loginCookie(t.app, "a@consult.test", "matrix-password-1");
  cookies.managerA = await loginCookie(t.app, "m@a-client.test", "matrix-password-1");
  cookies.scopedA = await loginCookie(t.app, "s@a-client.test", "matrix-password-1");
  cookies.consultantB = await loginCookie(t.app, "b@consult.test", "matrix-password-1");
  // An action in each round's plan, stored directly: the routes must refuse before they look for it.
  for (const [key, campaign] of [
    ["own", own],
    ["theirs", theirs],
  ] as const) {
    actions[key] = crypto.randomUUID();
    await insertActionStatement(
      t.db,
      campaign.id,
      { id: actions[key], level: "values", title: "Teamgesprek", owner: "Teamleider", dueOn: null, status: "planned" },
      "2026-03-10T09:30Z",
      40,
    );
  }
  for (const [key, consultant] of [
    ["own", a],
    ["theirs", b],
  ] as const) {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      organisationId: `${key}-${i}`,
      campaignId: `${key}-c${i}`,
      scores: Object.fromEntries(LEVEL_IDS.map((l) => [l, 50 + i])) as Record<LevelId, number>,
    }));
    normSets[key] = (await insertNormSet(t.db, {
      consultantId: consultant.id,
      seq: 1,
      madeOn: "2026-03-01",
      entries,
    }))!.id;
  }
  // Consultant B owns an instrument that A must not reach either.
  await call("POST /api/instruments", cookies.consultantB);
  const doc = await (await t.app.request("/api/openapi.json")).json();
  routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
});
afterAll(() => t.close());

/** Calls a route on organisation B's resources (or A's, for `mine`). */
async function call(route: string, cookie?: string, mine = false): Promise<Response> {
  const [method, template] = route.split(" ") as [string, string];
  const campaign = mine ? own : theirs;
  const path = template
    .replace("/organisations/{id}", `/organisations/${campaign.organisationId}`)
    .replace("/campaigns/{id}", `/campaigns/${campaign.id}`)
    .replace("/instruments/{id}/{version}", "/instruments/b-scan/1")
    .replace("{invitationId}", mine ? invitations.own : invitations.theirs)
    .replace("{userId}", mine ? managers.own : managers.theirs)
    .replace("/users/{id}", `/users/${mine ? managers.own : managers.theirs}`)
    .replace("{actionId}", mine ? actions.own : actions.theirs)
    .replace("/norm-sets/{id}", `/norm-sets/${mine ? normSets.own : normSets.theirs}`)
    .replace("{token}", campaign.token)
    .concat(route === "GET /api/compare" ? `?campaigns=${theirs.id},${own.id}` : "");
  const body = BODIES[route];
  return t.app.request(path, {
    method,
    // Same-origin, as the browser sends it: the CSRF guard is tested on its own, not here.
    headers: {
      origin: "http://localhost",
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function snapshot(): Promise<string> {
  const tables = [
    "organisations",
    "campaigns",
    "grants",
    "users",
    "access_codes",
    "instruments",
    "norm_sets",
    "invitations",
    "password_resets",
    "sessions",
    "action_plans",
    "plan_actions",
    "summary_links",
    "staff_invitation_rounds",
    "staff_invitations",
  ];
  return JSON.stringify(
    await Promise.all(tables.map(async (table) => (await t.client.execute(`select * from ${table} order by 1`)).rows)),
  );
}

describe("access matrix over every route", () => {
  it("knows every route the app documents", () => {
    for (const route of routes)
      expect(
        [
          ...PUBLIC,
          ...SELF,
          ...CONSULTANT_ONLY,
          "GET /api/organisations/{id}/trends",
          "GET /api/campaigns/{id}",
          "GET /api/campaigns/{id}/participation",
          "GET /api/campaigns/{id}/report",
          "GET /api/campaigns/{id}/report.csv",
          "GET /api/campaigns/{id}/action-plan",
          ...PLAN_WRITES,
          ...ACCOUNTS,
        ],
        route,
      ).toContain(route);
    expect(routes.length).toBeGreaterThanOrEqual(22);
  });

  it("answers 401 to every staff route without a session", async () => {
    // Logging out without a session has nothing to end; everything else needs one.
    for (const route of routes.filter((r) => !PUBLIC.includes(r) && r !== "POST /api/auth/logout"))
      expect((await call(route)).status, route).toBe(401);
  });

  it("answers 404 to a consultant of A on every resource of B, and changes nothing", async () => {
    const before = await snapshot();
    // Creating and listing one's own organisations, instruments and norm sets touch nothing of B.
    const own = [
      "POST /api/organisations",
      "POST /api/instruments",
      "GET /api/instruments",
      "POST /api/norm-sets",
      "GET /api/norm-sets",
    ];
    for (const route of routes.filter((r) => !PUBLIC.includes(r) && !SELF.includes(r) && !own.includes(r))) {
      const res = await call(route, cookies.consultantA);
      expect(res.status, route).toBe(404);
      expect((await res.json()).error.code, route).toBe("not_found");
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers a manager of A, scoped or not, on B's resources with 404, or 403 where the role alone refuses", async () => {
    const before = await snapshot();
    for (const cookie of [cookies.managerA, cookies.scopedA]) {
      for (const route of routes.filter((r) => !PUBLIC.includes(r) && !SELF.includes(r))) {
        const res = await call(route, cookie);
        expect(res.status, route).toBe(CONSULTANT_ONLY.includes(route) ? 403 : 404);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses a manager, scoped or not, the consultant routes of their own organisation (403)", async () => {
    const before = await snapshot();
    for (const cookie of [cookies.managerA, cookies.scopedA]) {
      for (const route of CONSULTANT_ONLY) expect((await call(route, cookie, true)).status, route).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses a manager scoped to departments every change of their own organisation's plan and summary link (403), and changes nothing", async () => {
    const before = await snapshot();
    for (const route of PLAN_WRITES) {
      const res = await call(route, cookies.scopedA, true);
      expect(res.status, route).toBe(403);
      expect((await res.json()).error.code, route).toBe("forbidden");
    }
    expect(await snapshot()).toBe(before);
  });

  it("gives a scoped manager of A on A's own reads never a status an unscoped one would not get", async () => {
    // An account's own deletion preview is the one read that differs by who asks (their own account).
    const reads = routes.filter(
      (r) => r.startsWith("GET ") && !PUBLIC.includes(r) && !CONSULTANT_ONLY.includes(r) && !ACCOUNTS.includes(r),
    );
    expect(reads.length).toBeGreaterThan(3);
    for (const route of reads)
      expect((await call(route, cookies.scopedA, true)).status, route).toBe(
        (await call(route, cookies.managerA, true)).status,
      );
  });

  it("lets each caller's own lists show only their own", async () => {
    const list = async (cookie: string) =>
      (await (await t.app.request("/api/organisations", { headers: { cookie } })).json()).map(
        (o: { name: string }) => o.name,
      );
    expect(await list(cookies.consultantA)).toEqual(["Client A"]);
    expect(await list(cookies.managerA)).toEqual(["Client A"]);
    expect(await list(cookies.scopedA)).toEqual(["Client A"]);
    const instruments = await (
      await t.app.request("/api/instruments", { headers: { cookie: cookies.consultantA } })
    ).json();
    expect(instruments.map((i: { id: string }) => i.id)).not.toContain("b-scan");
    const sets = await (await t.app.request("/api/norm-sets", { headers: { cookie: cookies.consultantA } })).json();
    expect(sets.sets.map((s: { id: string }) => s.id)).toEqual([normSets.own]);
  });

  it("lets a manager of A see only their own account's deletion, never a colleague's", async () => {
    expect((await call("GET /api/users/{id}/deletion", cookies.managerA, true)).status).toBe(200);
    expect((await call("GET /api/users/{id}/deletion", cookies.scopedA, true)).status).toBe(404);
    expect((await call("GET /api/users/{id}/deletion", cookies.consultantA, true)).status).toBe(200);
  });
});

describe("security headers", () => {
  it("forbid inline scripts and framing, sniffing and, on survey pages, referrers", async () => {
    for (const path of [
      `/s/${own.token}`,
      "/login",
      "/dashboard",
      "/workspace",
      "/invitation",
      "/forgot-password",
      "/reset-password",
      "/summary",
      `/api/s/${own.token}`,
    ]) {
      const res = await t.app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });
});
