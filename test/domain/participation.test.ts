/** Participation per unit: counts from k, empty units hidden too, and nothing hidden follows from the total. */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import type { CountedCell } from "../../src/domain/disclosure.js";
import { unitParticipation } from "../../src/domain/participation.js";
import { unitsFromEntries, unitsFromNames, withLocations } from "../../src/domain/units.js";
import { smallComputableSets } from "../helpers/exact-span.js";

const K = 5;
const units = { department: unitsFromNames(["Sales", "Service", "Legal", "IT"]) };
const cells = (counts: Record<string, number>): CountedCell[] =>
  Object.entries(counts).map(([department, n]) => ({ department, role: "", tenure: "", n }));
const shown = (counts: Record<string, number>) =>
  unitParticipation(cells(counts), units, K).department!.map((u) => u.n);
/** Whatever a reader can work out of the hidden units from the total and the shown units. */
const hiddenTotal = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0) - shown(counts).reduce<number>((a, n) => a + (n ?? 0), 0);

describe("participation per unit", () => {
  it("shows every unit from k when none is smaller", () => {
    expect(shown({ Sales: 7, Service: 6, Legal: 5, IT: 9 })).toEqual([7, 6, 5, 9]);
  });

  it("hides an empty unit like a small one, and the smallest shown unit with it", () => {
    // Legal has nobody yet: hidden, and Service with it, so "0" cannot be read off the total.
    expect(shown({ Sales: 7, Service: 6, Legal: 0, IT: 9 })).toEqual([7, null, null, 9]);
    expect(hiddenTotal({ Sales: 7, Service: 6, Legal: 0, IT: 9 })).toBe(6);
  });

  it("shows the same units before and after one more person in a hidden unit answers", () => {
    const before = shown({ Sales: 7, Service: 6, Legal: 0, IT: 9 });
    const after = shown({ Sales: 7, Service: 6, Legal: 1, IT: 9 });
    expect(after).toEqual(before);
  });

  it("keeps hiding until the hidden units together reach k", () => {
    expect(shown({ Sales: 20, Service: 1, Legal: 1, IT: 2 })).toEqual([null, null, null, null]);
    expect(shown({ Sales: 20, Service: 9, Legal: 1, IT: 2 })).toEqual([20, null, null, null]);
  });

  it("never lets the hidden units add up to fewer than k, over many random rounds", () => {
    let checked = 0;
    for (let seed = 1; seed < 500; seed++) {
      const r = (i: number) => ((seed * 7919 + i * 104729) % 13) - 2;
      const counts = {
        Sales: Math.max(0, r(1)),
        Service: Math.max(0, r(2)),
        Legal: Math.max(0, r(3)),
        IT: Math.max(0, r(4)),
      };
      const hidden = hiddenTotal(counts);
      const hiddenUnits = shown(counts).filter((n) => n === null).length;
      if (hiddenUnits > 0 && shown(counts).some((n) => n !== null)) {
        expect(hidden).toBeGreaterThanOrEqual(K);
        expect(hiddenUnits).toBeGreaterThanOrEqual(2);
        checked++;
      }
      for (const n of shown(counts)) if (n !== null) expect(n).toBeGreaterThanOrEqual(K);
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("participation per unit with headcounts", () => {
  const counted = {
    department: unitsFromEntries([
      { name: "Sales", headcount: 14 },
      { name: "Service", headcount: 8 },
      "Legal",
      { name: "IT", headcount: 3 },
    ]),
  };
  it("gives a unit's rate beside its count, and no rate where its count is hidden", () => {
    const rows = unitParticipation(cells({ Sales: 7, Service: 6, Legal: 9, IT: 1 }), counted, K).department!;
    const sales = rows.find((r) => r.value === "Sales")!;
    expect(sales.pct).toBeCloseTo((sales.n! / sales.headcount!) * 100, 1);
    // Legal has no headcount: a count without a rate.
    expect(rows.find((r) => r.value === "Legal")).toMatchObject({ n: 9, headcount: null, pct: null });
    // IT is below k, so hidden (and Service with it): a hidden unit has no rate, which would be its count.
    for (const row of rows.filter((r) => r.n === null)) expect(row.pct).toBeNull();
    expect(rows.find((r) => r.value === "IT")).toMatchObject({ n: null, headcount: 3, pct: null });
  });
});

describe("participation with departments nested in locations", () => {
  const nested = withLocations({
    department: unitsFromEntries([
      { name: "Sales", location: "North" },
      { name: "Service", location: "North" },
      { name: "Legal", location: "North" },
      { name: "IT", location: "South" },
      { name: "HR", location: "South" },
      { name: "Desk", location: "South" },
    ]),
  });
  const names = nested.department!.map((u) => u.value);
  /** The counts a reader gets of departments and locations, and the exhaustive search over what they combine. */
  const computable = (counts: readonly number[]) => {
    const rows = unitParticipation(
      counts.map((n, i) => ({ department: names[i]!, role: "", tenure: "", n })),
      nested,
      K,
    );
    const occupied = counts.flatMap((n, i) => (n > 0 ? [i] : []));
    const groups = [
      occupied.map((_, j) => j),
      ...rows.department!.flatMap((u, i) => (u.n === null ? [] : [occupied.flatMap((c, j) => (c === i ? [j] : []))])),
      ...rows.location!.flatMap((u) =>
        u.n === null ? [] : [occupied.flatMap((c, j) => (nested.department![c]!.location === u.value ? [j] : []))],
      ),
    ].filter((g) => g.length > 0);
    return {
      rows,
      sets: smallComputableSets(
        occupied.map((i) => counts[i]!),
        groups,
        K,
      ),
    };
  };

  it("hides a location whose hidden departments would follow from it, or one more department in it", () => {
    // North = 9 + 8 + 2: North minus Sales and Service would be Legal's 2.
    const { rows, sets } = computable([9, 8, 2, 7, 6, 9]);
    expect(sets).toEqual([]);
    const north = rows.location!.find((u) => u.value === "North")!;
    const hiddenInNorth = rows.department!.filter(
      (u, i) => u.n === null && nested.department![i]!.location === "North",
    );
    expect(north.n === null || hiddenInNorth.length >= 2).toBe(true);
  });

  it("never lets a reader compute 1..k−1 people from the counts of both, over many random rounds", () => {
    const random = seedrandom("nested participation");
    let withLocation = 0;
    for (let i = 0; i < 400; i++) {
      const counts = names.map(() => [0, 1, 2, 3, 5, 6, 8, 12][Math.floor(random() * 8)]!);
      const { rows, sets } = computable(counts);
      expect(sets, JSON.stringify(counts)).toEqual([]);
      if (rows.location!.some((u) => u.n !== null)) withLocation++;
    }
    expect(withLocation).toBeGreaterThan(100);
  });
});
