/**
 * The HTTP contract, run against both runtimes the product deploys on: Node (`app.request` on a
 * temporary libSQL file) and workerd (the deployed worker bundle on a local D1, migrated by
 * wrangler). Same requests, same expectations — what passes here works on either.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { httpMailer } from "../../src/lib/mailer.js";
import { hashPassword } from "../../src/lib/password.js";
import { releaseDue } from "../../src/services/release.js";
import { consultantInsertSql, createUser, findUserByEmail, grantOrganisation } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { type Db, schema } from "../../src/storage/database.js";
import { countResponses } from "../../src/storage/responses.js";
import { MAIL_API_KEY, type PostedMail, startMailApi } from "../helpers/mail-api.js";
import { createTestApp, validAnswers } from "../helpers/test-app.js";
import { startWorkerd } from "../helpers/workerd.js";

interface Target {
  request(path: string, init?: RequestInit): Promise<Response>;
  /** What releases rounds past their closing date without anyone asking: the timer on Node, the cron trigger on Workers. */
  cron(): Promise<void>;
  db: Db;
  close(): Promise<void>;
}

const TARGETS: [string, () => Promise<Target>][] = [
  [
    "Node with a libSQL file",
    async () => {
      const t = await createTestApp();
      return {
        request: async (path, init) => t.app.request(path, init),
        cron: async () => void (await releaseDue(t, t.clock.now)),
        db: t.db,
        close: t.close,
      };
    },
  ],
  // Miniflare gives every request the same cf-connecting-ip, and the contract sends more than a
  // client's hourly budget to one open link; the limits have their own tests.
  ["workerd with D1", () => startWorkerd({ RESPONDENT_SUBMISSIONS_PER_HOUR: "1000" })],
];

const instrument = createInstrumentRegistry().latest(DEFAULT_INSTRUMENT_ID)!;
const PASSWORD = "contract-password-1";
// One hash for every account: PBKDF2 at 100,000 iterations is deliberately slow.
const passwordHash = hashPassword(PASSWORD);

describe.each(TARGETS)("HTTP contract on %s", (name, start) => {
  let target: Target;
  let campaign: Campaign;
  let other: Campaign;
  let consultant: string;
  let rival: string;
  let manager: string;

  const json = (path: string, body: unknown, cookie?: string, method = "POST") =>
    target.request(path, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const get = (path: string, cookie?: string) => target.request(path, cookie ? { headers: { cookie } } : {});
  const submit = (
    answers: Record<string, unknown>,
    submissionId: string = crypto.randomUUID(),
    extra: Record<string, unknown> = {},
  ) => json(`/api/s/${campaign.token}/responses`, { submissionId, answers, ...extra });
  async function login(email: string): Promise<string> {
    const res = await json("/api/auth/login", { email, password: PASSWORD });
    expect(res.status).toBe(200);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  }

  beforeAll(async () => {
    target = await start();
    const { db } = target;
    const hash = await passwordHash;
    // The first consultant is created the way the README does it for a deployed database: plain SQL.
    await db.run(sql.raw(consultantInsertSql("A@Consult.test", hash)));
    const a = (await findUserByEmail(db, "a@consult.test"))!;
    const b = await createUser(db, "b@consult.test", hash, "consultant");
    const m = await createUser(db, "m@client.test", hash, "manager");
    const orgA = await createOrganisation(db, "Client A", a.id);
    const orgB = await createOrganisation(db, "Client B", b.id);
    await grantOrganisation(db, m.id, orgA.id);
    const defaults = campaignDefaults(instrument, ["Sales", "Service", "Support"]);
    campaign = await createCampaign(db, { ...defaults, organisationId: orgA.id, title: "Round A" });
    other = await createCampaign(db, { ...defaults, organisationId: orgB.id, title: "Round B" });
    consultant = await login("a@consult.test");
    rival = await login("b@consult.test");
    manager = await login("m@client.test");
  }, 60_000);
  afterAll(() => target?.close());

  it("serves the survey page and its data, with headers that keep the link secret", async () => {
    const page = await get(`/s/${campaign.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<!doctype html>");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const data = await get(`/api/s/${campaign.token}`);
    expect(data.status).toBe(200);
    expect((await data.json()).instrument.instrumentId).toBe(DEFAULT_INSTRUMENT_ID);
    expect((await get("/api/s/no-such-link")).status).toBe(404);
  });

  it("answers /healthz: 200 while every committed migration is applied, 503 behind when the last one's row is missing", async () => {
    const version = (
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
    const healthy = await get("/healthz");
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get("cache-control")).toBe("no-store");
    expect(await healthy.json()).toEqual({ status: "ok", database: "ok", migrations: "current", version });
    // Node's migrator keeps __drizzle_migrations (by the journal's time); wrangler keeps d1_migrations on D1 (by file name).
    const journal = JSON.parse(
      readFileSync(new URL("../../db/migrations/meta/_journal.json", import.meta.url), "utf8"),
    ) as { entries: { tag: string; when: number }[] };
    const last = journal.entries.at(-1)!;
    const onD1 = name.startsWith("workerd");
    await target.db.run(
      onD1
        ? sql`DELETE FROM d1_migrations WHERE name = ${`${last.tag}.sql`}`
        : sql`DELETE FROM __drizzle_migrations WHERE created_at = ${last.when}`,
    );
    try {
      const behind = await get("/healthz");
      expect(behind.status).toBe(503);
      expect(await behind.json()).toEqual({ status: "unavailable", database: "ok", migrations: "behind", version });
    } finally {
      await target.db.run(
        onD1
          ? sql`INSERT INTO d1_migrations (name) VALUES (${`${last.tag}.sql`})`
          : sql`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('restored', ${last.when})`,
      );
    }
    const again = await get("/healthz");
    expect(again.status).toBe(200);
    await again.text();
  });

  it("echoes a request id on staff routes, and none on respondent routes (nothing is logged about respondents)", async () => {
    const staff = await get("/api/me", consultant);
    expect(staff.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await staff.text();
    const kept = await target.request("/api/me", { headers: { cookie: consultant, "x-request-id": "lb-7f3a-01" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a-01");
    await kept.text();
    const survey = await get(`/api/s/${campaign.token}`);
    expect(survey.status).toBe(200);
    expect(survey.headers.get("x-request-id")).toBeNull();
    await survey.text();
  });

  it("stores a valid response once, however often it is retried", async () => {
    const id = crypto.randomUUID();
    const first = await submit(validAnswers(instrument), id);
    expect(first.status).toBe(201);
    // Each body is read before the next request: Miniflare may recycle a response left unread.
    const firstBody = await first.json();
    const again = await submit(validAnswers(instrument), id);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(firstBody);
    expect(await countResponses(target.db, campaign.id)).toBe(1);
  });

  it("refuses invalid input with a clear 4xx and stores nothing", async () => {
    const before = await countResponses(target.db, campaign.id);
    const outOfRange = await submit({ ...validAnswers(instrument), mission_1: 6 });
    expect(outOfRange.status).toBe(400);
    expect((await outOfRange.json()).error.code).toBe("invalid_answers");
    expect((await submit({ ...validAnswers(instrument), decision_factors: ["astrology"] })).status).toBe(400);
    expect((await submit({ ...validAnswers(instrument), __proto__: { polluted: true }, extra: 1 })).status).toBe(400);
    const wrongType = await target.request(`/api/s/${campaign.token}/responses`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
    });
    expect(wrongType.status).toBe(415);
    const broken = await target.request(`/api/s/${campaign.token}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBeDefined();
    expect(await countResponses(target.db, campaign.id)).toBe(before);
  });

  it("logs in with a fresh session cookie and refuses a wrong password", async () => {
    const me = await get("/api/me", consultant);
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe("a@consult.test");
    const wrong = await json("/api/auth/login", { email: "a@consult.test", password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect((await get("/api/me")).status).toBe(401);
    expect(await login("a@consult.test")).not.toBe(consultant);
  });

  it("shows only participation while the round runs, then releases it on close and refuses later answers", async () => {
    for (let i = 0; i < 6; i++)
      expect(
        (await submit({ ...validAnswers(instrument, 2 + (i % 3)), department: "Sales", comment: `note ${i}` })).status,
      ).toBe(201);
    for (let i = 0; i < 2; i++)
      expect((await submit({ ...validAnswers(instrument), department: "Service" })).status).toBe(201);
    const running = await get(`/api/campaigns/${campaign.id}/report`, manager);
    expect(running.status).toBe(409);
    expect((await running.json()).error.code).toBe("results_not_released");
    const taking = await (await get(`/api/campaigns/${campaign.id}/participation`, manager)).json();
    expect(taking).toMatchObject({ status: "open", released: false, respondents: 9 });
    // Service is under k, and Sales is hidden with it: the total minus Sales would give Service.
    expect(taking.units.department.map((u: { value: string; n: number | null }) => [u.value, u.n])).toEqual([
      ["Sales", null],
      ["Service", null],
      ["Support", null],
    ]);
    expect((await json(`/api/campaigns/${campaign.id}/close`, {}, manager)).status).toBe(403);
    const closed = await json(`/api/campaigns/${campaign.id}/close`, {}, consultant);
    expect(closed.status).toBe(200);
    expect((await closed.json()).status).toBe("closed");
    const late = await submit(validAnswers(instrument));
    expect(late.status).toBe(410);
    expect(await countResponses(target.db, campaign.id)).toBe(9);
    expect((await json(`/api/campaigns/${campaign.id}/open`, {}, consultant)).status).toBe(409);
    expect((await get(`/api/campaigns/${campaign.id}/participation`, manager)).status).toBe(200);
  });

  it("reports an open-link release for the round as a whole only: no breakdown, every filter refused", async () => {
    const res = await get(`/api/campaigns/${campaign.id}/report?dimension=department`, manager);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.n).toBe(9);
    expect(report.heatmap).toBeNull();
    const refused = await get(`/api/campaigns/${campaign.id}/report?filter[department]=Sales`, manager);
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.code).toBe("filter_refused");
    expect(body.error.details[0].message).toBe("campaign_level_only");
    const csv = await get(`/api/campaigns/${campaign.id}/report.csv`, manager);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("level,all,mission");
    expect(text).not.toContain("heatmap,");
  });

  it("keeps an action plan for the released round and shares its staff summary by a link that can be revoked", async () => {
    const report = await (await get(`/api/campaigns/${campaign.id}/report`, manager)).json();
    const plan = await (await get(`/api/campaigns/${campaign.id}/action-plan`, manager)).json();
    expect(plan).toMatchObject({
      editable: true,
      saved: false,
      startHere: report.startHere?.level ?? null,
      actions: [],
      summaryLink: null,
    });
    const focus = await json(
      `/api/campaigns/${campaign.id}/action-plan`,
      { focusLevels: ["skills", "mission"] },
      manager,
      "PUT",
    );
    expect(focus.status).toBe(200);
    expect((await focus.json()).focusLevels).toEqual(["mission", "skills"]);
    const added = await json(
      `/api/campaigns/${campaign.id}/action-plan/actions`,
      { level: "mission", title: "Missie bespreken", owner: "Directie", dueOn: "2026-05-01" },
      manager,
    );
    expect(added.status).toBe(201);
    const action = await added.json();
    const changed = await json(
      `/api/campaigns/${campaign.id}/action-plan/actions/${action.id}`,
      { status: "done" },
      consultant,
      "PATCH",
    );
    expect((await changed.json()).status).toBe("done");
    expect(
      (
        await json(
          `/api/campaigns/${campaign.id}/action-plan/actions`,
          { level: "mission", title: "", owner: "Directie" },
          manager,
        )
      ).status,
    ).toBe(400);
    expect((await get(`/api/campaigns/${campaign.id}/action-plan`, rival)).status).toBe(404);

    const shared = await json(`/api/campaigns/${campaign.id}/summary-link`, {}, manager);
    expect(shared.status).toBe(201);
    const token = String((await shared.json()).link).split("#")[1]!;
    const summary = await json("/api/summaries/read", { token });
    expect(summary.status).toBe(200);
    const body = await summary.json();
    expect(body.round).toMatchObject({ organisation: "Client A", title: "Round A", respondents: 9 });
    expect(body.levels.map((l: { score: number }) => l.score)).toEqual(
      report.levels.map((l: { score: number }) => l.score),
    );
    expect(body.plan.actions).toEqual([
      { level: "mission", title: "Missie bespreken", owner: "Directie", dueOn: "2026-05-01", status: "done" },
    ]);
    expect(JSON.stringify(body)).not.toContain(campaign.organisationId);
    const revoked = await json(`/api/campaigns/${campaign.id}/summary-link`, {}, manager, "DELETE");
    expect(revoked.status).toBe(204);
    const gone = await json("/api/summaries/read", { token });
    expect(gone.status).toBe(404);
    await gone.text();
    const log = await (await get(`/api/organisations/${campaign.organisationId}/audit`, consultant)).json();
    expect(
      log.entries
        .map((e: { action: string }) => e.action)
        .filter((a: string) => a.startsWith("plan_") || a.startsWith("summary_")),
    ).toEqual(["summary_revoked", "summary_shared", "plan_action_changed", "plan_action_added", "plan_focus_set"]);
  });

  it("invites a manager (no mail configured: the link comes back), who accepts with a password of their own and logs in", async () => {
    const invited = await json(
      `/api/organisations/${campaign.organisationId}/invitations`,
      { email: "new.head@client-a.test" },
      consultant,
    );
    expect(invited.status).toBe(201);
    const body = await invited.json();
    expect(body.delivery).toBe("link");
    const token = String(body.link)
      .split("#")[1]!
      .replace(/^token=/, "");
    const accepted = await json(`/api/invitations/${encodeURIComponent(token)}/accept`, {
      password: "Klantreis-Hoofd-2026!",
    });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).email).toBe("new.head@client-a.test");
    const again = await json(`/api/invitations/${encodeURIComponent(token)}/accept`, {
      password: "Klantreis-Hoofd-2026!",
    });
    expect(again.status).toBe(404);
    await again.text();
    const login = await json("/api/auth/login", { email: "new.head@client-a.test", password: "Klantreis-Hoofd-2026!" });
    expect(login.status).toBe(200);
    await login.text();
  });

  it("keeps tenants apart: another consultant or a stranger sees nothing", async () => {
    expect((await get(`/api/campaigns/${campaign.id}/report`, rival)).status).toBe(404);
    expect((await get(`/api/campaigns/${other.id}/report`, manager)).status).toBe(404);
    expect((await get(`/api/organisations/${other.organisationId}/trends`, consultant)).status).toBe(404);
    expect((await get(`/api/campaigns/${campaign.id}/report`)).status).toBe(401);
    expect((await json(`/api/campaigns/${campaign.id}/codes`, { count: 1 }, manager)).status).toBe(403);
    const names = (await (await get("/api/organisations", rival)).json()).map((o: { name: string }) => o.name);
    expect(names).toEqual(["Client B"]);
  });

  it("uses a single-use code once: the second use fails its whole batch", async () => {
    const issued = await json(`/api/campaigns/${other.id}/codes`, { count: 1 }, rival);
    expect(issued.status).toBe(201);
    const [code] = (await issued.json()).codes;
    const send = () =>
      json(`/api/s/${other.token}/responses`, {
        submissionId: crypto.randomUUID(),
        answers: validAnswers(instrument),
        accessCode: code,
      });
    expect((await send()).status).toBe(201);
    const second = await send();
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe("code_used");
    expect(await countResponses(target.db, other.id)).toBe(1);
  });

  it("runs the consultant's tools: compare, trends, alpha and an uploaded instrument (SurveyJS parsed on this runtime)", async () => {
    const compared = await get(`/api/compare?campaigns=${campaign.id},${other.id}`, consultant);
    expect(compared.status).toBe(404); // the other round belongs to another consultant
    const second = await createCampaign(target.db, {
      ...campaignDefaults(instrument, ["Sales"]),
      organisationId: campaign.organisationId,
      title: "Round A2",
    });
    const res = await get(`/api/compare?campaigns=${campaign.id},${second.id}`, consultant);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.campaigns.map((c: { id: string }) => c.id)).toEqual([campaign.id]);
    expect(body.excluded).toEqual([expect.objectContaining({ id: second.id, reason: "not_released" })]);
    // Alpha per level wherever it can be computed (uniform answers leave a level with balanced
    // reverse-keyed items no spread of sums): levels of the method, in its order.
    const levels = body.campaigns[0].reliability.map((r: { level: string }) => r.level);
    expect(levels.length).toBeGreaterThan(0);
    expect(levels).toEqual(LEVEL_IDS.filter((l) => levels.includes(l)));
    expect((await get(`/api/organisations/${campaign.organisationId}/trends`, manager)).status).toBe(200);
    const upload = await json(
      "/api/instruments",
      {
        instrumentId: "edge-scan",
        pages: [
          {
            name: "p",
            elements: [1, 2].map((i) => ({
              type: "rating",
              name: `m${i}`,
              level: "mission",
              title: { nl: `Vraag ${i}`, en: `Item ${i}` },
              rateMin: 1,
              rateMax: 5,
              isRequired: true,
            })),
          },
        ],
      },
      consultant,
    );
    expect(upload.status).toBe(201);
    expect(await upload.json()).toMatchObject({ id: "edge-scan", version: 1, items: { mission: 2 } });
    const invalid = await json(
      "/api/instruments",
      { instrumentId: "edge-scan", pages: [{ name: "p", elements: [{ type: "rating", name: "x", title: "X" }] }] },
      consultant,
    );
    expect(invalid.status).toBe(400);
  });

  it("releases a round past D1's per-statement limits: many cells, many comments, and a retry that finds it done", async () => {
    // On single-use codes, so its release breaks results down.
    const wide = await createCampaign(target.db, {
      ...campaignDefaults(instrument, ["Sales", "Service", "Support"]),
      organisationId: campaign.organisationId,
      title: "Wide",
      requireCode: true,
    });
    const cells = ["Sales", "Service", "Support"].flatMap((department) =>
      ["frontline", "back_office", "team_lead", "management"].flatMap((role) =>
        ["lt1", "1to5", "5to10", "gt10"].map((tenure) => ({ department, role, tenure })),
      ),
    );
    const issued = await json(`/api/campaigns/${wide.id}/codes`, { count: cells.length }, consultant);
    expect(issued.status).toBe(201);
    const { codes } = (await issued.json()) as { codes: string[] };
    for (const [i, cell] of cells.entries()) {
      const res = await json(`/api/s/${wide.token}/responses`, {
        submissionId: crypto.randomUUID(),
        accessCode: codes[i],
        answers: { ...validAnswers(instrument, 1 + (i % 5)), ...cell, comment: `wide ${i}` },
      });
      expect(res.status).toBe(201);
    }
    const [first, second] = await Promise.all([
      json(`/api/campaigns/${wide.id}/close`, {}, consultant),
      json(`/api/campaigns/${wide.id}/close`, {}, consultant),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const report = await (await get(`/api/campaigns/${wide.id}/report?dimension=role`, consultant)).json();
    expect(report.n).toBe(cells.length);
    expect(report.comments).toHaveLength(cells.length);
    expect(new Set(report.comments)).toEqual(new Set(cells.map((_, i) => `wide ${i}`)));
    expect(report.heatmap.rows.map((r: { n: number }) => r.n)).toEqual([12, 12, 12, 12]);
    // A department's roles hold 4 each, under k: that cross-table is hidden, the departments are not.
    const sales = await (
      await get(`/api/campaigns/${wide.id}/report?filter[department]=Sales&dimension=role`, consultant)
    ).json();
    expect(sales.n).toBe(16);
    expect(sales.heatmap.rows.every((r: { suppressed: boolean }) => r.suppressed)).toBe(true);
    expect(sales.comments).toHaveLength(16);
  }, 60_000);

  it("releases a round past its closing date on the schedule, without anyone asking", async () => {
    const due = await createCampaign(target.db, {
      ...campaignDefaults(instrument, ["Sales"]),
      organisationId: campaign.organisationId,
      title: "Due",
    });
    for (let i = 0; i < 5; i++)
      expect(
        (
          await json(`/api/s/${due.token}/responses`, {
            submissionId: crypto.randomUUID(),
            answers: { ...validAnswers(instrument, 1 + i), department: "Sales" },
          })
        ).status,
      ).toBe(201);
    // Its closing date passes (long ago, whatever this runtime's clock says).
    await target.db.update(schema.campaigns).set({ closesOn: "2020-01-31" }).where(eq(schema.campaigns.id, due.id));
    const before = await target.db.select().from(schema.releases).where(eq(schema.releases.campaignId, due.id));
    expect(before).toEqual([]);
    await target.cron();
    const [made] = await target.db.select().from(schema.releases).where(eq(schema.releases.campaignId, due.id));
    expect(made!.respondents).toBe(5);
    expect((await get(`/api/campaigns/${due.id}/participation`, consultant)).status).toBe(200);
    expect(await (await get(`/api/campaigns/${due.id}/participation`, consultant)).json()).toMatchObject({
      status: "closed",
      released: true,
    });
  });

  it("publishes a frozen norm set once five organisations have a released round, and refuses it before", async () => {
    const refused = await json("/api/norm-sets", {}, consultant);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("too_few_organisations");
    const a = (await findUserByEmail(target.db, "a@consult.test"))!;
    for (let o = 0; o < 4; o++) {
      const organisation = await createOrganisation(target.db, `Norm client ${o}`, a.id);
      const round = await createCampaign(target.db, {
        ...campaignDefaults(instrument, ["Sales"]),
        organisationId: organisation.id,
        title: `Norm round ${o}`,
      });
      for (let i = 0; i < 5; i++)
        expect(
          (
            await json(`/api/s/${round.token}/responses`, {
              submissionId: crypto.randomUUID(),
              answers: { ...validAnswers(instrument, 1 + ((i + o) % 5)), department: "Sales" },
            })
          ).status,
        ).toBe(201);
      expect((await json(`/api/campaigns/${round.id}/close`, {}, consultant)).status).toBe(200);
    }
    const published = await json("/api/norm-sets", {}, consultant);
    expect(published.status).toBe(201);
    const set = await published.json();
    expect(set).toMatchObject({ organisations: 5, campaigns: 5 });
    expect(set.madeOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const line = (await (await get(`/api/campaigns/${campaign.id}/report`, consultant)).json()).benchmark;
    expect(line).toEqual({ levels: set.levels, organisations: 5, campaigns: 5, madeOn: set.madeOn });
    // Nothing new since: the next set is refused, and the rival has none to read.
    expect((await (await json("/api/norm-sets", {}, consultant)).json()).error.code).toBe("too_few_new_organisations");
    expect((await get(`/api/norm-sets/${set.id}`, rival)).status).toBe(404);
  }, 60_000);

  it("lists a portfolio of more than 100 campaigns (statements stay under D1's 100 bound parameters)", async () => {
    const defaults = campaignDefaults(instrument, ["Sales"]);
    for (let i = 0; i < 104; i++)
      await createCampaign(target.db, { ...defaults, organisationId: other.organisationId, title: `Wave ${i}` });
    const res = await get("/api/organisations", rival);
    expect(res.status).toBe(200);
    const [organisation] = await res.json();
    expect(organisation.campaigns).toHaveLength(105);
    const round = organisation.campaigns.find((c: { id: string }) => c.id === other.id);
    // Issued codes are current; respondents and used codes are live counts held for half a minute, counted together.
    expect(round.codes.issued).toBe(1);
    expect(round.respondents).toBe(round.codes.used);
  }, 60_000);

  it("reads a round's action plan beside the previous plan in an organisation of more than 100 rounds (its rounds' plans are looked up in chunks)", async () => {
    // Client B holds the 105 rounds of the test above; two more, released, in 2020.
    const rounds: Campaign[] = [];
    for (const [title, opensOn] of [
      ["Plan 2020-1", "2020-01-06"],
      ["Plan 2020-2", "2020-02-03"],
    ] as const) {
      const round = await createCampaign(target.db, {
        ...campaignDefaults(instrument, ["Sales"]),
        organisationId: other.organisationId,
        title,
        opensOn,
      });
      for (let i = 0; i < 5; i++)
        expect(
          (
            await json(`/api/s/${round.token}/responses`, {
              submissionId: crypto.randomUUID(),
              answers: { ...validAnswers(instrument), department: "Sales" },
            })
          ).status,
        ).toBe(201);
      expect((await json(`/api/campaigns/${round.id}/close`, {}, rival)).status).toBe(200);
      rounds.push(round);
    }
    const [first, second] = rounds as [Campaign, Campaign];
    expect(
      (await json(`/api/campaigns/${first.id}/action-plan`, { focusLevels: ["values"] }, rival, "PUT")).status,
    ).toBe(200);
    const res = await get(`/api/campaigns/${second.id}/action-plan`, rival);
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan.previous).toMatchObject({
      campaignId: first.id,
      title: "Plan 2020-1",
      focusLevels: ["values"],
      actions: [],
    });
  }, 60_000);

  it("exports an organisation as one JSON download and deletes it in one batch, leaving no row of it", async () => {
    const { db } = target;
    const b = (await findUserByEmail(db, "b@consult.test"))!;
    const org = await createOrganisation(db, "Client Gone", b.id);
    const round = await createCampaign(db, {
      ...campaignDefaults(instrument, ["Sales"]),
      organisationId: org.id,
      title: "Gone round",
      status: "open",
    });
    for (let i = 0; i < 6; i++)
      expect(
        (
          await json(`/api/s/${round.token}/responses`, {
            submissionId: crypto.randomUUID(),
            answers: { ...validAnswers(instrument), department: "Sales", comment: `gone ${i}` },
          })
        ).status,
      ).toBe(201);
    expect((await json(`/api/campaigns/${round.id}/close`, {}, rival)).status).toBe(200);
    const exported = await get(`/api/organisations/${org.id}/export`, rival);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain("client-gone_export_");
    expect((await exported.json()).rounds[0].release.respondents).toBe(6);
    expect((await json(`/api/organisations/${org.id}`, {}, consultant, "DELETE")).status).toBe(404);
    const deleted = await json(`/api/organisations/${org.id}`, {}, rival, "DELETE");
    expect(deleted.status).toBe(200);
    expect((await deleted.json()).removes).toMatchObject({ rounds: 1, releases: 1 });
    for (const [table, column] of [
      [schema.campaigns, schema.campaigns.id],
      [schema.releases, schema.releases.campaignId],
      [schema.releaseGroups, schema.releaseGroups.campaignId],
      [schema.releaseComments, schema.releaseComments.campaignId],
      [schema.responses, schema.responses.campaignId],
      [schema.receipts, schema.receipts.campaignId],
    ] as const) {
      expect(await db.$count(table, eq(column, round.id))).toBe(0);
    }
    expect(await db.$count(schema.organisations, eq(schema.organisations.id, org.id))).toBe(0);
    expect(await db.$count(schema.auditLog, eq(schema.auditLog.organisationId, org.id))).toBe(0);
  }, 60_000);
});

/**
 * Staff invitations by e-mail on both runtimes, with mail through the HTTP mail API (Workers'
 * only kind; Node is given the same mailer so both answer alike) pointed at a recorder this test
 * starts. Its own targets: with mail configured a manager's invitation would be mailed, which the
 * contract above expects handed back as a link.
 */
const INVITATION_SECRET = "contract-invitation-key-secret-0123456789";
const MAIL_TARGETS: [string, (mailUrl: string) => Promise<Target>][] = [
  [
    "Node with a libSQL file",
    async (mailUrl) => {
      const t = await createTestApp({
        deps: {
          mailer: httpMailer({ url: mailUrl, apiKey: MAIL_API_KEY, from: "Klantgericht <noreply@contract.test>" }),
          invitationKeySecret: INVITATION_SECRET,
        },
      });
      return {
        request: async (path, init) => t.app.request(path, init),
        cron: async () => void (await releaseDue(t, t.clock.now)),
        db: t.db,
        close: t.close,
      };
    },
  ],
  [
    "workerd with D1",
    (mailUrl) =>
      startWorkerd({
        MAIL_API_URL: mailUrl,
        MAIL_API_KEY,
        MAIL_FROM: "Klantgericht <noreply@contract.test>",
        INVITATION_KEY_SECRET: INVITATION_SECRET,
      }),
  ],
];

describe.each(MAIL_TARGETS)("staff invitations by e-mail on %s", (_name, start) => {
  let target: Target;
  let mailApi: Awaited<ReturnType<typeof startMailApi>>;
  let round: Campaign;
  let cookie: string;
  const staff = Array.from({ length: 5 }, (_, i) => `medewerker${i}@klant-a.test`);

  const json = (path: string, body: unknown, withCookie = true) =>
    target.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(withCookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  /** The code in a mail's personal link to this round (in the fragment), from the text and the HTML alike. */
  function codeIn(mail: PostedMail): string {
    const pattern = new RegExp(`/s/${round.token}#code=([0-9A-Z-]+)`);
    const text = mail.text.match(pattern)?.[1];
    expect(text, mail.text).toBeDefined();
    expect(mail.html?.match(pattern)?.[1]).toBe(text);
    return decodeURIComponent(text!);
  }
  const answer = (code: string) =>
    json(
      `/api/s/${round.token}/responses`,
      {
        submissionId: crypto.randomUUID(),
        answers: { ...validAnswers(instrument), department: "Sales" },
        accessCode: code,
      },
      false,
    );
  const invitationRows = async () =>
    (await target.db.select().from(schema.staffInvitations).where(eq(schema.staffInvitations.campaignId, round.id)))
      .length;

  beforeAll(async () => {
    mailApi = await startMailApi();
    target = await start(mailApi.url);
    const consultant = await createUser(target.db, "invite@consult.test", await passwordHash, "consultant");
    const organisation = await createOrganisation(target.db, "Client Mail", consultant.id);
    round = await createCampaign(target.db, {
      ...campaignDefaults(instrument, ["Sales", "Service"]),
      organisationId: organisation.id,
      title: "Round Mail",
    });
    const login = await json("/api/auth/login", { email: "invite@consult.test", password: PASSWORD }, false);
    expect(login.status).toBe(200);
    cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    await mailApi?.close();
  });

  it("mails 5 personal links whose codes work once each; a reminder reaches exactly the unused ones; closing leaves no invitation row", async () => {
    const invited = await json(`/api/campaigns/${round.id}/staff-invitations`, {
      mode: "reminders",
      languages: "both",
      list: [...staff, staff[0]!.toUpperCase(), "no address"].join("\n"),
    });
    expect(invited.status).toBe(200);
    const body = await invited.json();
    expect(body.counts).toMatchObject({ addresses: 5, sent: 5, failed: 0, invalid: 1, duplicates: 1 });
    expect(JSON.stringify(body)).not.toContain("@");
    expect(mailApi.refused).toBe(0);
    expect(mailApi.mails.map((m) => m.to).sort()).toEqual([...staff].sort());
    const codes = new Map(mailApi.mails.map((m) => [m.to, codeIn(m)]));
    expect(new Set(codes.values()).size).toBe(5);
    expect(
      mailApi.mails.every((m) => m.from === "Klantgericht <noreply@contract.test>" && m.text.includes("Client Mail")),
    ).toBe(true);
    expect(await invitationRows()).toBe(5);

    // Two of them answer: each code works once, a second use of it is refused, and its round counts one each.
    for (const a of staff.slice(0, 2)) {
      const first = await answer(codes.get(a)!);
      expect(first.status).toBe(201);
      await first.text();
      const again = await answer(codes.get(a)!);
      expect(again.status).toBe(409);
      expect((await again.json()).error.code).toBe("code_used");
    }
    // A code from another round's invitation is not one of this round's.
    const wrong = await answer("AAAA-BBBB-CC");
    expect(wrong.status).toBe(403);
    await wrong.text();

    const sentBefore = mailApi.mails.length;
    const partial = await json(`/api/campaigns/${round.id}/staff-reminders`, { list: staff.slice(2).join("\n") });
    expect(partial.status).toBe(422);
    expect((await partial.json()).error.code).toBe("incomplete_list");
    const reminded = await json(`/api/campaigns/${round.id}/staff-reminders`, { list: staff.join("\n") });
    expect(reminded.status).toBe(200);
    expect((await reminded.json()).counts).toMatchObject({
      addresses: 5,
      sent: 3,
      failed: 0,
      answered: 2,
      notInvited: 0,
      limitReached: 0,
    });
    const reminders = mailApi.mails.slice(sentBefore);
    expect(reminders.map((m) => m.to).sort()).toEqual(staff.slice(2).sort());
    // The same personal link again, and it works (once) for the rest.
    for (const mail of reminders) {
      expect(codeIn(mail)).toBe(codes.get(mail.to));
      const res = await answer(codeIn(mail));
      expect(res.status).toBe(201);
      await res.text();
    }
    const summary = await (
      await target.request(`/api/campaigns/${round.id}/staff-invitations`, { headers: { cookie } })
    ).json();
    expect(summary).toEqual({
      mailConfigured: true,
      invitations: {
        mode: "reminders",
        languages: "both",
        invited: 5,
        reminderRuns: 1,
        remindersSent: 3,
        maxReminders: 2,
      },
    });

    const closed = await json(`/api/campaigns/${round.id}/close`, {});
    expect(closed.status).toBe(200);
    expect((await closed.json()).status).toBe("closed");
    expect(await invitationRows()).toBe(0);
    const [rounds] = await target.db
      .select()
      .from(schema.staffInvitationRounds)
      .where(eq(schema.staffInvitationRounds.campaignId, round.id));
    expect(rounds).toMatchObject({ mode: "reminders", invited: 5 });
    const [release] = await target.db.select().from(schema.releases).where(eq(schema.releases.campaignId, round.id));
    expect(release!.respondents).toBe(5);
    const late = await json(`/api/campaigns/${round.id}/staff-reminders`, { list: staff.join("\n") });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("campaign_closed");
    expect(mailApi.mails.length).toBe(sentBefore + 3);
  }, 60_000);

  it("invites a list past one slice and past D1's 100 bound parameters per statement, and reminds it", async () => {
    const organisationId = round.organisationId;
    const big = await createCampaign(target.db, {
      ...campaignDefaults(instrument, ["Sales"]),
      organisationId,
      title: "Round Many",
    });
    const many = Array.from({ length: 130 }, (_, i) => `collega${i}@klant-a.test`);
    const before = mailApi.mails.length;
    const invited = await json(`/api/campaigns/${big.id}/staff-invitations`, {
      mode: "reminders",
      languages: "nl",
      list: many.join("\n"),
    });
    expect(invited.status).toBe(200);
    expect((await invited.json()).counts).toMatchObject({ addresses: 130, sent: 130, failed: 0 });
    expect(new Set(mailApi.mails.slice(before).map((m) => m.to))).toEqual(new Set(many));
    const rows = await target.db
      .select()
      .from(schema.staffInvitations)
      .where(eq(schema.staffInvitations.campaignId, big.id));
    expect(rows).toHaveLength(130);
    // Codes issued once per address, counted on the round.
    const [counted] = await target.db
      .select({ issued: schema.campaigns.codesIssued })
      .from(schema.campaigns)
      .where(eq(schema.campaigns.id, big.id));
    expect(counted!.issued).toBe(130);
    // The same list again: all already invited, nothing sent, nothing issued.
    const again = await json(`/api/campaigns/${big.id}/staff-invitations`, {
      mode: "reminders",
      languages: "nl",
      list: many.join("\n"),
    });
    expect((await again.json()).counts).toMatchObject({ sent: 0, alreadyInvited: 130 });
    const reminded = await json(`/api/campaigns/${big.id}/staff-reminders`, { list: many.join("\n") });
    expect(reminded.status).toBe(200);
    expect((await reminded.json()).counts).toMatchObject({ sent: 130, answered: 0, failed: 0 });
    const after = await target.db
      .select({ n: schema.staffInvitations.remindersSent })
      .from(schema.staffInvitations)
      .where(eq(schema.staffInvitations.campaignId, big.id));
    expect(after.map((r) => r.n)).toEqual(Array(130).fill(1));
    expect(mailApi.mails.length).toBe(before + 260);
  }, 60_000);
});

describe("the worker bundle (as `wrangler deploy --dry-run` writes it)", () => {
  const bundle = readFileSync(new URL("../../dist/worker/worker.js", import.meta.url));
  const text = bundle.toString("utf8");

  it("imports no Node-only module and no native libSQL driver", () => {
    // Matches only, so a failure names the import rather than printing two megabytes.
    const imports = text.match(/(?:\bfrom|\bimport\s*\(|\brequire\s*\()\s*["'][^"']+["']/g) ?? [];
    // node:crypto is Workers' own under nodejs_compat (wrangler.toml): the client keys' synchronous
    // HMAC (lib/client-keys.ts), run on workerd by respondent-limits-workerd.test.ts.
    const workersOwn = /["']node:crypto["']/;
    expect(
      imports.filter(
        (i) =>
          !workersOwn.test(i) && /["'](node:|fs|path|child_process|net|os|crypto|stream|libsql|better-sqlite3)/.test(i),
      ),
    ).toEqual([]);
    expect(["@libsql/linux", "better-sqlite3", "libsql.node"].filter((native) => text.includes(native))).toEqual([]);
  });
  it("stays well under the Workers size limit of 3 MB compressed", () => {
    expect(gzipSync(bundle).length).toBeLessThan(3 * 1024 * 1024);
  });
});
