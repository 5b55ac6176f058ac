/**
 * The disclosure plan and its audit: the attacks a manager tried, as fixtures, and randomised
 * unit structures, each checked by an independent exhaustive search in exact arithmetic.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { type Conditions, type CountedCell, groupSize, matches } from "../../src/domain/disclosure.js";
import { auditPlan, MAX_AUDIT_ENTRIES } from "../../src/domain/disclosure-audit.js";
import { buildPlan, type DisclosurePlan, groupKey, planSteps, planView } from "../../src/domain/disclosure-plan.js";
import { liveGroups } from "../../src/domain/participation.js";
import {
  type CampaignUnits,
  DEFAULT_ROLES,
  DEFAULT_TENURE,
  departmentLocation,
  unitsFromEntries,
  unitsFromNames,
  withLocations,
} from "../../src/domain/units.js";
import { smallComputableSets } from "../helpers/exact-span.js";

const cell = (department: string, role: string, n: number, tenure = "1to5"): CountedCell => ({
  department,
  role,
  tenure,
  n,
});
const unitsFor = (cells: readonly CountedCell[]): CampaignUnits => ({
  department: unitsFromNames([...new Set(cells.map((c) => c.department))]),
  role: DEFAULT_ROLES,
  tenure: DEFAULT_TENURE,
});
const plan = (cells: readonly CountedCell[], k = 5, breakdowns = true) =>
  buildPlan(cells, unitsFor(cells), { k, kComments: 10, breakdowns });

/** The occupied cells and, per shown group, the indices of its cells: what a reader can combine. */
function published(cells: readonly CountedCell[], p: DisclosurePlan) {
  const occupied = cells.filter((c) => c.n > 0);
  const groups = p.groups
    .filter((g) => g.shown)
    .map((g) => occupied.flatMap((c, i) => (matches(c, g.conditions) ? [i] : [])));
  return { counts: occupied.map((c) => c.n), groups };
}

/** Exhaustive and exact: no set of 1..k−1 respondents can be computed from the plan's shown groups. */
function expectNothingSmallComputable(cells: readonly CountedCell[], p: DisclosurePlan) {
  const { counts, groups } = published(cells, p);
  expect(counts.length).toBeLessThanOrEqual(16); // exhaustive search: keep fixtures small
  expect(smallComputableSets(counts, groups, p.k)).toEqual([]);
}

const shownKeys = (p: DisclosurePlan) => p.groups.filter((g) => g.shown).map((g) => g.key);

describe("the attacks, as fixtures", () => {
  // Legal has 82 people and one manager; management is shown campaign-wide (14 managers in all).
  const legal = [
    cell("Legal", "frontline", 50),
    cell("Legal", "back_office", 31),
    cell("Legal", "management", 1),
    cell("Sales", "frontline", 30),
    cell("Sales", "management", 6),
    cell("Service", "frontline", 25),
    cell("Service", "back_office", 10),
    cell("Service", "management", 7),
  ];

  it("a department minus its allowed roles, or a role minus its allowed departments, never leaves the only manager", () => {
    const p = plan(legal);
    expect(shownKeys(p)).toContain(groupKey({ department: "Legal" }));
    expect(shownKeys(p)).not.toContain(groupKey({ department: "Legal", role: "management" }));
    // The naive rule failed here: management (14) − Sales managers (6) − Service managers (7) = 1.
    expect(legal.filter((c) => c.role === "management").reduce((n, c) => n + c.n, 0) - 6 - 7).toBe(1);
    expectNothingSmallComputable(legal, p);
  });

  it("the same round without the plan's audit gives the manager away: the fixture is a real attack", () => {
    const p = plan(legal);
    const withoutAudit = {
      ...p,
      groups: p.groups.map((g) => ({
        ...g,
        shown:
          g.shown ||
          (g.key !== groupKey({ department: "Legal", role: "management" }) && groupSize(legal, g.conditions) >= 5),
      })),
    };
    const { counts, groups } = published(legal, withoutAudit);
    expect(smallComputableSets(counts, groups, 5).length).toBeGreaterThan(0);
  });

  it("siblings summed across tables: cells hidden only by secondary suppression in another view stay hidden", () => {
    const round = [
      cell("A", "frontline", 6),
      cell("A", "back_office", 3),
      cell("A", "team_lead", 6),
      cell("B", "frontline", 7),
      cell("B", "back_office", 2),
      cell("B", "team_lead", 5),
      cell("C", "frontline", 9),
      cell("C", "team_lead", 1),
    ];
    expectNothingSmallComputable(round, plan(round));
  });

  it("a union of hidden units is never fewer than k: the total minus the shown units", () => {
    const round = [
      cell("A", "frontline", 30),
      cell("B", "frontline", 2),
      cell("C", "frontline", 2),
      cell("D", "frontline", 8),
    ];
    const p = plan(round);
    const shownUnits = p.groups.filter(
      (g) => g.shown && g.conditions.department !== undefined && g.conditions.role === undefined,
    );
    const rest = groupSize(round, {}) - shownUnits.reduce((n, g) => n + g.n!, 0);
    expect(rest === 0 || rest >= 5).toBe(true);
    expectNothingSmallComputable(round, p);
  });

  it("hidden units stay hidden whatever their n: no group is shown empty, and no hidden group carries a count", () => {
    const round = [
      cell("A", "frontline", 12),
      cell("A", "back_office", 8),
      cell("B", "frontline", 6),
      cell("D", "management", 3),
    ];
    const p = plan(round);
    expect(p.groups.filter((g) => g.shown).every((g) => g.n! > 0)).toBe(true);
    expect(p.groups.filter((g) => !g.shown).every((g) => g.n === null)).toBe(true);
    // D has nobody in three roles: none of its rows is shown, so its make-up is not told.
    expect(p.groups.filter((g) => g.conditions.department === "D" && g.shown)).toEqual([]);
  });

  it("an open-link round publishes the round as a whole only, whatever its size", () => {
    const p = plan(legal, 5, false);
    expect(shownKeys(p)).toEqual([""]);
    expect(p.breakdowns).toBe(false);
    expect(planView(p, unitsFor(legal), { department: "Legal" })).toEqual({ ok: false, reason: "campaign_level_only" });
    const whole = planView(p, unitsFor(legal), {}, "department");
    expect(whole.ok && whole.view.rows).toBe(null);
  });

  it("a round below k publishes nothing, not even comments", () => {
    const p = plan([cell("A", "frontline", 4)]);
    expect(shownKeys(p)).toEqual([]);
    expect(p.comments).toEqual([]);
    expect(planView(p, {}, {})).toEqual({ ok: false, reason: "too_small" });
  });
});

describe("comments in the plan", () => {
  const round = [
    cell("A", "frontline", 12),
    cell("A", "back_office", 8),
    cell("B", "frontline", 6),
    cell("B", "back_office", 6),
    cell("C", "frontline", 7),
    cell("D", "management", 3),
  ];

  it("are listed for the round and single departments with kComments or more, never for a role or a combination", () => {
    const p = plan(round);
    expect(p.comments).toContain("");
    expect(p.comments).toContain(groupKey({ department: "A" }));
    for (const key of p.comments) {
      const g = p.groups.find((x) => x.key === key)!;
      expect(Object.keys(g.conditions).filter((d) => d !== "department")).toEqual([]);
      expect(g.n!).toBeGreaterThanOrEqual(10);
    }
  });

  it("leave the departments without a list at none or kComments together: the round's list minus the shown lists", () => {
    for (const r of [round, [cell("A", "frontline", 30), cell("B", "frontline", 12), cell("C", "frontline", 4)]]) {
      const p = plan(r);
      const listed = p.comments
        .filter((key) => key !== "")
        .reduce((n, key) => n + p.groups.find((g) => g.key === key)!.n!, 0);
      const rest = groupSize(r, {}) - listed;
      expect(rest === 0 || rest >= 10).toBe(true);
    }
  });
});

describe("planView: a filter is choosing a group of the plan", () => {
  const round = [
    cell("A", "frontline", 12),
    cell("A", "management", 8),
    cell("B", "frontline", 16),
    cell("B", "management", 6),
  ];
  const units = unitsFor(round);
  const p = plan(round);

  it("serves the round, a unit and a department × role cell, with the management group where it is shown", () => {
    const whole = planView(p, units, {}, "department");
    expect(whole.ok && whole.view.rows!.map((r) => r.key)).toEqual([
      groupKey({ department: "A" }),
      groupKey({ department: "B" }),
    ]);
    expect(whole.ok && whole.view.management).toBe(groupKey({ role: "management" }));
    const underA = planView(p, units, { department: "A" }, "role");
    expect(underA.ok && underA.view.management).toBe(groupKey({ department: "A", role: "management" }));
    expect(underA.ok && underA.view.rows!.find((r) => r.value === "frontline")!.key).toBe(
      groupKey({ department: "A", role: "frontline" }),
    );
  });

  it("refuses a combination that is not a table of the plan, and shows no breakdown that is not one", () => {
    expect(planView(p, units, { department: "A", tenure: "1to5" })).toEqual({ ok: false, reason: "not_offered" });
    const tenureUnderA = planView(p, units, { department: "A" }, "tenure");
    expect(tenureUnderA.ok && tenureUnderA.view.rows).toBe(null);
    const roleUnderRole = planView(p, units, { role: "frontline" }, "role");
    expect(roleUnderRole.ok && roleUnderRole.view.rows).toBe(null);
  });

  it("refuses a group the plan hides", () => {
    const hidden = p.groups.find((g) => !g.shown && g.conditions.department !== undefined)!;
    expect(planView(p, units, hidden.conditions)).toEqual({ ok: false, reason: "hidden_unit" });
  });
});

/** A random round: a few departments, roles and tenures, many small and empty cells. */
function randomRound(random: () => number): CountedCell[] {
  const departments = ["A", "B", "C"].slice(0, 2 + Math.floor(random() * 2));
  const roles = ["frontline", "back_office", "management"].slice(0, 2 + Math.floor(random() * 2));
  const tenures = ["lt1", "gt10"].slice(0, 1 + Math.floor(random() * 2));
  const sizes = [0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 20];
  return departments.flatMap((d) =>
    roles.flatMap((r) => tenures.map((t) => cell(d, r, sizes[Math.floor(random() * sizes.length)]!, t))),
  );
}

describe("randomised unit structures", () => {
  it("no plan lets anyone compute a group of 1..k−1 respondents (exact, exhaustive check)", () => {
    const random = seedrandom("plans");
    let checked = 0;
    let withBreakdowns = 0;
    for (let i = 0; i < 300; i++) {
      const round = randomRound(random);
      if (round.filter((c) => c.n > 0).length > 14) continue;
      const k = random() < 0.5 ? 3 : 5;
      const p = plan(round, k);
      expectNothingSmallComputable(round, p);
      checked++;
      if (shownKeys(p).length > 1) withBreakdowns++;
    }
    expect(checked).toBeGreaterThan(150);
    // The audit hides what it must, not everything: most rounds keep breakdowns.
    expect(withBreakdowns).toBeGreaterThan(checked / 2);
  });

  it("a round without a third grouping (the two-way audit) lets nobody compute 1..k−1 either, and keeps cells", () => {
    const random = seedrandom("two-way plans");
    let checked = 0;
    let withCells = 0;
    for (let i = 0; i < 300; i++) {
      const departments = ["A", "B", "C", "D"].slice(0, 2 + Math.floor(random() * 3));
      const roles = ["frontline", "back_office", "team_lead", "management"].slice(0, 2 + Math.floor(random() * 3));
      const sizes = [0, 1, 1, 2, 3, 4, 5, 6, 8, 12];
      const round = departments.flatMap((d) =>
        roles.map((r) => cell(d, r, sizes[Math.floor(random() * sizes.length)]!)),
      );
      if (round.filter((c) => c.n > 0).length > 14) continue;
      const k = random() < 0.5 ? 3 : 5;
      const p = buildPlan(
        round,
        { department: unitsFromNames(departments), role: unitsFromNames(roles), tenure: [] },
        { k, kComments: 10, breakdowns: true },
      );
      expectNothingSmallComputable(round, p);
      checked++;
      if (p.groups.some((g) => g.shown && g.conditions.department && g.conditions.role)) withCells++;
    }
    expect(checked).toBeGreaterThan(150);
    expect(withCells).toBeGreaterThan(checked / 4);
  });

  it("departments nested in locations: no plan lets anyone compute 1..k−1, with a third grouping or without", () => {
    const random = seedrandom("nested plans");
    let checked = 0;
    let withLocation = 0;
    for (let i = 0; i < 400; i++) {
      const departments = ["A", "B", "C", "D", "E"].slice(0, 2 + Math.floor(random() * 4));
      const roles = ["frontline", "back_office", "management"].slice(0, 2 + Math.floor(random() * 2));
      const tenures = random() < 0.5 ? ["1to5"] : ["lt1", "gt10"];
      const sizes = [0, 1, 1, 2, 3, 4, 5, 6, 8, 12];
      const units = withLocations({
        department: unitsFromEntries(
          departments.map((name) => ({ name, location: random() < 0.5 ? "North" : "South" })),
        ),
        role: unitsFromNames(roles),
        tenure: tenures.length > 1 ? unitsFromNames(tenures) : [],
      });
      const locationOf = departmentLocation(units);
      const round = departments.flatMap((d) =>
        roles.flatMap((r) =>
          tenures.map((t) => ({
            ...cell(d, r, sizes[Math.floor(random() * sizes.length)]!, t),
            location: locationOf(d)!,
          })),
        ),
      );
      if (round.filter((c) => c.n > 0).length > 14) continue;
      const k = random() < 0.5 ? 3 : 5;
      const p = buildPlan(round, units, { k, kComments: 10, breakdowns: true });
      expectNothingSmallComputable(round, p);
      checked++;
      if (p.groups.some((g) => g.shown && g.conditions.location !== undefined)) withLocation++;
    }
    expect(checked).toBeGreaterThan(150);
    // Locations are published where they can be, not given up.
    expect(withLocation).toBeGreaterThan(checked / 4);
  });

  it("audited with the last live counts (fixed), the release and those counts together leave nothing small", () => {
    // Attacked: North (Poli 4 + Zorg 6) = 10 read live just before closing; the release showed Zorg:
    // Poli = 10 − 6. The release now audits its groups with the counts the round showed.
    const random = seedrandom("release after live counts");
    let checked = 0;
    let withLive = 0;
    for (let i = 0; i < 300; i++) {
      const departments = ["Poli", "Zorg", "Lab", "Keuken", "Solo"].slice(0, 3 + Math.floor(random() * 3));
      const units = withLocations({
        department: unitsFromEntries(
          departments.map((name) => ({ name, location: ["Noord", "Zuid", "Oost"][Math.floor(random() * 3)]! })),
        ),
        role: unitsFromNames(["frontline", "management"]),
        tenure: [],
      });
      const locationOf = departmentLocation(units);
      const round = departments.flatMap((d) =>
        ["frontline", "management"].map((r) => ({
          ...cell(d, r, [0, 1, 2, 4, 5, 6, 10][Math.floor(random() * 7)]!),
          location: locationOf(d)!,
        })),
      );
      if (round.filter((c) => c.n > 0).length > 12) continue;
      const k = 5;
      const fixed = liveGroups(round, units, k);
      const p = buildPlan(round, units, { k, kComments: 10, breakdowns: true, fixed });
      const occupied = round.filter((c) => c.n > 0);
      const groups = [...p.groups.filter((g) => g.shown).map((g) => g.conditions), ...fixed].map((conditions) =>
        occupied.flatMap((c, j) => (matches(c, conditions) ? [j] : [])),
      );
      const counts = occupied.map((c) => c.n);
      expect(smallComputableSets(counts, groups, k)).toEqual([]);
      checked++;
      if (fixed.length > 0) withLive++;
    }
    expect(checked).toBeGreaterThan(150);
    expect(withLive).toBeGreaterThan(checked / 2);
  });

  it("a location minus its shown departments never leaves a small one", () => {
    // North = A (10) + B (2): showing North and A would give B's two away.
    const units = withLocations({
      department: unitsFromEntries([
        { name: "A", location: "North" },
        { name: "B", location: "North" },
        { name: "C", location: "South" },
        { name: "D", location: "South" },
      ]),
      role: unitsFromNames(["frontline"]),
      tenure: [],
    });
    const round = [
      { ...cell("A", "frontline", 10), location: "North" },
      { ...cell("B", "frontline", 2), location: "North" },
      { ...cell("C", "frontline", 9), location: "South" },
      { ...cell("D", "frontline", 8), location: "South" },
    ];
    const p = buildPlan(round, units, { k: 5, kComments: 10, breakdowns: true });
    expectNothingSmallComputable(round, p);
    const shown = shownKeys(p);
    // North has 12 and A 10, each shown alone by the table-by-table rules: the audit lets one go.
    expect(
      [groupKey({ department: "A" }), groupKey({ location: "North" })].filter((key) => shown.includes(key)),
    ).toHaveLength(1);
    expect(shown).toContain(groupKey({ location: "South" }));
    // planView serves a location's heatmap rows, and a location's departments from their own groups.
    const byLocation = planView(p, units, {}, "location");
    expect(byLocation.ok && byLocation.view.rows).toEqual([
      { value: "North", key: shown.includes("location=North") ? "location=North" : null },
      { value: "South", key: "location=South" },
    ]);
    const south = planView(p, units, { location: "South" }, "department");
    expect(south.ok && south.view.rows).toEqual([
      { value: "C", key: shown.includes("department=C") ? "department=C" : null },
      { value: "D", key: shown.includes("department=D") ? "department=D" : null },
    ]);
    // A location with a department is no group of the plan.
    expect(planView(p, units, { location: "South", department: "C" })).toEqual({ ok: false, reason: "not_offered" });
  });

  it("one respondent outside the role list is hidden by hiding a role, not the department × role table cell by cell", () => {
    // Round minus both roles is the one person whose role is not on the list.
    const round = [
      ...["A", "B", "C", "D", "E", "F"].flatMap((d) => ["frontline", "back_office"].map((r) => cell(d, r, 6))),
      cell("A", "", 1),
    ];
    const units = {
      department: unitsFromNames(["A", "B", "C", "D", "E", "F"]),
      role: unitsFromNames(["frontline", "back_office"]),
      tenure: [],
    };
    const p = buildPlan(round, units, { k: 5, kComments: 10, breakdowns: true });
    expectNothingSmallComputable(round, p);
    const shown = (test: (c: Conditions) => boolean) => p.groups.filter((g) => g.shown && test(g.conditions)).length;
    expect(shown((c) => c.role !== undefined && c.department === undefined)).toBe(1);
    expect(shown((c) => c.department !== undefined && c.role !== undefined)).toBeGreaterThanOrEqual(10);
  });

  it("a round whose every cell has k or more shows every group", () => {
    const random = seedrandom("large cells");
    for (let i = 0; i < 50; i++) {
      const round = randomRound(random).map((c) => ({ ...c, n: 5 + Math.floor(random() * 20) }));
      const p = plan(round);
      expect(p.groups.filter((g) => !g.shown && groupSize(round, g.conditions) > 0)).toEqual([]);
    }
  });

  it("the audit agrees with the exhaustive search on arbitrary groups, and names a set that really is computable", () => {
    const random = seedrandom("audit");
    let unsafe = 0;
    for (let i = 0; i < 400; i++) {
      const width = 2 + Math.floor(random() * 10);
      const counts = Array.from({ length: width }, () => 1 + Math.floor(random() * 7));
      const groups = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        [...Array(width).keys()].filter(() => random() < 0.5),
      ).filter((g) => g.length > 0);
      const k = 3 + Math.floor(random() * 4);
      const exact = smallComputableSets(counts, groups, k);
      const result = auditPlan(counts, groups, k);
      expect(result.safe).toBe(exact.length === 0);
      if (!result.safe) {
        unsafe++;
        expect(exact.map((s) => s.join())).toContain(result.cells!.join());
      }
    }
    expect(unsafe).toBeGreaterThan(50);
  });

  it("an audit that runs out of budget calls the plan unprovable, and the plan then hides more until it is proven", () => {
    const counts = [1, 1, 1, 1];
    expect(
      auditPlan(
        counts,
        [
          [0, 1],
          [1, 2],
          [2, 3],
        ],
        5,
        0,
      ),
    ).toEqual({ safe: false, cells: null });
    const random = seedrandom("large");
    const departments = unitsFromNames(Array.from({ length: 16 }, (_, i) => `D${i}`));
    const round = departments.flatMap((d) =>
      DEFAULT_ROLES.flatMap((r) =>
        DEFAULT_TENURE.map((t) => cell(d.value, r.value, Math.floor(random() * random() * 9), t.value)),
      ),
    );
    const p = buildPlan(
      round,
      { department: departments, role: DEFAULT_ROLES, tenure: DEFAULT_TENURE },
      { k: 5, kComments: 10, breakdowns: true },
    );
    const { counts: n, groups } = published(round, p);
    expect(auditPlan(n, groups, 5)).toEqual({ safe: true });
    expect(shownKeys(p).length).toBeGreaterThan(16);
  });
});

describe("tables given up whole", () => {
  it("are named in the plan, and none of their groups is shown; a small structure gives up none", () => {
    const random = seedrandom("withheld");
    const departments = Array.from({ length: 150 }, (_, i) => `D${i}`);
    const roles = Array.from({ length: 12 }, (_, i) => `R${i}`);
    const counts = new Map<string, CountedCell>();
    for (let i = 0; i < 20_000; i++) {
      const c = cell(
        departments[Math.floor(random() * 150)]!,
        roles[Math.floor(random() ** 2 * 12)]!,
        1,
        `T${Math.floor(random() * 5)}`,
      );
      const key = `${c.department}|${c.role}|${c.tenure}`;
      const held = counts.get(key);
      if (held) held.n += 1;
      else counts.set(key, c);
    }
    const cells = [...counts.values()];
    const p = buildPlan(
      cells,
      {
        department: unitsFromNames(departments),
        role: unitsFromNames(roles),
        tenure: unitsFromNames(["T0", "T1", "T2", "T3", "T4"]),
      },
      { k: 5, kComments: 10, breakdowns: true },
    );
    // The general audit cannot prove the three groupings together; without the third, the two-way
    // audit proves the department × role table, which stays: only its too-small cells are hidden.
    expect(p.withheld).toEqual(["tenure"]);
    const shownCells = p.groups.filter((g) => g.shown && g.conditions.department && g.conditions.role);
    expect(shownCells.length).toBeGreaterThan(100);
    for (const g of shownCells) expect(groupSize(cells, g.conditions)).toBeGreaterThanOrEqual(5);
    const inTable = {
      department_role: (c: Conditions) => c.department !== undefined && c.role !== undefined,
      tenure: (c: Conditions) => c.tenure !== undefined,
      role: (c: Conditions) => c.role !== undefined,
      department: (c: Conditions) => c.department !== undefined,
    };
    for (const table of p.withheld ?? [])
      expect(
        p.groups.filter((g) => g.shown && inTable[table](g.conditions)),
        table,
      ).toEqual([]);
    // What is left is safe and still shows the departments.
    expect(
      p.groups.some((g) => g.shown && g.conditions.department !== undefined && g.conditions.role === undefined),
    ).toBe(true);
    expect(
      plan([cell("Sales", "frontline", 12), cell("Service", "frontline", 9), cell("Service", "management", 6)])
        .withheld,
    ).toBeUndefined();
  });
});

describe("the audit's memory bound", () => {
  it("calls a plan past MAX_AUDIT_ENTRIES unprovable without building its matrix; one within it gets its answer", () => {
    // Each group one cell of one person: plainly unsafe, and the audit says which cell when it may look.
    const width = 2_000;
    const oneEach = (groups: number) => Array.from({ length: groups }, (_, i) => [i % width]);
    const counts = new Array<number>(width).fill(1);
    const within = Math.floor(MAX_AUDIT_ENTRIES / width);
    expect(auditPlan(counts, oneEach(within), 5)).toEqual({ safe: false, cells: [0] });
    expect(auditPlan(counts, oneEach(within + 1), 5)).toEqual({ safe: false, cells: null });
  });
});

describe("planSteps", () => {
  it("makes the plan buildPlan makes, yielding between its audits", () => {
    const cells = [
      cell("Sales", "frontline", 12),
      cell("Sales", "management", 1),
      cell("Service", "frontline", 9),
      cell("Service", "management", 6),
    ];
    const steps = planSteps(cells, unitsFor(cells), { k: 5, kComments: 10, breakdowns: true });
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields += 1;
    expect(yields).toBeGreaterThanOrEqual(2);
    expect(next.value).toEqual(plan(cells));
  });
});
