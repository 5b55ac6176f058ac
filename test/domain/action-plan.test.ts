/** After the results, as pure rules: who edits, what a plan starts from, which earlier plan a round is read against, and what the staff summary holds. */
import { describe, expect, it } from "vitest";

import {
  changedFields,
  focusOf,
  isDueDate,
  mayEditPlan,
  movesSince,
  orderedFocus,
  type PlanAction,
  previousPlanRound,
} from "../../src/domain/action-plan.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { emptyStats } from "../../src/domain/release.js";
import { buildReport, groupOf } from "../../src/domain/report.js";
import { staffSummary } from "../../src/domain/staff-summary.js";

describe("who may change a plan", () => {
  it("lets consultants and managers of the whole organisation edit, and managers scoped to departments only read", () => {
    expect(mayEditPlan("consultant", null)).toBe(true);
    expect(mayEditPlan("consultant", { department: ["Sales"] })).toBe(true);
    expect(mayEditPlan("manager", null)).toBe(true);
    expect(mayEditPlan("manager", { department: ["Sales"] })).toBe(false);
  });
});

describe("focus levels", () => {
  it("keeps each level once, top-down, whatever order they were chosen in", () => {
    expect(orderedFocus(["context", "values", "context", "mission"])).toEqual(["mission", "values", "context"]);
  });

  it("preselects the start-here level until the focus is saved; a saved empty focus stays empty", () => {
    expect(focusOf(null, "values")).toEqual(["values"]);
    expect(focusOf(null, null)).toEqual([]);
    expect(focusOf([], "values")).toEqual([]);
    expect(focusOf(["skills", "identity"], "values")).toEqual(["identity", "skills"]);
  });
});

describe("the plan a round is read against", () => {
  const round = (campaignId: string, date: string, hasPlan: boolean, createdAt = "2020-01-01 00:00:00") => ({
    campaignId,
    date,
    createdAt,
    hasPlan,
  });

  it("is the latest earlier round with a plan, not a later one nor one without a plan", () => {
    const rounds = [
      round("r2024", "2024-03-01", true),
      round("r2025", "2025-03-01", false),
      round("r2026", "2026-03-01", true),
      round("r2027", "2027-03-01", true),
    ];
    expect(previousPlanRound(rounds, "r2026")).toBe("r2024");
    expect(previousPlanRound(rounds, "r2027")).toBe("r2026");
    expect(previousPlanRound(rounds, "r2024")).toBeNull();
    expect(previousPlanRound(rounds, "unknown")).toBeNull();
  });

  it("orders rounds on the same date by when they were made", () => {
    const rounds = [
      round("b", "2026-03-01", true, "2026-01-02 10:00:00"),
      round("a", "2026-03-01", true, "2026-01-01 10:00:00"),
    ];
    expect(previousPlanRound(rounds, "b")).toBe("a");
    expect(previousPlanRound(rounds, "a")).toBeNull();
  });

  it("puts each of the earlier plan's levels beside its trend, the step only between consecutive rounds", () => {
    const trends = [
      {
        level: "values" as const,
        points: [
          { campaignId: "a", score: 52 },
          { campaignId: "b", score: 61 },
        ],
        steps: [{ from: "a", to: "b", change: 9, label: "improved" as const }],
      },
      {
        level: "skills" as const,
        points: [
          { campaignId: "a", score: 70 },
          { campaignId: "x", score: 71 },
          { campaignId: "b", score: 68 },
        ],
        steps: [
          { from: "a", to: "x", change: 1, label: "no_significant_change" as const },
          { from: "x", to: "b", change: -3, label: "no_significant_change" as const },
        ],
      },
    ];
    expect(movesSince(["skills", "values", "skills", "mission"], trends, "a", "b")).toEqual([
      { level: "mission", before: null, after: null, change: null, label: null },
      { level: "values", before: 52, after: 61, change: 9, label: "improved" },
      // Not consecutive in the trend: both scores, but no test was made between them.
      { level: "skills", before: 70, after: 68, change: null, label: null },
    ]);
  });
});

describe("actions", () => {
  const action: PlanAction = {
    id: "a",
    level: "values",
    title: "Gesprek",
    owner: "Teamleider",
    dueOn: "2026-06-01",
    status: "planned",
  };

  it("names only the fields a change really changes", () => {
    expect(changedFields(action, { status: "done", owner: "Teamleider", dueOn: null })).toEqual(["status", "dueOn"]);
    expect(changedFields(action, { title: "Gesprek" })).toEqual([]);
  });

  it("takes only real calendar dates", () => {
    expect(isDueDate("2026-02-28")).toBe(true);
    expect(isDueDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "1999-12-31", "2026-04-31"])
      expect(isDueDate(bad), bad).toBe(false);
  });
});

describe("the staff summary", () => {
  it("holds the round's levels, start-here and actions, and nothing finer: no items, units, comments or ids of actions", () => {
    // Forty respondents whose values are weak: 2 on a 1–5 scale for everyone, every other level 4.
    const n = 40;
    const stats = emptyStats();
    stats.n = n;
    for (const level of LEVEL_IDS) {
      const v = level === "values" ? 2 : 4;
      stats.scales[level] = {
        n,
        sum: n * v,
        sumSq: n * v * v + (level === "values" ? 4 : 4),
        items: n * 4,
        favourable: v === 4 ? n * 4 : 0,
        unfavourable: v === 2 ? n * 4 : 0,
      };
    }
    // Measured reliably: the release's alpha per level (no item counts here to compute it from).
    stats.alpha = Object.fromEntries(LEVEL_IDS.map((l) => [l, { alpha: 0.8, items: 4, n, warning: false }]));
    const report = buildReport({ group: groupOf(stats), heatmap: null, management: null });
    if (report.suppressed) throw new Error("expected a report");
    const actions: PlanAction[] = [
      {
        id: "secret-id",
        level: "values",
        title: "Waardengesprek per team",
        owner: "Directeur",
        dueOn: null,
        status: "in_progress",
      },
    ];
    const summary = staffSummary(
      { organisation: "Alfa", title: "Ronde 2026", releasedOn: "2026-04-01", k: 5 },
      report,
      { focusLevels: ["values"], actions },
    );
    expect(summary.round).toEqual({
      organisation: "Alfa",
      title: "Ronde 2026",
      releasedOn: "2026-04-01",
      k: 5,
      respondents: n,
    });
    expect(summary.levels.map((l) => l.id)).toEqual([...LEVEL_IDS]);
    expect(summary.levels.find((l) => l.id === "values")).toMatchObject({ score: 25, weak: true });
    expect(summary.levels.find((l) => l.id === "mission")).toMatchObject({ score: 75, weak: false });
    expect(summary.startHere?.level).toBe("values");
    expect(summary.startHere?.explanation.nl).toMatch(/^Begin bij waarden en overtuigingen/);
    expect(summary.plan.actions).toEqual([
      { level: "values", title: "Waardengesprek per team", owner: "Directeur", dueOn: null, status: "in_progress" },
    ]);
    expect(Object.keys(summary).sort()).toEqual(["decisions", "levels", "plan", "round", "startHere"]);
    expect(JSON.stringify(summary)).not.toContain("secret-id");
  });
});
