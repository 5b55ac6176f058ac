import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import {
  type Conditions,
  type CountedCell,
  groupSize,
  heatmapUnits,
  sizedCells,
  sizeVerdict,
} from "../../src/domain/disclosure.js";
import { unitsFromNames } from "../../src/domain/units.js";

const cell = (department: string, role: string, n: number, tenure = "t"): CountedCell => ({
  department,
  role,
  tenure,
  n,
});
const departments = unitsFromNames(["A", "B", "C", "D"]);
const K = 5;

// A: 20 (front 12, back 8), B: 10 (front 6, back 4), C: 7 (front 7), D: 3 (management 3) — 40 in all.
const cells = [
  cell("A", "front", 12),
  cell("A", "back", 8),
  cell("B", "front", 6),
  cell("B", "back", 4),
  cell("C", "front", 7),
  cell("D", "management", 3),
];

describe("heatmap suppression", () => {
  it("hides a unit below k and, by the secondary rule, the next-smallest", () => {
    const rows = heatmapUnits(cells, "department", departments, {}, K);
    expect(rows.map((r) => [r.value, r.suppressed])).toEqual([
      ["A", false],
      ["B", false],
      ["C", true],
      ["D", true],
    ]);
  });

  it("keeps hiding until the hidden units together reach k", () => {
    const tiny = [cell("A", "front", 30), cell("B", "front", 1), cell("C", "front", 2), cell("D", "front", 9)];
    const rows = heatmapUnits(tiny, "department", departments, {}, K);
    // B (1) and C (2) are below k, together 3 < 5, so D (9) is hidden too.
    expect(rows.filter((r) => r.suppressed).map((r) => r.value)).toEqual(["B", "C", "D"]);
  });

  it("hides nothing when every unit reaches k and treats empty units as empty, not hidden", () => {
    const rows = heatmapUnits([cell("A", "front", 5), cell("B", "front", 6)], "department", departments, {}, K);
    expect(rows.map((r) => [r.value, r.n, r.suppressed])).toEqual([
      ["A", 5, false],
      ["B", 6, false],
      ["C", 0, false],
      ["D", 0, false],
    ]);
  });
});

describe("table-by-table suppression, where every plan starts", () => {
  it("total minus a filter: a filter whose rest of the campaign is below k is refused", () => {
    const almostAll = [cell("A", "front", 38), cell("A", "back", 2)];
    expect(sizeVerdict(almostAll, { role: "front" }, K)).toBe("difference_too_small");
    expect(sizeVerdict(almostAll, { role: "back" }, K)).toBe("too_small");
    expect(sizeVerdict(cells, { role: "front" }, K)).toBe("ok");
  });

  it("two overlapping filters: a combination differing from one filter alone by fewer than k is refused", () => {
    // A ∩ front = 12, A = 20 → difference 8: fine. B ∩ front = 6, B = 10 → difference 4 = B ∩ back: refused.
    expect(sizeVerdict(cells, { department: "A", role: "front" }, K)).toBe("ok");
    expect(sizeVerdict(cells, { department: "B", role: "front" }, K)).toBe("difference_too_small");
  });

  it("a filter plus the heatmap: a cell whose complement inside its unit is below k is hidden", () => {
    const rows = heatmapUnits(cells, "department", departments, { role: "front" }, K);
    const byUnit = Object.fromEntries(rows.map((r) => [r.value, r.suppressed]));
    // B ∩ front (6) would give B ∩ back (4) as B − B ∩ front; C stays hidden because it is hidden campaign-wide.
    expect(byUnit.B).toBe(true);
    expect(byUnit.C).toBe(true);
    // Secondary rule: hidden B and C (6 + 7) reach k, A stays visible.
    expect(byUnit.A).toBe(false);
    // D is hidden campaign-wide: it stays hidden here too although nobody in it is "front" —
    // a row of 0 would say D has no front-line staff.
    expect(groupSize(cells, { department: "D", role: "front" })).toBe(0);
    expect(byUnit.D).toBe(true);
    expect(groupSize(cells, { role: "front" })).toBe(25);
  });
});

describe("sizedCells", () => {
  it("gives every group the size a sum over the cells gives, on random structures", () => {
    const random = seedrandom("sized-cells");
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let trial = 0; trial < 50; trial++) {
      const departments = ["A", "B", "C", "null", 'x"y'].slice(0, 1 + Math.floor(random() * 5));
      const roles = ["r1", "r2", "r3"];
      const tenures = ["t1", "t2"];
      const cells: CountedCell[] = Array.from({ length: 1 + Math.floor(random() * 20) }, () => ({
        department: pick(departments),
        role: pick(roles),
        tenure: pick(tenures),
        n: Math.floor(random() * 9),
      }));
      const sized = sizedCells(cells);
      for (const department of [undefined, ...departments, "absent"])
        for (const role of [undefined, ...roles])
          for (const tenure of [undefined, ...tenures]) {
            const conditions: Conditions = {
              ...(department === undefined ? {} : { department }),
              ...(role === undefined ? {} : { role }),
              ...(tenure === undefined ? {} : { tenure }),
            };
            expect(sized.size(conditions)).toBe(groupSize(cells, conditions));
            expect(groupSize(sized, conditions)).toBe(groupSize(cells, conditions));
          }
    }
  });
});
