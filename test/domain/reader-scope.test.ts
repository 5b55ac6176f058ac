import { describe, expect, it } from "vitest";

import type { PlanView } from "../../src/domain/disclosure-plan.js";
import { scopedUnits, scopedView, withinScope } from "../../src/domain/reader-scope.js";

const scope = { department: ["Sales"] };
const view = (rows: PlanView["rows"]): PlanView => ({ group: "", rows, management: "role=management", comments: true });

describe("a reader's unit scope", () => {
  it("allows the round and the scope's own departments (with a role), nothing else", () => {
    expect(withinScope(scope, {})).toBe(true);
    expect(withinScope(scope, { department: "Sales" })).toBe(true);
    expect(withinScope(scope, { department: "Sales", role: "frontline" })).toBe(true);
    for (const f of [
      { department: "Legal" },
      { role: "frontline" },
      { tenure: "lt1" },
      { department: "Sales", tenure: "lt1" },
    ])
      expect(withinScope(scope, f)).toBe(false);
    expect(withinScope(null, { tenure: "lt1" })).toBe(true);
  });

  it("hides other departments' rows and organisation-wide breakdowns; leaves an unscoped view as it was", () => {
    const rows = [
      { value: "Sales", key: "department=Sales" },
      { value: "Legal", key: "department=Legal" },
    ];
    // At the round: no organisation-wide gap, and no round comments (minus their own department's, the others').
    expect(scopedView(view(rows), scope, {}, "department")).toEqual({
      ...view([rows[0]!, { value: "Legal", key: null }]),
      management: null,
      comments: false,
    });
    expect(scopedView(view([{ value: "frontline", key: "role=frontline" }]), scope, {}, "role").rows).toBeNull();
    const underSales = view([{ value: "frontline", key: "department=Sales&role=frontline" }]);
    expect(scopedView(underSales, scope, { department: "Sales" }, "role")).toEqual(underSales);
    expect(scopedView(view(rows), null, {}, "department")).toEqual(view(rows));
  });

  it("keeps counts of the scope's own departments only", () => {
    const units = {
      department: [
        { value: "Sales", n: 12 },
        { value: "Legal", n: 9 },
      ],
      role: [{ value: "frontline", n: 15 }],
    };
    expect(scopedUnits(units, scope)).toEqual({
      department: [
        { value: "Sales", n: 12 },
        { value: "Legal", n: null },
      ],
      role: [{ value: "frontline", n: null }],
    });
    expect(scopedUnits(units, null)).toBe(units);
  });
});
