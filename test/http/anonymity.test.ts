/** Anonymity by construction: what a stored response holds, read straight from the database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { release } from "../../src/services/release.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: "2026-03-10" });
});
afterAll(() => t.close());

describe("a stored response", () => {
  it("holds the campaign, the units, the date and the answers — nothing about the client", async () => {
    const campaign = await t.addCampaign();
    const submissionId = crypto.randomUUID();
    const res = await postJson(
      t.app,
      `/api/s/${campaign.token}/responses`,
      { submissionId, answers: { ...validAnswers(t.instrument), comment: "Prima" } },
      {
        "user-agent": "Mozilla/5.0 (Test Browser) UniqueAgent/42",
        "x-forwarded-for": "203.0.113.77",
        cookie: "tracker=abc123",
      },
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toBeNull();

    const columns = (await t.client.execute("select name from pragma_table_info('responses')")).rows.map((r) => r.name);
    expect(columns).toEqual([
      "id",
      "campaign_id",
      "submitted_on",
      "instrument_version",
      "department",
      "role",
      "tenure",
      "answers",
      "comment",
      "scores",
    ]);
    const [row] = (
      await t.client.execute({ sql: "select * from responses where campaign_id = ?", args: [campaign.id] })
    ).rows;
    expect(row!.submitted_on).toBe("2026-03-10"); // the date, not 09:30
    // New rows keep the answers in their compact scored form only, and the comment beside it.
    expect(row!.answers).toBeNull();
    expect(JSON.parse(String(row!.scores)).v).toHaveLength(t.instrument.key.items.length);
    expect(row!.comment).toBe("Prima");
    expect(String(row!.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // Nothing the client sent about itself, and not its submissionId, is anywhere in the database,
    // not even after the round is released.
    await release(t, campaign, t.clock.now);
    const tables = (await t.client.execute("select name from sqlite_master where type = 'table'")).rows.map((r) =>
      String(r.name),
    );
    expect(tables).toContain("release_comments");
    const dump = JSON.stringify(
      await Promise.all(tables.map(async (table) => (await t.client.execute(`select * from "${table}"`)).rows)),
    );
    // The moment of submission (the test clock's instant, in every form a database might hold it).
    // Not a bare "09:30": other rows carry the real wall-clock time the test ran at.
    const instant = t.clock.now;
    const moments = [
      instant.toISOString().slice(0, 16),
      instant.toISOString().slice(0, 16).replace("T", " "),
      String(instant.getTime()),
      String(instant.getTime() / 1000),
    ];
    for (const secret of ["UniqueAgent", "203.0.113.77", "abc123", submissionId, ...moments])
      expect(dump).not.toContain(secret);
  });

  it("gets a random id, so ids do not reveal the order of submission", async () => {
    const campaign = await t.addCampaign();
    for (let i = 0; i < 6; i++) {
      await postJson(t.app, `/api/s/${campaign.token}/responses`, {
        submissionId: crypto.randomUUID(),
        answers: validAnswers(t.instrument),
      });
    }
    const ids = (
      await t.client.execute({ sql: "select id from responses where campaign_id = ?", args: [campaign.id] })
    ).rows.map((r) => String(r.id));
    expect(new Set(ids).size).toBe(6);
    // Response and receipt tables have no hidden rowid that would keep insertion order.
    const sql = (
      await t.client.execute("select sql from sqlite_master where name in ('responses', 'receipts')")
    ).rows.map((r) => String(r.sql));
    expect(sql.every((s) => s.includes("WITHOUT ROWID"))).toBe(true);
  });
});
