/**
 * Adversary: the consultant (uploads instruments, owns rounds) — and with them every manager who
 * reads the report. Idea (found by an attack on an earlier version, where it worked): an uploaded
 * instrument makes rating items optional. A level, a desired-state item or a climate scale answered by only
 * one respondent is then published with its own n = 1 inside a round of k or more: the group that
 * produced the figure is one person, and its score is that person's answers (the plan counts people
 * per cell, not per answered item). Now the upload refuses such an instrument, and the report shows
 * no scale that fewer than its whole group answered (test/domain/report-scales.test.ts).
 */
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type World, world } from "./world.js";

let w: World;

beforeAll(async () => {
  w = await world();
});
afterAll(() => w.t.close());

describe("optional rating items in an uploaded instrument", () => {
  it("are refused at upload, naming the item: the few who answer one would be published alone", async () => {
    const json = JSON.parse(readFileSync("surveys/customer-centricity-v2.json", "utf8"));
    json.instrumentId = "spy-optional";
    json.instrumentVersion = 1;
    for (const page of json.pages) {
      for (const el of page.elements ?? []) {
        if (/^context_\d$|^desired_context$|^climate_mandate_\d$/.test(el.name)) {
          el.isRequired = false;
          el.title = { default: "Only if you are the manager in Legal: " + (el.title.en ?? el.title.default) };
        }
      }
    }
    const up = await w.c.post("/api/instruments", json);
    expect(up.status).toBe(400);
    expect(up.body.error.code).toBe("invalid_instrument");
    expect(up.body.error.details[0].path).toMatch(/^(context_\d|desired_context|climate_mandate_\d)$/);
    expect((await w.c.get("/api/instruments")).body.some((i: { id: string }) => i.id === "spy-optional")).toBe(false);
  });
});
