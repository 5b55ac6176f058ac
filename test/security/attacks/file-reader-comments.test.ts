/**
 * Adversary: someone who reads the database file after a release (a backup, a host admin).
 * Idea: a comment is copied into the release with its department, and the plan then blanks the
 * department of comments whose department list is not published (UPDATE in place). Does any copy
 * of the comment still sit next to its department, role or tenure anywhere in the file (old cell
 * images, free blocks, overflow pages) once the sweep ran and the log was emptied?
 */
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { truncateLog } from "../../../src/node/open-database.js";
import { reduceReleased } from "../../../src/services/release.js";
import { type World, world } from "./world.js";

let w: World;
const SECRET = "ZZSECRET-only-the-legal-manager-wrote-this";

beforeAll(async () => {
  w = await world();
  const org = await w.organisation("Target");
  const round = await w.campaign(org, { requireCode: true, departments: ["Sales", "Legal"] });
  const codes = await w.codes(round.id, 13);
  for (let i = 0; i < 12; i++)
    expect(
      await w.submit(
        round.token,
        w.answers(1 + (i % 5), { department: "Sales", comment: `sales remark ${i}` }),
        codes[i],
      ),
    ).toBe(201);
  expect(
    await w.submit(
      round.token,
      w.answers(2, { department: "Legal", role: "management", tenure: "gt10", comment: SECRET }),
      codes[12],
    ),
  ).toBe(201);
  expect((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status).toBe(200);
  await reduceReleased(w.t);
  await truncateLog(w.t.client);
});
afterAll(() => w.t.close());

describe("comments in the database file after a release", () => {
  it("no copy of a comment lies next to its department, role or tenure", async () => {
    const path = String(
      (await w.t.client.execute("select file from pragma_database_list where name = 'main'")).rows[0]!.file,
    );
    const file = readFileSync(path);
    const hits: string[] = [];
    for (let at = file.indexOf(SECRET); at >= 0; at = file.indexOf(SECRET, at + 1)) {
      const around = file
        .subarray(Math.max(0, at - 120), at + SECRET.length + 120)
        .toString("latin1")
        .replace(/[^\x20-\x7e]/g, ".");
      hits.push(around);
    }
    console.log(hits);
    expect(hits.length).toBeGreaterThan(0); // the comment is in the round's list
    for (const h of hits) expect(/Legal|management|gt10/.test(h), h).toBe(false);
  });
});
