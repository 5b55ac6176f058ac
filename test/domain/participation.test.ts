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

describe("participation with respondents outside the unit list", () => {
  it("hides one more unit while the round minus the shown units is fewer than k", () => {
    // Two left the department question open (an instrument that allows it): with every unit shown,
    // the round minus the units would be those two.
    const rows = unitParticipation(
      cells({ Sales: 20, Service: 20, Legal: 20, IT: 20, "": 2 }),
      units,
      K,
    ).department!.map((u) => u.n);
    expect(rows.filter((n) => n === null)).toHaveLength(1);
    // Once they are k or more, nothing needs to go.
    expect(
      unitParticipation(cells({ Sales: 20, Service: 20, Legal: 20, IT: 20, "": 5 }), units, K).department!.map(
        (u) => u.n,
      ),
    ).toEqual([20, 20, 20, 20]);
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
      { name: "Desk", location: "East" },
      { name: "Shop", location: "West" },
    ]),
  });
  const names = [...nested.department!.map((u) => u.value), ""];
  /**
   * The counts a reader gets of departments and locations, and the exhaustive search over what they
   * combine; the last count is of respondents who named no department.
   */
  const computable = (counts: readonly number[]) => {
    const rows = unitParticipation(
      counts.map((n, i) => ({ department: names[i]!, role: "", tenure: "", n })),
      nested,
      K,
    );
    const occupied = counts.flatMap((n, i) => (n > 0 ? [i] : []));
    const locationOf = (i: number) => nested.department![i]?.location;
    const groups = [
      occupied.map((_, j) => j),
      ...rows.department!.flatMap((u, i) => (u.n === null ? [] : [occupied.flatMap((c, j) => (c === i ? [j] : []))])),
      ...rows.location!.flatMap((u) =>
        u.n === null ? [] : [occupied.flatMap((c, j) => (locationOf(c) === u.value ? [j] : []))],
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
  const shownOf = (rows: ReturnType<typeof computable>["rows"]) => ({
    department: rows.department!.map((u) => u.n),
    location: rows.location!.map((u) => u.n),
  });

  it("hides one more department of a location whose hidden departments would follow from it", () => {
    // North = 9 + 8 + 2: North minus Sales and Service would be Legal's 2. Legal hides HR with it
    // (the departments' own rule), and Service goes too (North's).
    const { rows, sets } = computable([9, 8, 2, 7, 6, 9, 10, 0]);
    expect(sets).toEqual([]);
    expect(shownOf(rows)).toEqual({
      department: [9, null, null, 7, null, 9, 10],
      location: [19, 13, 9, 10],
    });
  });

  it("counts the hidden departments of hidden locations, and the respondents who named no department, together", () => {
    // North = 9 + 2 + 2: its last shown department goes, and North shows only what is hidden in it (13).
    const north = computable([9, 2, 2, 7, 6, 9, 10, 0]);
    expect(north.sets).toEqual([]);
    expect(shownOf(north.rows)).toEqual({ department: [null, null, null, 7, null, 9, 10], location: [13, 13, 9, 10] });
    // East is Desk's 3 alone: hidden with West, whose Shop goes too, or the round minus the rest is Desk.
    const east = computable([9, 8, 6, 7, 6, 3, 10, 0]);
    expect(east.sets).toEqual([]);
    expect(shownOf(east.rows)).toEqual({ department: [9, 8, null, 7, 6, null, null], location: [23, 13, null, null] });
    // Three who named no department: with the rest shown they would be the round minus the rest; so
    // two departments (6 each) and a location go beside them.
    const without = computable([9, 8, 6, 7, 6, 9, 10, 3]);
    expect(without.sets).toEqual([]);
    expect(shownOf(without.rows)).toEqual({
      department: [9, 8, null, 7, null, 9, 10],
      location: [23, null, 9, 10],
    });
  });

  it("never lets a reader compute 1..k−1 people from the counts of both, over many random rounds", () => {
    const random = seedrandom("nested participation");
    let withLocation = 0;
    let withoutDepartment = 0;
    for (let i = 0; i < 400; i++) {
      const counts = names.map((name) =>
        name === "" ? [0, 0, 1, 2, 3][Math.floor(random() * 5)]! : [0, 1, 2, 3, 5, 6, 8, 12][Math.floor(random() * 8)]!,
      );
      const { rows, sets } = computable(counts);
      expect(sets, JSON.stringify(counts)).toEqual([]);
      if (rows.location!.some((u) => u.n !== null)) withLocation++;
      if (counts.at(-1)! > 0) withoutDepartment++;
    }
    expect(withLocation).toBeGreaterThan(100);
    expect(withoutDepartment).toBeGreaterThan(100);
  });

  it("never lets a reader compute 1..k−1 people over random structures: 2–7 departments in 1–4 locations, some naming none", () => {
    const random = seedrandom("nested structures");
    let checked = 0;
    for (let i = 0; i < 1_500; i++) {
      const departments = Array.from({ length: 2 + Math.floor(random() * 6) }, (_, j) => j);
      const locations = 1 + Math.floor(random() * 4);
      const structure = withLocations({
        department: unitsFromEntries(
          departments.map((j) => ({ name: `D${j}`, location: `L${Math.floor(random() * locations)}` })),
        ),
      });
      const counts = [
        ...departments.map(() => [0, 1, 2, 3, 5, 6, 8, 12][Math.floor(random() * 8)]!),
        [0, 0, 1, 2, 3][Math.floor(random() * 5)]!,
      ];
      // The round's own count is always shown: below k it is the one thing a reader learns.
      if (counts.reduce((a, b) => a + b, 0) < K) continue;
      const names = [...structure.department!.map((u) => u.value), ""];
      const rows = unitParticipation(
        counts.map((n, j) => ({ department: names[j]!, role: "", tenure: "", n })),
        structure,
        K,
      );
      const occupied = counts.flatMap((n, j) => (n > 0 ? [j] : []));
      const groups = [
        occupied.map((_, j) => j),
        ...rows.department!.flatMap((u, d) => (u.n === null ? [] : [occupied.flatMap((c, j) => (c === d ? [j] : []))])),
        ...rows.location!.flatMap((u) =>
          u.n === null ? [] : [occupied.flatMap((c, j) => (structure.department![c]?.location === u.value ? [j] : []))],
        ),
      ].filter((g) => g.length > 0);
      expect(
        smallComputableSets(
          occupied.map((j) => counts[j]!),
          groups,
          K,
        ),
        JSON.stringify(counts),
      ).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(1_000);
  });
});

describe("participation by department, role and location together", () => {
  it("leaves no department minus a role, or location minus a role, of 1..k−1 (all managers in one location)", () => {
    // North holds A (7: 5 managers, 2 staff); South holds B (8 staff). North minus the managers would be A's 2 staff.
    const units = withLocations({
      department: unitsFromEntries([
        { name: "A", location: "North" },
        { name: "B", location: "South" },
      ]),
      role: unitsFromNames(["manager", "staff"]),
    });
    const counted: CountedCell[] = [
      { department: "A", role: "manager", tenure: "", n: 5 },
      { department: "A", role: "staff", tenure: "", n: 2 },
      { department: "B", role: "staff", tenure: "", n: 8 },
    ];
    const rows = unitParticipation(counted, units, K);
    const shown = (d: "department" | "role" | "location", value: string) =>
      rows[d]!.find((u) => u.value === value)!.n !== null;
    expect(shown("location", "North") && shown("role", "manager") && !shown("role", "staff")).toBe(false);
    expect(shown("department", "A") && shown("role", "manager")).toBe(false);
    // Bands are not counted while a round runs.
    expect(rows.tenure).toBeUndefined();
  });

  it("never lets a reader compute 1..k−1 people from the counts of all three, over random rounds", () => {
    const random = seedrandom("live three ways");
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const departments = ["A", "B", "C", "D"].slice(0, 2 + Math.floor(random() * 3));
      const roles = ["manager", "staff", "lead"].slice(0, 2 + Math.floor(random() * 2));
      const units = withLocations({
        department: unitsFromEntries(departments.map((name) => ({ name, location: random() < 0.5 ? "N" : "S" }))),
        role: unitsFromNames(roles),
      });
      const cellsOf = departments.flatMap((department) =>
        roles.map((role) => ({ department, role, tenure: "", n: [0, 0, 1, 2, 3, 5, 8][Math.floor(random() * 7)]! })),
      );
      const occupied = cellsOf.filter((c) => c.n > 0);
      if (occupied.length > 14 || occupied.reduce((a, c) => a + c.n, 0) < K) continue;
      const rows = unitParticipation(cellsOf, units, K);
      const locationOf = (department: string) => units.department!.find((u) => u.value === department)!.location;
      const groups = [
        occupied.map((_, j) => j),
        ...(["department", "role", "location"] as const).flatMap((d) =>
          rows[d]!.flatMap((u) =>
            u.n === null
              ? []
              : [
                  occupied.flatMap((c, j) =>
                    (d === "location" ? locationOf(c.department) : c[d]) === u.value ? [j] : [],
                  ),
                ],
          ),
        ),
      ].filter((g) => g.length > 0);
      const counts = occupied.map((c) => c.n);
      expect(smallComputableSets(counts, groups, K)).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });
});
