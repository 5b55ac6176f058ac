/**
 * Adversary: a consultant who designs the instrument to single someone out (issue 26, attack 1).
 * Idea: a level every respondent answers alike but one ("I work the night shift": everyone 3, the
 * night-shift worker 5). Its correlations with the other levels, beside their published means and
 * spreads, give that one person's own level scores. Every k rule is met: the round has 20 people.
 * Fixed: a level (or the outcome) enters a correlation or a driver only when at least k people
 * answered it differently from its most common answer, and level pairs are published for the round
 * as a whole only, so no two groups' sums can be subtracted (domain/joint-figures.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reduceReleased } from "../../../src/services/release.js";
import { backOfficeRound, type World, world } from "./world.js";

let w: World;
let mgr: Awaited<ReturnType<World["manager"]>>;
let roundId = "";
const MARKER = "context";

beforeAll(async () => {
  w = await world();
  const V3 = w.t.instruments.get("customer-centricity", 3)!;
  const markerItems = V3.key.items.filter((i) => i.level === MARKER && i.perspective !== "desired").map((i) => i.name);
  expect(markerItems.length).toBeGreaterThan(0);
  const { org, round } = await backOfficeRound(w, (answers, i) => {
    for (const name of markerItems) answers[name] = i === 0 ? 5 : 3;
  });
  roundId = round.id;
  mgr = await w.manager(org, "director@marker.test");
  expect((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status).toBe(200);
  await reduceReleased(w.t);
});
afterAll(() => w.t.close());

type Correlation = { upper: string; lower: string };

describe("a level that marks one person", () => {
  it("enters no correlation or driver of the round, and the report says why", async () => {
    const r = await mgr.get(`/api/campaigns/${roundId}/report`);
    expect(r.status).toBe(200);
    const { correlations, drivers, jointFigures } = r.body as {
      correlations: Correlation[];
      drivers: { levels: { level: string }[] } | null;
      jointFigures: { roundOnly: boolean; concentrated: string[]; releasedBefore: boolean };
    };
    expect(jointFigures.roundOnly).toBe(false);
    expect(jointFigures.releasedBefore).toBe(false);
    expect(jointFigures.concentrated).toContain(MARKER);
    // The other levels, answered in spread, still go together in the round's report.
    expect(correlations.length).toBeGreaterThan(0);
    for (const c of correlations) {
      expect(jointFigures.concentrated).not.toContain(c.upper);
      expect(jointFigures.concentrated).not.toContain(c.lower);
    }
    for (const d of drivers?.levels ?? []) expect(jointFigures.concentrated).not.toContain(d.level);
  });

  it("pairs nothing in a department's report: level pairs are the round's only", async () => {
    const r = await mgr.get(`/api/campaigns/${roundId}/report?filter[department]=Finance`);
    expect(r.status).toBe(200);
    expect(r.body.n).toBeGreaterThanOrEqual(5);
    expect(r.body.correlations).toEqual([]);
    expect(r.body.drivers).toBeNull();
    expect(r.body.jointFigures).toEqual({ roundOnly: true, concentrated: [], releasedBefore: false });
  });

  it("leaves no level pair of a department, nor of the marker, in the file", async () => {
    const rows = (
      await w.t.client.execute({ sql: "select key, stats from release_groups where campaign_id = ?", args: [roundId] })
    ).rows.map((row) => ({ key: String(row.key), pairs: Object.keys(JSON.parse(String(row.stats)).pairs ?? {}) }));
    expect(rows.length).toBeGreaterThan(1);
    const withPairs = rows.filter((row) => row.pairs.length > 0);
    // The round's group only (its key names no filter), and none of its pairs holds the marker.
    expect(withPairs.map((row) => row.key)).toEqual([""]);
    for (const key of withPairs[0]!.pairs) expect(key.split("|")).not.toContain(MARKER);
  });
});
