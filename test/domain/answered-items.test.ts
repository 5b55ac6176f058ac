/**
 * Items some respondents left open (answered-items.ts): published over their answerers only where
 * neither those who answered nor those who left them open — in any group the plan shows, or any
 * combination — form a set of 1..k−1; checked on fixtures, and on random rounds by an independent
 * exhaustive search in exact arithmetic over what a reader could combine.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { answeredItems, type PatternCell, patternKey } from "../../src/domain/answered-items.js";
import { type CountedCell, matches } from "../../src/domain/disclosure.js";
import { buildPlan, type DisclosurePlan } from "../../src/domain/disclosure-plan.js";
import { DEFAULT_ROLES, DEFAULT_TENURE, unitsFromNames } from "../../src/domain/units.js";
import { smallComputableSets } from "../helpers/exact-span.js";

const OPTIONAL = ["x", "y", "z"];

/** A cell whose respondents left open the items named in each pattern ("" none, "x", "x,y" …). */
function cell(department: string, patterns: Record<string, number>, role = "frontline"): PatternCell {
  const byIndex = new Map<string, number>();
  for (const [names, n] of Object.entries(patterns)) {
    const open = names === "" ? [] : names.split(",").map((name) => OPTIONAL.indexOf(name));
    byIndex.set(patternKey(open.sort((a, b) => a - b)), n);
  }
  return { department, role, tenure: "1to5", patterns: byIndex };
}

const counted = (cells: readonly PatternCell[]): CountedCell[] =>
  cells.map((c) => ({
    department: c.department,
    role: c.role,
    tenure: c.tenure,
    n: [...c.patterns.values()].reduce((a, b) => a + b, 0),
  }));

function planOf(cells: readonly PatternCell[], breakdowns = true, k = 5): DisclosurePlan {
  const departments = [...new Set(cells.map((c) => c.department))];
  return buildPlan(
    counted(cells),
    { department: unitsFromNames(departments), role: DEFAULT_ROLES, tenure: DEFAULT_TENURE },
    {
      k,
      kComments: 10,
      breakdowns,
    },
  );
}

/** What the items' publication lets a reader combine: per shown group, its respondents split by which published items they left open. */
function readerRows(
  cells: readonly PatternCell[],
  plan: DisclosurePlan,
  published: { everywhere: string[]; roundOnly: string[] },
) {
  const sub: { cell: PatternCell; open: string[]; n: number }[] = [];
  for (const c of cells)
    for (const [key, n] of c.patterns) {
      if (n === 0) continue;
      const open = key === "" ? [] : key.split(",").map((i) => OPTIONAL[Number(i)]!);
      sub.push({ cell: c, open, n });
    }
  const rows: number[][] = [];
  plan.groups.forEach((g, gi) => {
    if (!g.shown) return;
    const items = new Set(gi === 0 ? [...published.everywhere, ...published.roundOnly] : published.everywhere);
    const parts = new Map<string, number[]>();
    sub.forEach((s, i) => {
      if (!matches(s.cell, g.conditions)) return;
      const key = s.open.filter((name) => items.has(name)).join(",");
      parts.set(key, [...(parts.get(key) ?? []), i]);
    });
    rows.push(...parts.values());
  });
  return { counts: sub.map((s) => s.n), rows };
}

describe("answeredItems on fixtures", () => {
  it("publishes an item when the round has k or more on both sides (one cell: every group is the round)", () => {
    const cells = [cell("Sales", { "": 14, x: 6 })];
    expect(answeredItems(cells, planOf(cells), OPTIONAL, ["x"])).toEqual({ everywhere: ["x"], roundOnly: [] });
  });

  it("publishes nothing of a round on an open link, whose k counts submissions anyone can invent", () => {
    const cells = [cell("Sales", { "": 14, x: 6 }), cell("Service", { "": 10, x: 10 })];
    expect(answeredItems(cells, planOf(cells, false), OPTIONAL, ["x"])).toEqual({ everywhere: [], roundOnly: [] });
  });

  it("publishes nothing when fewer than k left it open, or fewer than k answered it", () => {
    const few = [cell("Sales", { "": 16, x: 4 })];
    expect(answeredItems(few, planOf(few), OPTIONAL, ["x"])).toEqual({ everywhere: [], roundOnly: [] });
    const most = [cell("Sales", { "": 4, x: 16 })];
    expect(answeredItems(most, planOf(most), OPTIONAL, ["x"])).toEqual({ everywhere: [], roundOnly: [] });
  });

  it("publishes an item in every department when each department has none or k on both sides", () => {
    const cells = [cell("Sales", { "": 6, x: 5 }), cell("Service", { "": 10 }), cell("Finance", { "": 5, x: 5 })];
    const plan = planOf(cells);
    expect(plan.groups.filter((g) => g.shown).length).toBeGreaterThan(1);
    expect(answeredItems(cells, plan, OPTIONAL, ["x"])).toEqual({ everywhere: ["x"], roundOnly: [] });
  });

  it("keeps an item to the round when one department holds a single 'n.v.t.'", () => {
    const cells = [cell("Sales", { "": 9, x: 1 }), cell("Service", { "": 5, x: 5 }), cell("Finance", { "": 10 })];
    expect(answeredItems(cells, planOf(cells), OPTIONAL, ["x"])).toEqual({ everywhere: [], roundOnly: ["x"] });
  });

  it("judges items together: a second item left open by the same people plus one is refused", () => {
    // Six left x and y open; one more left only y open: y's figures beside x's would single that one out.
    const cells = [cell("Sales", { "": 13, "x,y": 6, y: 1 })];
    expect(answeredItems(cells, planOf(cells), OPTIONAL, ["x", "y"])).toEqual({ everywhere: ["x"], roundOnly: [] });
    // Without x published, y alone (seven left it open) is fine.
    expect(answeredItems(cells, planOf(cells), OPTIONAL, ["y"])).toEqual({ everywhere: ["y"], roundOnly: [] });
  });

  it("publishes nothing of a round the plan does not show", () => {
    const cells = [cell("Sales", { "": 2, x: 2 })];
    expect(answeredItems(cells, planOf(cells), OPTIONAL, ["x"])).toEqual({ everywhere: [], roundOnly: [] });
  });
});

describe("answeredItems on random rounds", () => {
  it("never lets a reader compute a set of 1..k−1, by an exhaustive search over what they can combine", () => {
    const random = seedrandom("answered-items");
    const int = (n: number) => Math.floor(random() * n);
    let published = 0;
    let checked = 0;
    for (let trial = 0; trial < 150; trial++) {
      const departments = ["A", "B", "C"].slice(0, 1 + int(3));
      const cells = departments.map((d) => {
        const patterns: Record<string, number> = { "": 3 + int(10) };
        for (const p of ["x", "y", "x,y", "z"]) if (random() < 0.5) patterns[p] = 1 + int(7);
        return cell(d, patterns);
      });
      const plan = planOf(cells, random() < 0.7);
      const result = answeredItems(cells, plan, OPTIONAL, OPTIONAL);
      published += result.everywhere.length + result.roundOnly.length;
      const { counts, rows } = readerRows(cells, plan, result);
      if (counts.length > 16) continue;
      checked += 1;
      expect(smallComputableSets(counts, rows, plan.k), `trial ${trial}`).toEqual([]);
    }
    expect(checked).toBeGreaterThan(100);
    // The search is not vacuous: items do get published.
    expect(published).toBeGreaterThan(20);
  });
});
