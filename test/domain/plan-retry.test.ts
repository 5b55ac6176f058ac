/**
 * A table given up whole and tried again (disclosure-plan.ts): with the general audit made to run
 * out of budget on all but tiny plans, every plan goes through giving tables up and retrying them
 * under the two-way audit — and none may let anyone compute 1..k−1 respondents (exhaustive check).
 */
import seedrandom from "seedrandom";
import { describe, expect, it, vi } from "vitest";

import type { CountedCell } from "../../src/domain/disclosure.js";
import { matches } from "../../src/domain/disclosure.js";
import type * as Audit from "../../src/domain/disclosure-audit.js";
import { buildPlan } from "../../src/domain/disclosure-plan.js";
import { unitsFromNames } from "../../src/domain/units.js";
import { smallComputableSets } from "../helpers/exact-span.js";

vi.mock("../../src/domain/disclosure-audit.js", async (original) => {
  const real = await original<typeof Audit>();
  return {
    ...real,
    // Out of budget past five columns: the plan must give tables up and retry them.
    *auditSteps(counts: readonly number[], groups: readonly (readonly number[])[], k: number) {
      if (counts.length > 5) return { safe: false as const, cells: null };
      return yield* real.auditSteps(counts, groups, k);
    },
  };
});

describe("tables given up and tried again", () => {
  it("leave no set of 1..k−1 respondents computable, and keep department × role cells where they can", () => {
    const random = seedrandom("retry");
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    let retried = 0;
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const departments = ["A", "B", "C"].slice(0, 2 + Math.floor(random() * 2));
      const roles = ["frontline", "back_office", "management"].slice(0, 2 + Math.floor(random() * 2));
      const tenure = ["lt1", "gt10"];
      const round: CountedCell[] = departments.flatMap((department) =>
        roles.flatMap((role) =>
          tenure.map((t) => ({ department, role, tenure: t, n: pick([0, 1, 2, 3, 5, 6, 8, 12]) })),
        ),
      );
      const occupied = round.filter((c) => c.n > 0);
      if (occupied.length > 14) continue;
      const k = pick([3, 5]);
      const units = {
        department: unitsFromNames(departments),
        role: unitsFromNames(roles),
        tenure: unitsFromNames(tenure),
      };
      const p = buildPlan(round, units, { k, kComments: 10, breakdowns: true });
      const groups = p.groups
        .filter((g) => g.shown)
        .map((g) => occupied.flatMap((c, j) => (matches(c, g.conditions) ? [j] : [])));
      expect(
        smallComputableSets(
          occupied.map((c) => c.n),
          groups,
          k,
        ),
      ).toEqual([]);
      checked++;
      if (
        p.withheld?.includes("tenure") &&
        p.groups.some((g) => g.shown && g.conditions.role && g.conditions.department)
      )
        retried++;
    }
    expect(checked).toBeGreaterThan(150);
    // The retry path is taken, not skipped: tenure given up, the department × role table kept.
    expect(retried).toBeGreaterThan(20);
  });
});
