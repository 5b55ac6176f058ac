/**
 * Someone who later reads the database file, after the retention sweep deleted a round's comments
 * and a consultant deleted the organisation: the deleted comments, ids and survey link must not be
 * in the file (a table, a free page or the write-ahead log), as `secure_delete` promises.
 */
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { truncateLog } from "../../src/node/open-database.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { applyRetention, changeRetention, deleteOrganisation } from "../../src/services/data-protection.js";
import { reduceReleased, release } from "../../src/services/release.js";
import { createUser, type User } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let round: Campaign;
let consultant: User;
const comments: string[] = [];

const fileBytes = async () => {
  await truncateLog(t.client);
  const file = String(
    (await t.client.execute("select file from pragma_database_list where name = 'main'")).rows[0]!.file,
  );
  return readFileSync(file);
};
const deps = (today: string) => ({ db: t.db, instruments: t.instruments, now: () => new Date(`${today}T12:00:00Z`) });

beforeAll(async () => {
  t = await createTestApp();
  consultant = await createUser(t.db, "owner@consult.test", "x", "consultant");
  const organisation = await createOrganisation(t.db, "Deleted organisation", consultant.id);
  round = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales", "Service"]),
    organisationId: organisation.id,
    title: "Round to delete",
    requireCode: true,
  });
  const codes = await issueCodes(t.db, round, 14);
  for (let i = 0; i < 14; i++) {
    const comment = `unique-remark-${crypto.randomUUID()}`;
    comments.push(comment);
    const res = await postJson(t.app, `/api/s/${round.token}/responses`, {
      submissionId: crypto.randomUUID(),
      accessCode: codes[i],
      answers: { ...validAnswers(t.instrument, 1 + (i % 5)), department: i < 9 ? "Sales" : "Service", comment },
    });
    expect(res.status).toBe(201);
  }
  await release(t, { ...round, status: "closed" }, t.clock.now);
  await reduceReleased(t);
});
afterAll(() => t.close());

describe("the database file after deletions", () => {
  it("the release stored the comments (so there is something to look for)", async () => {
    const file = await fileBytes();
    expect(comments.filter((c) => file.includes(Buffer.from(c))).length).toBe(comments.length);
  });

  it("holds none of the comments the retention sweep deleted half-way", async () => {
    const view = await changeRetention(deps("2026-03-10"), consultant, round.organisationId, 12, false);
    const row = view.rounds.find((r) => r.campaignId === round.id)!;
    expect((await applyRetention(deps(row.commentsOn!))).comments).toBe(1);
    const file = await fileBytes();
    expect(comments.filter((c) => file.includes(Buffer.from(c)))).toEqual([]);
  });

  it("holds none of a deleted organisation's ids, survey link or names", async () => {
    await deleteOrganisation(deps("2026-03-10"), consultant, round.organisationId);
    const file = await fileBytes();
    const gone = [round.organisationId, round.id, round.token, "Round to delete"];
    expect(gone.filter((s) => file.includes(Buffer.from(s)))).toEqual([]);
  });
});
