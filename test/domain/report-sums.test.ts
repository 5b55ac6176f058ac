/** The one-pass sums of a report equal the definition: each group combined from its own cells. */
import { describe, expect, it } from "vitest";
import type { Conditions } from "../../src/domain/disclosure.js";
import { combine, MANAGEMENT_ROLE, sumsFromCells, type CellStats, type Group } from "../../src/domain/report.js";
import { isLevelId } from "../../src/domain/levels.js";
import { DIMENSIONS } from "../../src/domain/units.js";

const DEPARTMENTS = ["Sales", "Service", "Legal"];
const ROLES = ["frontline", "back_office", MANAGEMENT_ROLE];
const TENURES = ["lt1", "gt10"];

/** A deterministic pseudo-random round of cells with level, climate and factor sums. */
function cells(seed: number): CellStats[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: CellStats[] = [];
  for (const department of DEPARTMENTS) {
    for (const role of ROLES) {
      for (const tenure of TENURES) {
        if (next() < 0.3) continue;
        const n = 1 + Math.floor(next() * 9);
        const sums = (scale: number) => ({ n, sum: n * scale, sumSq: n * scale * scale + next(), items: n * 4, favourable: Math.floor(next() * n * 4), unfavourable: Math.floor(next() * n) });
        out.push({ department, role, tenure, n, scales: { mission: sums(1 + next() * 4), values: sums(1 + next() * 4), "climate:mandate": sums(3) }, factors: { policy: { chosen: Math.floor(next() * n), most: 0 } } });
      }
    }
  }
  return out;
}

const levelsOnly = (g: Group) => [...g.scales.entries()].filter(([id]) => isLevelId(id));

describe("sumsFromCells", () => {
  it("equals combining each group's own cells, for many rounds, filters and heatmap dimensions", () => {
    const filters: Conditions[] = [{}, { department: "Sales" }, { role: "frontline" }, { department: "Service", tenure: "gt10" }, { role: MANAGEMENT_ROLE }];
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const round = cells(seed);
      for (const f of filters) {
        for (const dimension of [undefined, ...DIMENSIONS]) {
          const sums = sumsFromCells(round, f, dimension);
          const group = combine(round, f);
          expect(sums.group.n).toBe(group.n);
          expect([...sums.group.scales]).toEqual([...group.scales]);
          expect([...sums.group.factors]).toEqual([...group.factors]);
          const management = combine(round, { ...f, role: MANAGEMENT_ROLE });
          expect(sums.management === null ? 0 : sums.management.n).toBe(f.role && f.role !== MANAGEMENT_ROLE ? 0 : management.n);
          if (sums.management) expect([...sums.management.scales]).toEqual(levelsOnly(management));
          if (dimension) {
            for (const [value, unit] of sums.byUnit) {
              const expected = combine(round, { ...f, [dimension]: value });
              expect(unit.n).toBe(expected.n);
              expect([...unit.scales]).toEqual(levelsOnly(expected));
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("does not change the cells it adds up", () => {
    const round = cells(7);
    const before = JSON.stringify(round);
    sumsFromCells(round, {}, "department");
    combine(round, { role: "frontline" });
    expect(JSON.stringify(round)).toBe(before);
  });
});
