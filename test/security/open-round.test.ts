/**
 * No figure that depends on answers can be read from a running round, through any route. Two
 * databases hold the same organisation, the same released earlier round and a running round
 * with the same respondents in the same units — but opposite answers, factors and comments.
 * Every route in the app's own OpenAPI document (so a new route cannot be forgotten) is called
 * on both as the consultant and as the manager: every answer must be identical, ids aside.
 * The same comparison on the round once it is closed must differ, so the check can fail.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { hashPassword } from "../../src/lib/password.js";
import { release } from "../../src/services/release.js";
import { createUser, grantOrganisation } from "../../src/storage/accounts.js";
import { createCampaign } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

const PASSWORD = "open-round-password";
const UNITS: [string, string, string][] = [
  ["Sales", "frontline", "lt1"],
  ["Sales", "management", "gt10"],
  ["Service", "back_office", "1to5"],
];

interface World {
  t: TestApp;
  earlier: Campaign;
  running: Campaign;
  consultant: string;
  manager: string;
}

async function world(rating: number, factors: string[], comment: string): Promise<World> {
  const t = await createTestApp();
  const hash = await hashPassword(PASSWORD);
  const consultant = await createUser(t.db, "c@consult.test", hash, "consultant");
  const manager = await createUser(t.db, "m@client.test", hash, "manager");
  const earlier = await t.addCampaign({ title: "Earlier" });
  await t.db.run(sql`update organisations set consultant_id = ${consultant.id} where id = ${earlier.organisationId}`);
  await grantOrganisation(t.db, manager.id, earlier.organisationId);
  const submitTo = async (campaign: Campaign, rate: number, most: string[], text: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const [department, role, tenure] = UNITS[i % UNITS.length]!;
      const answers = {
        ...validAnswers(t.instrument, rate),
        decision_factors: most,
        decision_most: most[0],
        department,
        role,
        tenure,
        comment: `${text} ${i}`,
      };
      expect(
        (await postJson(t.app, `/api/s/${campaign.token}/responses`, { submissionId: crypto.randomUUID(), answers }))
          .status,
      ).toBe(201);
    }
  };
  await submitTo(earlier, 3, ["policy"], "earlier", 15);
  await release(t, earlier, t.clock.now);
  const running = await createCampaign(t.db, {
    ...earlier,
    title: "Running",
    status: "open",
    opensOn: null,
    closesOn: null,
    requireCode: false,
    expectedHeadcount: 40,
  });
  await submitTo(running, rating, factors, comment, 24);
  // Both worlds must list their rounds alike: creation times to the second would differ between them.
  await t.db.run(sql`update organisations set created_at = '2026-01-01 09:00:00'`);
  await t.db.run(
    sql`update campaigns set created_at = case id when ${earlier.id} then '2026-01-05 10:00:00' else '2026-03-01 10:00:00' end`,
  );
  return {
    t,
    earlier,
    running,
    consultant: await loginCookie(t.app, "c@consult.test", PASSWORD),
    manager: await loginCookie(t.app, "m@client.test", PASSWORD),
  };
}

let a: World;
let b: World;
let routes: string[] = [];

/** Routes that change something and answer with nothing about any round's answers (new ones must be classified). */
const NO_ROUND_DATA = [
  "POST /api/auth/login",
  "POST /api/auth/logout",
  "POST /api/auth/logout-everywhere",
  "POST /api/organisations",
  "POST /api/organisations/{id}/invitations",
  "POST /api/organisations/{id}/invitations/{invitationId}/resend",
  "DELETE /api/organisations/{id}/invitations/{invitationId}",
  "DELETE /api/organisations/{id}/managers/{userId}",
  "POST /api/invitations/{token}/accept",
  "POST /api/auth/password-reset",
  "POST /api/auth/password-reset/{token}",
  "POST /api/instruments",
  "POST /api/s/{token}/responses",
  "POST /api/s/{token}/access-code",
  "POST /api/campaigns/{id}/codes",
  "POST /api/organisations/{id}/campaigns",
  "DELETE /api/organisations/{id}",
  "DELETE /api/users/{id}",
];
/** The transition itself: closing releases the results, which is the point. */
const RELEASING = ["POST /api/campaigns/{id}/close"];
const BODIES: Record<string, unknown> = {
  // Publishing a norm set answers with figures of releases only: refused alike in both worlds.
  "POST /api/norm-sets": undefined,
  "PATCH /api/campaigns/{id}": { expectedHeadcount: 40 },
  // Staff invitations answer counts of addresses and mails only (and refuse a round on an open link alike).
  "POST /api/campaigns/{id}/staff-invitations": { mode: "no_tracking", list: "staff.member@client.test" },
  "POST /api/campaigns/{id}/staff-reminders": { list: "staff.member@client.test" },
  "PATCH /api/organisations/{id}": { benchmarkForManagers: true },
  // A running round has no plan and no summary: every change is refused alike in both worlds.
  "PUT /api/campaigns/{id}/action-plan": { focusLevels: ["values"] },
  "POST /api/campaigns/{id}/action-plan/actions": { level: "values", title: "Teamgesprek", owner: "Teamleider" },
  "PATCH /api/campaigns/{id}/action-plan/actions/{actionId}": { status: "done" },
  "DELETE /api/campaigns/{id}/action-plan/actions/{actionId}": undefined,
  "POST /api/campaigns/{id}/summary-link": undefined,
  "DELETE /api/campaigns/{id}/summary-link": undefined,
  // Reading a summary (the token in the body): a running round has none to read.
  "POST /api/summaries/read": { token: "no-summary-while-running" },
  // Deleting the running round without confirm=1 is refused alike; its preview (a GET) gives counts only.
  "DELETE /api/campaigns/{id}": undefined,
  // The retention schedule lists released rounds only.
  "PUT /api/organisations/{id}/retention": { retentionMonths: 12 },
};

beforeAll(async () => {
  [a, b] = [
    await world(1, ["personal_fairness", "customer_needs"], "alpha"),
    await world(5, ["policy", "process"], "omega"),
  ];
  const doc = await (await a.t.app.request("/api/openapi.json")).json();
  routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
});
afterAll(async () => {
  await a.t.close();
  await b.t.close();
});

/** Calls a route of world `w` on its running round (or the organisation, the pair of rounds, …). */
async function call(
  w: World,
  route: string,
  cookie: string,
  campaign = w.running,
): Promise<{ status: number; body: string }> {
  const [method, template] = route.split(" ") as [string, string];
  const path = template
    .replace("/organisations/{id}", `/organisations/${campaign.organisationId}`)
    .replace("/campaigns/{id}", `/campaigns/${campaign.id}`)
    .replace("/instruments/{id}/{version}", "/instruments/customer-centricity/2")
    .replace("{token}", campaign.token)
    .concat(
      route === "GET /api/compare"
        ? `?campaigns=${w.earlier.id},${campaign.id}`
        : route.includes("/report")
          ? "?dimension=department"
          : "",
    );
  const body = BODIES[route];
  const res = await w.t.app.request(path, {
    method,
    headers: {
      origin: "http://localhost",
      cookie,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // Ids are random per database; everything else must match.
  let text = await res.text();
  for (const [id, name] of [
    [w.running.id, "RUNNING"],
    [w.earlier.id, "EARLIER"],
    [w.running.organisationId, "ORG"],
    [w.running.token, "TOKEN"],
    [w.earlier.token, "TOKEN0"],
  ] as const)
    text = text.replaceAll(id, name);
  text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "UUID");
  return { status: res.status, body: text };
}

const readable = () => routes.filter((r) => !NO_ROUND_DATA.includes(r) && !RELEASING.includes(r));

describe("a running round", () => {
  it("has every route classified: a new route must be checked here", () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes)
      expect(
        route.startsWith("GET ") ||
          NO_ROUND_DATA.includes(route) ||
          RELEASING.includes(route) ||
          route in BODIES ||
          route === "POST /api/campaigns/{id}/open",
        route,
      ).toBe(true);
  });

  it("answers every route identically whatever its respondents answered, for the consultant and the manager", async () => {
    let refused = 0;
    for (const route of readable()) {
      for (const who of ["consultant", "manager"] as const) {
        const [x, y] = [await call(a, route, a[who]), await call(b, route, b[who])];
        expect(y.status, `${who} ${route}`).toBe(x.status);
        expect(y.body, `${who} ${route}`).toBe(x.body);
        if (x.status === 409) refused++;
      }
    }
    // Not vacuous: the report, CSV and quality routes were refused, and the participation is there.
    expect(refused).toBeGreaterThanOrEqual(4);
    const taking = JSON.parse((await call(a, "GET /api/campaigns/{id}/participation", a.manager)).body);
    expect(taking).toMatchObject({
      status: "open",
      released: false,
      respondents: 24,
      responseRate: { pct: 60, basis: "headcount", of: 40 },
    });
    expect(taking.units.department.map((u: { n: number | null }) => u.n)).toEqual([16, 8]);
  });

  it("shows its answers once closed: the same comparison then differs, so the check above can fail", async () => {
    for (const w of [a, b]) expect((await call(w, "POST /api/campaigns/{id}/close", w.consultant)).status).toBe(200);
    const [x, y] = [
      await call(a, "GET /api/campaigns/{id}/report", a.manager),
      await call(b, "GET /api/campaigns/{id}/report", b.manager),
    ];
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(y.body).not.toBe(x.body);
    const [low, high] = [JSON.parse(x.body), JSON.parse(y.body)];
    expect(low.levels[0].score).toBeLessThan(high.levels[0].score);
    expect(low.comments.every((c: string) => c.startsWith("alpha"))).toBe(true);
  });
});
