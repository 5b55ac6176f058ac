/**
 * The two-way audit (round, departments, roles, department × role cells; no third grouping)
 * against the independent exhaustive search in exact arithmetic, on random tables: it must call a
 * table safe exactly when no set of 1..k−1 respondents is computable, and name one that is; and
 * likewise with departments nested in locations, some of them shown.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { twoWayAuditSteps, type TwoWayCell, twoWayComputable } from "../../src/domain/two-way-audit.js";
import { allSteps } from "../../src/lib/steps.js";
import { smallComputableSets } from "../helpers/exact-span.js";

interface Table {
  cells: { department: number; role: number; n: number }[];
  shownDepartments: Set<number>;
  shownRoles: Set<number>;
  shownCells: Set<number>;
  /** Each department's location, where departments nest in locations, and the locations shown. */
  locations?: { of: number[]; shown: Set<number> };
}

function randomTable(random: () => number): Table {
  const departments = 2 + Math.floor(random() * 4);
  const roles = 2 + Math.floor(random() * 3);
  const cells = [];
  for (let department = 0; department < departments; department++)
    for (let role = 0; role < roles; role++)
      if (random() < 0.75) cells.push({ department, role, n: 1 + Math.floor(random() * 6) });
  const pick = (count: number, p: number) => new Set([...Array(count).keys()].filter(() => random() < p));
  return {
    cells,
    shownDepartments: pick(departments, 0.75),
    shownRoles: pick(roles, 0.75),
    shownCells: pick(cells.length, 0.3),
  };
}

/** What a reader combines, as the exhaustive search takes it: each shown group as the indices of its cells. */
function groupsOf({ cells, shownDepartments, shownRoles, shownCells, locations }: Table): number[][] {
  const where = (test: (c: Table["cells"][number], i: number) => boolean) =>
    cells.flatMap((c, i) => (test(c, i) ? [i] : []));
  return [
    where(() => true),
    ...[...shownDepartments].map((d) => where((c) => c.department === d)),
    ...[...shownRoles].map((r) => where((c) => c.role === r)),
    ...[...shownCells].map((i) => [i]),
    ...[...(locations?.shown ?? [])].map((l) => where((c) => locations?.of[c.department] === l)),
  ].filter((g) => g.length > 0);
}

function twoWayCells({ cells, shownDepartments, shownRoles, shownCells, locations }: Table): TwoWayCell[] {
  return cells.map((c, i) => {
    const location = locations?.of[c.department];
    return {
      department: shownDepartments.has(c.department) ? c.department : null,
      role: shownRoles.has(c.role) ? c.role : null,
      cross: shownCells.has(i) ? i : null,
      location: location !== undefined && locations?.shown.has(location) ? location : null,
      n: c.n,
    };
  });
}

/** A random table whose departments lie in 1..3 locations, about two in three of them shown. */
function randomNestedTable(random: () => number): Table {
  const table = randomTable(random);
  const departments = Math.max(0, ...table.cells.map((c) => c.department)) + 1;
  const count = 1 + Math.floor(random() * 3);
  const of = Array.from({ length: departments }, () => Math.floor(random() * count));
  const shown = new Set([...Array(count).keys()].filter(() => random() < 0.65));
  return { ...table, locations: { of, shown } };
}

/** Random tables of 1..maxCells occupied cells from `tries` draws, each with the generator that drew it (for the test's own draws). */
function* randomTables(seed: string, tries: number, maxCells: number, draw = randomTable) {
  const random = seedrandom(seed);
  for (let i = 0; i < tries; i++) {
    const table = draw(random);
    if (table.cells.length > 0 && table.cells.length <= maxCells) yield { table, random };
  }
}

describe("twoWayAuditSteps", () => {
  it.each([
    ["departments and roles", randomTable, "two-way"],
    ["departments nested in locations", randomNestedTable, "nested"],
  ])(
    "agrees with the exhaustive search on random tables (%s), and names a set that really is computable",
    (_, draw, seed) => {
      let safe = 0;
      let throughHidden = 0;
      for (const { table, random } of randomTables(seed, 1_000, 14, draw)) {
        const k = 3 + Math.floor(random() * 3);
        const exact = smallComputableSets(
          table.cells.map((c) => c.n),
          groupsOf(table),
          k,
        );
        const result = allSteps(twoWayAuditSteps(twoWayCells(table), k));
        expect(
          result.safe,
          JSON.stringify({
            table: {
              ...table,
              locations: table.locations && { of: table.locations.of, shown: [...table.locations.shown] },
              shownDepartments: [...table.shownDepartments],
              shownRoles: [...table.shownRoles],
              shownCells: [...table.shownCells],
            },
            k,
          }),
        ).toBe(exact.length === 0);
        if (result.safe) safe++;
        else {
          const found = [...result.cells!].sort((a, b) => a - b);
          expect(exact.map((s) => [...s].sort((a, b) => a - b).join())).toContain(found.join());
          expect(twoWayComputable(twoWayCells(table), new Set(found))).toBe(true);
          if (found.every((c) => !table.shownCells.has(c))) throughHidden++;
        }
      }
      // Both answers are exercised, and most unsafe tables through hidden cells, not a small shown one.
      expect(throughHidden).toBeGreaterThan(100);
      expect(safe).toBeGreaterThan(100);
    },
  );

  it("skips cells already proven, and proves the cells of a safe table", () => {
    // Two departments and two roles, every cell 3 of k = 5, only the margins shown: each margin is 6.
    const cells = [0, 1].flatMap((department) => [0, 1].map((role) => ({ department, role, cross: null, n: 3 })));
    expect(allSteps(twoWayAuditSteps(cells, 5))).toEqual({ safe: true });
    const proven = new Set<number>();
    allSteps(twoWayAuditSteps(cells, 5, proven));
    expect([...proven].sort()).toEqual([0, 1, 2, 3]);
    // With k = 7 a margin of 6 is computable; a proof claimed for every cell silences the audit.
    expect(allSteps(twoWayAuditSteps(cells, 7)).safe).toBe(false);
    expect(allSteps(twoWayAuditSteps(cells, 7, new Set([0, 1, 2, 3])))).toEqual({ safe: true });
  });
});

describe("twoWayComputable", () => {
  it.each([
    ["departments and roles", randomTable, "computable"],
    ["departments nested in locations", randomNestedTable, "computable-nested"],
  ])("agrees with the exhaustive search on whether a given set is computable (%s)", (_, draw, seed) => {
    let yes = 0;
    let no = 0;
    for (const { table, random } of randomTables(seed, 300, 12, draw)) {
      // k above every set: the exhaustive search lists every computable set of hidden cells.
      const all = new Set(
        smallComputableSets(
          table.cells.map((c) => c.n),
          groupsOf(table),
          1_000,
        ).map((s) => [...s].sort((a, b) => a - b).join()),
      );
      const hidden = table.cells.flatMap((_, j) => (table.shownCells.has(j) ? [] : [j]));
      const set = hidden.filter(() => random() < 0.5);
      if (set.length === 0) continue;
      const expected = all.has(set.join());
      expect(twoWayComputable(twoWayCells(table), new Set(set))).toBe(expected);
      if (expected) yes++;
      else no++;
    }
    expect(yes).toBeGreaterThan(20);
    expect(no).toBeGreaterThan(20);
  });
});
