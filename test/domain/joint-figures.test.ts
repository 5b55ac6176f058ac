/** Which variables may enter a correlation or a driver (domain/joint-figures.ts). */
import { describe, expect, it } from "vitest";

import { beyondMode, concentratedVariables, spreadPairs } from "../../src/domain/joint-figures.js";
import { emptyStats, type ReleaseStats } from "../../src/domain/release.js";
import { groupOf } from "../../src/domain/report.js";

const LEVELS = { mission: ["m1", "m2"], context: ["c1"] };
/** Item counts of answers 1–5 for ten people. */
const spread = [2, 2, 2, 2, 2];

describe("beyondMode", () => {
  it("counts everyone off the most common value", () => {
    expect(beyondMode([0, 9, 0, 1, 0])).toBe(1);
    expect(beyondMode([2, 2, 2, 2, 2])).toBe(8);
    expect(beyondMode([])).toBe(0);
  });
});

describe("concentratedVariables", () => {
  it("names a level one of whose items fewer than k answered off its most common value", () => {
    const stats = { items: { m1: spread, m2: spread, c1: [0, 0, 9, 0, 1] } };
    expect(concentratedVariables(stats, LEVELS, 5)).toEqual(["context"]);
    // The same item spread over five beyond its mode passes.
    expect(concentratedVariables({ items: { ...stats.items, c1: [0, 0, 5, 4, 1] } }, LEVELS, 5)).toEqual([]);
  });

  it("names a level whose scores are concentrated even where each item is spread", () => {
    const stats = { items: { m1: spread, m2: spread, c1: spread }, grids: { mission: [0, 0, 0, 0, 9, 1, 0, 0, 0] } };
    expect(concentratedVariables(stats, LEVELS, 5)).toEqual(["mission"]);
  });

  it("names the outcome when fewer than k rated it off its most common value", () => {
    const items = { m1: spread, m2: spread, c1: spread };
    const outcome = [0, 0, 0, 0, 0, 0, 0, 6, 3, 1, 0];
    expect(concentratedVariables({ items, outcome }, LEVELS, 5)).toEqual(["outcome"]);
    expect(concentratedVariables({ items, outcome }, LEVELS, 4)).toEqual([]);
  });

  it("names a level none of whose items has a count at all: nothing can be said to be spread", () => {
    expect(concentratedVariables({ items: { m1: spread } }, LEVELS, 5)).toEqual(["mission", "context"]);
  });
});

describe("spreadPairs", () => {
  it("drops every pair with a concentrated variable, on either side", () => {
    const pairs = { "mission|identity": 1, "mission|context": 2, "identity|outcome": 3, "context|outcome": 4 };
    expect(spreadPairs(pairs, ["context"])).toEqual({ "mission|identity": 1, "identity|outcome": 3 });
    expect(spreadPairs(pairs, ["outcome"])).toEqual({ "mission|identity": 1, "mission|context": 2 });
    expect(spreadPairs(pairs, [])).toEqual(pairs);
  });
});

describe("a release's level pairs, as a reader gets them", () => {
  const pair = { n: 10, a: 30, b: 30, aa: 100, bb: 100, ab: 95 };
  const stats = (extra: Partial<ReleaseStats>): ReleaseStats => ({
    ...emptyStats(),
    n: 10,
    pairs: { "mission|identity": pair, "mission|context": pair },
    ...extra,
  });

  it("are the round's, without the variables its release found concentrated", () => {
    const group = groupOf(stats({ concentrated: ["context"] }), { itemLevels: {} }, true);
    expect([...group.pairs.keys()]).toEqual(["mission|identity"]);
    expect(group.concentrated).toEqual(["context"]);
  });

  it("are none for any other group, whatever its release kept", () => {
    const group = groupOf(stats({ concentrated: [] }), { itemLevels: {} }, false);
    expect(group.pairs.size).toBe(0);
    expect(group.concentrated).toBeNull();
  });

  it("are none for the round of a release made before it looked for concentrated variables", () => {
    const group = groupOf(stats({}), { itemLevels: {} }, true);
    expect(group.pairs.size).toBe(0);
    expect(group.concentrated).toBeNull();
    expect(group.isRound).toBe(true);
  });
});
