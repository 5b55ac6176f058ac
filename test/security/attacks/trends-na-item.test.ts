/**
 * Adversary: a manager reading trends (GET /api/organisations/:id/trends) and the round's report;
 * the consultant only has to run a follow-up round on an adapted copy of v3 (one skills question
 * reworded — ordinary practice, and uploading instruments is what the product offers them).
 *
 * Idea: the report hides an item that someone in the group answered "weet niet / n.v.t." (v3's
 * skills_2 "…" offers it). But trends between two instrument versions compare a level on its
 * shared items, scoring each round as the mean of the items' means taken from the RELEASE TOTALS
 * (services/trends.ts passes `release.totals.items` unfiltered) — and those totals hold the
 * n/a item's distribution over only the people who did answer it. The other shared items are
 * published in full by the report, so the hidden item's mean falls out by subtraction:
 *   mean(skills_2 | answered) = 4·fromScore − score(skills_1) − score(skills_3) − score(skills_5).
 * In a back-office round of 20 where only Vera has customer contact (and everyone else answers
 * n/a), that is Vera's own answer.
 * Fixed: the release stores no item anyone answered n/a, so cross-version trends share only items
 * everyone answered, each of which the report shows too.
 */
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reduceReleased } from "../../../src/services/release.js";
import { type World, world } from "./world.js";

let w: World;
let mgr: Awaited<ReturnType<World["manager"]>>;
let org = "";
let roundA = "";
const VERA_SKILLS_2 = 2; // her answer, 1–5

beforeAll(async () => {
  w = await world();
  org = await w.organisation("Back office BV");
  // Round A: the built-in v3, on single-use codes, 20 staff in two departments.
  const a = await w.campaign(org, { requireCode: true, departments: ["Finance", "HR"], opensOn: "2026-03-01" });
  roundA = a.id;
  const codes = await w.codes(a.id, 20);
  for (let i = 0; i < 20; i++) {
    const department = i < 10 ? "Finance" : "HR";
    const role = i % 2 === 0 ? "back_office" : "frontline";
    const answers = w.answers(1 + ((i * 3) % 5), {
      department,
      role,
      tenure: "1to5",
      skills_1: 1 + (i % 5),
      skills_3: 1 + ((i + 2) % 5),
      skills_5: 1 + ((i * 2) % 5),
    });
    // Everyone but Vera (i = 7) has no customer contact and answers "weet niet / n.v.t.".
    answers.skills_2 = i === 7 ? VERA_SKILLS_2 : "na";
    expect(await w.submit(a.token, answers, codes[i])).toBe(201);
  }
  expect((await w.c.post(`/api/campaigns/${a.id}/close`, {})).status).toBe(200);

  // The follow-up on an adapted copy: skills_4 reworded, the rest word for word.
  const json = JSON.parse(readFileSync("surveys/customer-centricity-v3.json", "utf8"));
  json.instrumentId = "cc-followup";
  json.instrumentVersion = 1;
  for (const page of json.pages)
    for (const el of page.elements ?? [])
      if (el.name === "skills_4")
        el.title = { nl: "Ik krijg de training die ik nodig heb.", en: "I get the training I need." };
  const up = await w.c.post("/api/instruments", json);
  expect(up.status).toBe(201);
  const b = await w.campaign(org, {
    requireCode: true,
    departments: ["Finance", "HR"],
    opensOn: "2026-03-05",
    instrument: { id: "cc-followup", version: 1 },
  });
  const codesB = await w.codes(b.id, 10);
  for (let i = 0; i < 10; i++)
    expect(
      await w.submit(
        b.token,
        w.answers(3 + (i % 3), { department: i < 5 ? "Finance" : "HR", role: "back_office", tenure: "1to5" }),
        codesB[i],
      ),
    ).toBe(201);
  expect((await w.c.post(`/api/campaigns/${b.id}/close`, {})).status).toBe(200);
  await reduceReleased(w.t);
  mgr = await w.manager(org, "director@backoffice.test");
});
afterAll(() => w.t.close());

describe("trends across instrument versions read the n/a item's answerers", () => {
  it("no longer gives the manager the one answer to a hidden 'n.v.t.' item (it did, by subtracting the shown items from the shared-item score)", async () => {
    const report = await mgr.get(`/api/campaigns/${roundA}/report`);
    expect(report.status).toBe(200);
    const items = new Map((report.body.items as { name: string; score: number }[]).map((i) => [i.name, i.score]));
    console.log(
      "report items of skills:",
      [...items].filter(([n]) => n.startsWith("skills")),
    );
    expect(items.has("skills_2")).toBe(false); // the report does hide it

    const trends = await mgr.get(`/api/organisations/${org}/trends`);
    expect(trends.status).toBe(200);
    const skills = (
      trends.body.levels as {
        level: string;
        steps: { from: string; basis: string; sharedItems: string[]; fromScore: number }[];
      }[]
    ).find((l) => l.level === "skills")!;
    const step = skills.steps.find((s) => s.from === roundA)!;
    console.log("trend step on skills:", JSON.stringify(step));
    // Fixed: the release stores no item anyone answered "n/a", so the trend's shared items hold
    // only items everyone answered, each of which the report shows too: nothing is left to subtract.
    expect(step.sharedItems).not.toContain("skills_2");
    for (const name of step.sharedItems) expect(items.has(name)).toBe(true);
  });
});
