/**
 * The write-ahead log keeps each commit in order — which code became used in the same commit as
 * which response — until it is emptied: after truncateLog the log file is empty and every
 * response is in the database file.
 */
import { statSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { truncateLog } from "../../src/node/open-database.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const logFile = async () =>
  `${String((await t.client.execute("select file from pragma_database_list where name = 'main'")).rows[0]!.file)}-wal`;

describe("emptying the write-ahead log", () => {
  it("leaves no commit history in the log and every response in the database", async () => {
    const campaign = await t.addCampaign();
    for (let i = 0; i < 12; i++)
      expect(
        (
          await postJson(t.app, `/api/s/${campaign.token}/responses`, {
            submissionId: crypto.randomUUID(),
            answers: validAnswers(t.instrument, 1 + (i % 5)),
          })
        ).status,
      ).toBe(201);
    const log = await logFile();
    expect(statSync(log).size).toBeGreaterThan(0);
    await truncateLog(t.client);
    expect(statSync(log).size).toBe(0);
    expect(await countResponses(t.db, campaign.id)).toBe(12);
    // And the database goes on taking responses.
    expect(
      (
        await postJson(t.app, `/api/s/${campaign.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(201);
    expect(statSync(log).size).toBeGreaterThan(0);
  });
});
