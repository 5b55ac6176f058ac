/**
 * Someone who later reads the database files (a host administrator, a backup): once a round is
 * released and the sweep has run, the files hold no raw response — no answer of one person, not
 * in a table, not in a free page, not in the write-ahead log — and no figure of a group the plan
 * does not publish. Comments keep their department at most.
 */
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { truncateLog } from "../../src/node/open-database.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { reduceReleased, release } from "../../src/services/release.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let coded: Campaign;
let running: Campaign;
const rawForms: string[] = [];
const retry = { submissionId: "", body: {} as Record<string, unknown> };

beforeAll(async () => {
  t = await createTestApp();
  coded = await t.addCampaign({ requireCode: true });
  running = await t.addCampaign();
  const codes = await issueCodes(t.db, coded, 14);
  const places = [...Array<string>(9).fill("Sales"), ...Array<string>(5).fill("Service")];
  for (const [i, department] of places.entries()) {
    const body = {
      submissionId: crypto.randomUUID(),
      accessCode: codes[i],
      answers: {
        ...validAnswers(t.instrument, 1 + (i % 5)),
        department,
        role: i === 13 ? "management" : "frontline",
        tenure: "lt1",
        comment: `remark-${i}`,
      },
    };
    expect((await postJson(t.app, `/api/s/${coded.token}/responses`, body)).status).toBe(201);
    Object.assign(retry, { submissionId: body.submissionId, body });
  }
  for (let i = 0; i < 3; i++)
    expect(
      (
        await postJson(t.app, `/api/s/${running.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(201);
  const forms = async (c: Campaign) =>
    (await t.client.execute({ sql: "select scores from responses where campaign_id = ?", args: [c.id] })).rows.map(
      (r) => String(r.scores),
    );
  // The running round's identical answers stay (it is not released): look only for the others.
  const kept = new Set(await forms(running));
  rawForms.push(...(await forms(coded)).filter((f) => !kept.has(f)));
  await release(t, { ...coded, status: "closed" }, t.clock.now);
});
afterAll(() => t.close());

const databaseFile = async () =>
  String((await t.client.execute("select file from pragma_database_list where name = 'main'")).rows[0]!.file);

describe("the database files after a release", () => {
  it("overwrite what is deleted", async () => {
    expect(Number((await t.client.execute("pragma secure_delete")).rows[0]![0])).toBe(1);
  });

  it("hold no single-use code of a released round already after the release's own write, and keep its counts", async () => {
    const codes = async (c: Campaign) =>
      Number(
        (await t.client.execute({ sql: "select count(*) as n from access_codes where campaign_id = ?", args: [c.id] }))
          .rows[0]!.n,
      );
    // Before the sweep (reduceReleased has not run yet): no moment after the release leaves which codes were used.
    expect(await codes(coded)).toBe(0);
    const counts = (
      await t.client.execute({ sql: "select codes_issued, codes_used from campaigns where id = ?", args: [coded.id] })
    ).rows[0]!;
    expect([Number(counts.codes_issued), Number(counts.codes_used)]).toEqual([14, 14]);
  });

  it("hold no raw response of a released round once the sweep ran, and keep those of a running round", async () => {
    expect(new Set(rawForms).size).toBeGreaterThan(3); // distinct answers, findable if they were there
    const deleted = await reduceReleased(t);
    expect(deleted).toBe(14);
    expect(await countResponses(t.db, coded.id)).toBe(0);
    expect(await countResponses(t.db, running.id)).toBe(3);
    await truncateLog(t.client);
    const file = readFileSync(await databaseFile());
    expect(readFileSync(`${await databaseFile()}-wal`).length).toBe(0);
    for (const form of rawForms) expect(file.includes(Buffer.from(form)), form).toBe(false);
  });

  it("still serve the report, and still acknowledge a retry of a stored submission", async () => {
    const stats = (
      await t.client.execute({ sql: "select key, n from release_groups where campaign_id = ?", args: [coded.id] })
    ).rows;
    expect(stats.length).toBeGreaterThan(1);
    // Only published groups, each of k or more: the lone manager's cell is nowhere.
    for (const g of stats) expect(Number(g.n)).toBeGreaterThanOrEqual(coded.k);
    expect(stats.some((g) => String(g.key).includes("management"))).toBe(false);
    const again = await postJson(t.app, `/api/s/${coded.token}/responses`, retry.body);
    expect(again.status).toBe(201);
    expect(await countResponses(t.db, coded.id)).toBe(0);
  });

  it("keep comments with their department at most, never their role or tenure", async () => {
    const rows = (
      await t.client.execute({
        sql: "select department, role, tenure, comment from release_comments where campaign_id = ?",
        args: [coded.id],
      })
    ).rows;
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((r) => `${String(r.role)}|${String(r.tenure)}`))).toEqual(new Set(["|"]));
    // Service (5) is under kComments (10): its comments are in the round's list only, without a department.
    expect(rows.filter((r) => r.department === "Service")).toEqual([]);
  });

  it("keep comments in an order that says nothing about when they were written", async () => {
    const stored = (
      await t.client.execute({
        sql: "select comment from release_comments where campaign_id = ? order by sort_key",
        args: [coded.id],
      })
    ).rows.map((r) => String(r.comment));
    const written = Array.from({ length: 14 }, (_, i) => `remark-${i}`);
    expect([...stored].sort()).toEqual([...written].sort());
    // They follow the responses' keys, which are random (randomId, never a time-ordered id): 1 in 14!
    // to come out in the order written.
    expect(stored).not.toEqual(written);
  });
});
